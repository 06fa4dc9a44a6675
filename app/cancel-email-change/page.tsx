import type { Metadata } from 'next';
import { LinkPage } from '@/components/link-page';
import { ConfirmLinkForm } from '@/components/forms/confirm-link-form';

export const metadata: Metadata = { title: 'Stop the email change' };

/** The link mailed to the current address when a change is requested; the button stops the change. */
export default async function CancelEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  return (
    <LinkPage
      title="Stop the email change"
      token={token}
      intro={
        'This cancels the pending change, so your account keeps its address. ' +
        'If you did not ask for the change, someone knows your password: change it afterwards.'
      }
    >
      {(value) => (
        <ConfirmLinkForm
          token={value}
          purpose="cancel-change"
          label="Stop the email change"
          submit="Stop this change"
        />
      )}
    </LinkPage>
  );
}
