import 'server-only';
import { cookies, headers } from 'next/headers';
import type { RequestClient } from '../account/accounts';
import { deviceCookieName, deviceCookieOptions } from './device-cookie';
import { issueDeviceToken } from '../auth/device-token';
import { clearSessionCookie, clientInfo, isSecureRequest, setSessionCookie } from './session-cookie';
import { createSession } from '../auth/sessions';

/** This browser as the domain sees it: address, user agent and the device token it holds, if any. */
export async function browserClient(): Promise<RequestClient> {
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  const deviceToken = jar.get(deviceCookieName(isSecureRequest(requestHeaders)))?.value ?? null;
  return { ...clientInfo(requestHeaders), deviceToken };
}

/**
 * Creates a session for this browser and sets the contract's cookie, plus the
 * device cookie that lets this browser keep signing in to the account while a
 * stranger's failed attempts pause everyone else.
 */
export async function startBrowserSession(userId: number): Promise<void> {
  const requestHeaders = await headers();
  const session = await createSession(userId, clientInfo(requestHeaders));
  const device = await issueDeviceToken(userId);
  const secure = isSecureRequest(requestHeaders);
  const jar = await cookies();
  setSessionCookie(jar, secure, session);
  jar.set(deviceCookieName(secure), device.token, deviceCookieOptions(secure, device.expiresAt));
}

export async function clearBrowserSessionCookie(): Promise<void> {
  clearSessionCookie(await cookies(), isSecureRequest(await headers()));
}
