import type { Metadata } from 'next';
import { LinkPage } from '@/components/link-page';
import { NewPasswordForm } from '@/components/forms/new-password-form';

export const metadata: Metadata = { title: 'Restore your email address' };

export default async function RevertEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  return (
    <LinkPage
      title="Restore your email address"
      token={token}
      intro={
        'This puts your previous address back on your account and signs out every session. ' +
        'Whoever changed it may know your password, so choose a new one.'
      }
    >
      {(value) => <NewPasswordForm token={value} purpose="revert" label="Restore email" submit="Restore my email" />}
    </LinkPage>
  );
}
