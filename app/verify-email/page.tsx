import type { Metadata } from 'next';
import { LinkPage } from '@/components/link-page';
import { ConfirmLinkForm } from '@/components/forms/confirm-link-form';

export const metadata: Metadata = { title: 'Confirm your email address' };

/** Opening the link verifies nothing (mail scanners open links too): the Confirm button does. */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  return (
    <LinkPage
      title="Confirm your email address"
      token={token}
      intro="Press Confirm to prove that this address is yours; you need it to reset a forgotten password."
    >
      {(value) => <ConfirmLinkForm token={value} purpose="verify" label="Confirm your email" submit="Confirm" />}
    </LinkPage>
  );
}
