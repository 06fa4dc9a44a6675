import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import Link from 'next/link';
import { ProviderSignUpForm } from '@/components/forms/provider-signup-form';
import { Card } from '@/components/ui/card';
import { EmailAddress } from '@/components/ui/email-address';
import { findSignInProvider } from '@/lib/auth/sign-in-providers';
import { redirectIfSignedIn } from '@/lib/http/dal';
import { openSignUp, secureRequest, signUpCookieName } from '@/lib/http/provider-flow';

export const metadata: Metadata = { title: 'Finish signing up' };

/** After a provider vouched for someone new: confirm (or edit) the proposed username and names. */
export default async function ProviderSignUpPage() {
  await redirectIfSignedIn();
  const secure = secureRequest(await headers());
  const pending = await openSignUp((await cookies()).get(signUpCookieName(secure))?.value);
  if (!pending) {
    return (
      <Card>
        <h1 className="mb-2 text-2xl font-bold tracking-tight">This sign-up has expired</h1>
        <p role="alert" className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          It waits 15 minutes, and it is used once. Please start again.
        </p>
        <Link
          href="/signup"
          className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          Sign up
        </Link>
      </Card>
    );
  }
  const name = findSignInProvider(pending.provider)?.displayName ?? pending.provider;
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Finish signing up with {name}</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Your account will use <EmailAddress email={pending.email ?? ''} />
        {pending.emailVerified
          ? `, which ${name} has verified.`
          : `. ${name} has not verified it, so we will send you a link to confirm it.`}{' '}
        You sign in with {name}; you can add a password later through “Forgot your password?”.
      </p>
      <ProviderSignUpForm
        defaults={{ username: pending.proposedUsername, firstName: pending.firstName, lastName: pending.lastName }}
      />
    </Card>
  );
}
