import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { EmailAddress } from '@/components/ui/email-address';
import { verifyEmail } from '@/lib/email/verification';

export const metadata: Metadata = { title: 'Confirm your email address' };

/** Opening the link confirms: the token is single use, so a reload says the link is spent. */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const value = Array.isArray(token) ? token[0] : token;
  const result = value ? await verifyEmail(value) : null;
  return (
    <div className="mx-auto w-full max-w-md">
      <Card>
        <h1 className="mb-3 text-2xl font-bold tracking-tight">Confirm your email address</h1>
        {result?.ok ? (
          <p role="status" className="text-sm font-medium text-emerald-800 dark:text-emerald-200">
            Thank you: <EmailAddress email={result.value.email} /> is verified.
          </p>
        ) : (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {result && !result.ok ? result.message : 'This link is incomplete. Open the link from the email again.'} If
            your address already shows as verified, there is nothing more to do; otherwise ask for a new link in your
            settings.
          </p>
        )}
        <p className="mt-6 text-sm">
          <Link
            href="/settings/account"
            className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
          >
            Go to your settings
          </Link>
        </p>
      </Card>
    </div>
  );
}
