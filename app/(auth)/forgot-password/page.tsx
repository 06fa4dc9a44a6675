import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ForgotPasswordForm } from '@/components/forms/forgot-password-form';
import { Card } from '@/components/ui/card';
import { getCurrentSession } from '@/lib/http/dal';
import { MAIL_OFF_MESSAGE, mailConfigured } from '@/lib/email/verification';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default async function ForgotPasswordPage() {
  if (await getCurrentSession()) redirect('/profile');
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Forgot your password?</h1>
      {mailConfigured() ? (
        <>
          <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
            Enter the address of your account and we will mail you a link to choose a new password.
          </p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p role="status" className="mt-4 text-sm text-slate-700 dark:text-slate-300">
          {MAIL_OFF_MESSAGE}
        </p>
      )}
      <p className="mt-6 text-center text-sm">
        <Link
          href="/login"
          className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          Back to log in
        </Link>
      </p>
    </Card>
  );
}
