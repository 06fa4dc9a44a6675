import 'server-only';
import { cookies, headers } from 'next/headers';
import { clientInfo, isSecureRequest, sessionCookieName, sessionCookieOptions } from './session-cookie';
import { createSession } from './sessions';

/** Creates a session for this browser and sets the contract's cookie. */
export async function startBrowserSession(userId: number): Promise<void> {
  const requestHeaders = await headers();
  const session = await createSession(userId, clientInfo(requestHeaders));
  const secure = isSecureRequest(requestHeaders);
  (await cookies()).set(sessionCookieName(secure), session.code, sessionCookieOptions(secure, session.expiresAt));
}

/** Expires the cookie with the same attributes it was set with (a __Host- cookie needs Secure and Path=/). */
export async function clearBrowserSessionCookie(): Promise<void> {
  const secure = isSecureRequest(await headers());
  (await cookies()).set(sessionCookieName(secure), '', { ...sessionCookieOptions(secure, new Date(0)), maxAge: 0 });
}
