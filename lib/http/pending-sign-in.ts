import 'server-only';
import { cookies, headers } from 'next/headers';
import { isSecureRequest } from './session-cookie';

/*
 * Between the password and the second step the browser holds the pending
 * sign-in's token (the API's mfaToken) in its own cookie: httpOnly, 5 minutes,
 * single-use (the database row dies with the second step). It is no session:
 * its name is not the session cookie's and its token is in no sessions row,
 * so nothing that needs a session accepts it.
 */

function cookieName(secure: boolean): string {
  return secure ? '__Host-pending-sign-in' : 'pending-sign-in';
}

export async function setPendingSignInCookie(token: string, expiresAt: Date): Promise<void> {
  const secure = isSecureRequest(await headers());
  (await cookies()).set(cookieName(secure), token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
    maxAge: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

export async function readPendingSignIn(): Promise<string | null> {
  const secure = isSecureRequest(await headers());
  return (await cookies()).get(cookieName(secure))?.value ?? null;
}

export async function clearPendingSignInCookie(): Promise<void> {
  const secure = isSecureRequest(await headers());
  (await cookies()).set(cookieName(secure), '', { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: 0 });
}
