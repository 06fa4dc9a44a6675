import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PasskeySignIn } from '@/components/forms/passkey-sign-in';
import { VerifySignInForm } from '@/components/forms/verify-sign-in-form';
import { Card } from '@/components/ui/card';
import { findMfaChallenge, secondFactorMethods } from '@/lib/auth/second-factor';
import { redirectIfSignedIn } from '@/lib/http/dal';
import { readPendingSignIn } from '@/lib/http/pending-sign-in';
import { safeNextPath } from '@/lib/http/safe-next';
import { pageData } from '@/lib/platform/outage';

export const metadata: Metadata = { title: 'Two-step sign-in' };

/** The second step of a sign-in; without a live pending sign-in (cookie from /login) there is nothing to do here. */
export default async function VerifySignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  await redirectIfSignedIn();
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  const token = await readPendingSignIn();
  const live = token ? await pageData(() => findMfaChallenge(token)) : null;
  if (live === null) redirect(`/login?next=${encodeURIComponent(next)}`);
  const methods = await pageData(() => secondFactorMethods(live));
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Two-step sign-in</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        {methods.includes('totp')
          ? `Your password was right. Now enter the code from your authenticator app${methods.includes('passkey') ? ', or use a passkey' : ''}.`
          : 'Your password was right. Now confirm it is you with your passkey.'}
      </p>
      {methods.includes('totp') ? <VerifySignInForm next={next} /> : null}
      {methods.includes('passkey') ? <PasskeySignIn next={next} secondStep /> : null}
      <p className="mt-4 text-center text-sm">
        <Link
          href="/login"
          className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          Start again
        </Link>
      </p>
    </Card>
  );
}
