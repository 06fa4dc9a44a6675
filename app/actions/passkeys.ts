'use server';

import { passkeySignInOptions, verifyPasskeyLogin } from '@/lib/account/passkeys';
import { browserClient, startBrowserSession } from '@/lib/http/browser-session';
import { clearPendingSignInCookie, readPendingSignIn } from '@/lib/http/pending-sign-in';
import { safeNextPath } from '@/lib/http/safe-next';
import { passkeySignInVerifySchema } from '@/lib/validation/passkeys';

/*
 * Passkey sign-in in the browser: on /login on its own (a discoverable credential, also from autofill), on
 * /login/verify as the second step (the pending sign-in is this browser's cookie). The session is the one a
 * password sign-in gets (startBrowserSession).
 */

type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

export async function passkeyOptionsAction(secondStep: boolean): Promise<Answer<Record<string, unknown>>> {
  const mfaToken = secondStep ? await readPendingSignIn() : null;
  if (secondStep && !mfaToken) return { ok: false, message: PENDING_GONE };
  const result = await passkeySignInOptions({ mfaToken: mfaToken ?? undefined }, await browserClient());
  return result.ok ? { ok: true, value: { ...result.value } } : { ok: false, message: result.message };
}

export async function passkeySignInAction(
  credential: unknown,
  secondStep: boolean,
  next: string,
): Promise<Answer<{ redirectTo: string }>> {
  const parsed = passkeySignInVerifySchema.safeParse({ credential });
  if (!parsed.success) return { ok: false, message: 'That passkey could not be verified. Try again.' };
  const mfaToken = secondStep ? await readPendingSignIn() : null;
  if (secondStep && !mfaToken) return { ok: false, message: PENDING_GONE };
  const result = await verifyPasskeyLogin(
    { credential: parsed.data.credential, mfaToken: mfaToken ?? undefined },
    await browserClient(),
  );
  if (!result.ok) {
    if (secondStep && result.code === 'invalid_credentials') await clearPendingSignInCookie();
    return { ok: false, message: result.message };
  }
  if (secondStep) await clearPendingSignInCookie();
  await startBrowserSession(result.value.id);
  return { ok: true, value: { redirectTo: safeNextPath(next) } };
}

const PENDING_GONE = 'This sign-in has expired or was finished already. Log in again with your password.';
