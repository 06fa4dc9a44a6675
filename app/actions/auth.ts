'use server';

import { redirect } from 'next/navigation';
import { createAccount, verifyCredentials } from '@/lib/account/accounts';
import { browserClient, clearBrowserSessionCookie, startBrowserSession } from '@/lib/http/browser-session';
import { getCurrentSession } from '@/lib/http/dal';
import { errorState } from '@/lib/http/form-state';
import { safeNextPath } from '@/lib/http/safe-next';
import { formAction } from '@/lib/http/server-action';
import { endSession } from '@/lib/auth/sessions';
import { loginSchema, signUpSchema } from '@/lib/validation/account';

export const signUp = formAction({ schema: signUpSchema, auth: 'none' }, async ({ input }) => {
  const result = await createAccount(input, await browserClient());
  if (!result.ok) return result;
  await startBrowserSession(result.value.id);
  redirect('/profile');
});

export const logIn = formAction({ schema: loginSchema, auth: 'none' }, async ({ input, formData }) => {
  const result = await verifyCredentials(input, await browserClient());
  if (!result.ok && result.code === 'deletion_scheduled') {
    // The password was right: the page offers "Cancel deletion" with the token the domain issued for it.
    return { ...errorState(result.message, formData), offer: result.details };
  }
  if (!result.ok) return result;
  await startBrowserSession(result.value.id);
  redirect(safeNextPath(String(formData.get('next') ?? '')));
});

/**
 * The log-out button: a form with no fields and no answer to show, so not a
 * `formAction`. Signed out already (or the database gone) still ends with the
 * cookie cleared and the login page.
 */
export async function logOut(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await endSession(session, await browserClient());
  await clearBrowserSessionCookie();
  redirect('/login');
}
