'use server';

import { redirect } from 'next/navigation';
import { createAccount, verifyCredentials } from '@/lib/account/accounts';
import { browserClient, clearBrowserSessionCookie, startBrowserSession } from '@/lib/http/browser-session';
import { getCurrentSession } from '@/lib/http/dal';
import { clearPendingSignInCookie, readPendingSignIn, setPendingSignInCookie } from '@/lib/http/pending-sign-in';
import { errorState } from '@/lib/http/form-state';
import { completeSecondStep } from '@/lib/account/two-step';
import { secondStepSchema } from '@/lib/validation/two-step';
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
  const next = safeNextPath(String(formData.get('next') ?? ''));
  if (result.value.kind === 'second_step') {
    await setPendingSignInCookie(result.value.mfaToken, result.value.expiresAt);
    redirect(`/login/verify?next=${encodeURIComponent(next)}`);
  }
  await startBrowserSession(result.value.user.id);
  redirect(next);
});

/**
 * /login/verify: the pending sign-in is this browser's cookie, the proof is the form's.
 * Its cookie goes once the sign-in is done (or dead); a wrong code keeps it for another try.
 */
export const verifySecondStep = formAction({ schema: secondStepSchema, auth: 'none' }, async ({ input, formData }) => {
  const mfaToken = await readPendingSignIn();
  if (!mfaToken) return errorState(PENDING_GONE);
  const result = await completeSecondStep({ ...input, mfaToken }, await browserClient());
  if (!result.ok) {
    if (result.code === 'invalid_credentials') await clearPendingSignInCookie();
    return result;
  }
  await clearPendingSignInCookie();
  await startBrowserSession(result.value.id);
  redirect(safeNextPath(String(formData.get('next') ?? '')));
});

const PENDING_GONE = 'This sign-in has expired or was finished already. Log in again with your password.';

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
