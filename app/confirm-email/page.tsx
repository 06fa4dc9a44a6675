import type { Metadata } from 'next';
import { LinkPage } from '@/components/link-page';
import { ConfirmLinkForm } from '@/components/forms/confirm-link-form';

export const metadata: Metadata = { title: 'Confirm your new email address' };

/** Opening the link changes nothing (mail scanners open links too): the Confirm button does. */
export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  return (
    <LinkPage
      title="Confirm your new email address"
      token={token}
      intro="Press Confirm to move your account to this address. From then on you sign in with it."
    >
      {(value) => (
        <ConfirmLinkForm token={value} purpose="confirm-change" label="Confirm your new email" submit="Confirm" />
      )}
    </LinkPage>
  );
}
