import type { Metadata } from 'next';
import { LinkPage } from '@/components/link-page';
import { NewPasswordForm } from '@/components/forms/new-password-form';

export const metadata: Metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  return (
    <LinkPage title="Choose a new password" token={token} intro="Every session of your account will be signed out.">
      {(value) => <NewPasswordForm token={value} purpose="reset" label="Reset password" submit="Set new password" />}
    </LinkPage>
  );
}
