import 'server-only';
import { cookies, headers } from 'next/headers';
import { clearSessionCookie, clientInfo, isSecureRequest, setSessionCookie } from './session-cookie';
import { createSession } from './sessions';

/** Creates a session for this browser and sets the contract's cookie. */
export async function startBrowserSession(userId: number): Promise<void> {
  const requestHeaders = await headers();
  const session = await createSession(userId, clientInfo(requestHeaders));
  setSessionCookie(await cookies(), isSecureRequest(requestHeaders), session);
}

export async function clearBrowserSessionCookie(): Promise<void> {
  clearSessionCookie(await cookies(), isSecureRequest(await headers()));
}
