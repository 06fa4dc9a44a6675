'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { createAccountWithProvider, unlinkIdentity } from '@/lib/account/linked-identities';
import { findSignInProvider } from '@/lib/auth/sign-in-providers';
import { browserClient, startBrowserSession } from '@/lib/http/browser-session';
import { errorState, successState } from '@/lib/http/form-state';
import { openSignUp, providerCookieOptions, secureRequest, signUpCookieName } from '@/lib/http/provider-flow';
import { formAction } from '@/lib/http/server-action';
import { providerSignUpSchema, unlinkProviderSchema } from '@/lib/validation/sign-in-providers';

/** The confirm page of a sign-up through a provider: what the provider vouched for is in the sealed cookie. */
export const completeProviderSignUp = formAction(
  { schema: providerSignUpSchema, auth: 'none' },
  async ({ input, formData }) => {
    const secure = secureRequest(await headers());
    const jar = await cookies();
    const pending = await openSignUp(jar.get(signUpCookieName(secure))?.value);
    if (!pending) {
      return errorState('This sign-up has expired or was completed already. Start again from Sign up.', formData);
    }
    const result = await createAccountWithProvider(pending, input, await browserClient());
    if (!result.ok) return result;
    jar.set(signUpCookieName(secure), '', providerCookieOptions(secure, 0));
    await startBrowserSession(result.value.id);
    redirect(pending.next);
  },
);

export const unlinkProvider = formAction(
  { schema: unlinkProviderSchema, returnTo: '/settings/security' },
  async ({ input, session }) => {
    const result = await unlinkIdentity(session, input.provider, await browserClient());
    if (!result.ok) return result;
    const name = findSignInProvider(input.provider)?.displayName ?? input.provider;
    return successState(`${name} is no longer linked to your account.`);
  },
);
