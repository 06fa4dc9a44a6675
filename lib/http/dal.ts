import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { pageData } from '../platform/outage';
import { isSecureRequest, readSessionCode } from './session-cookie';
import { resolveSessionWithProfile, type SessionWithProfile } from '../account/session-profile';

export type PageSession = SessionWithProfile<'hash'>;

/**
 * The session of this request, with the caller's profile (its image as a URL),
 * resolved from the cookie in one database round trip, once per request (the
 * layout and the page share it). Every page and action asks here, never a
 * header the proxy might have set.
 */
export const getCurrentSession = cache(async (): Promise<PageSession | null> => {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  // An outage is the "temporarily unavailable" page (503, app/error.tsx), never a signed-out look.
  return pageData(() => resolveSessionWithProfile(readSessionCode(jar, isSecureRequest(requestHeaders)), 'hash'));
});

/** For signed-in pages and actions: the session, or a redirect to log in and come back. */
export async function requireSession(returnTo: string): Promise<PageSession> {
  const session = await getCurrentSession();
  if (!session) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return session;
}

/** For pages only a signed-out visitor needs (landing, log in, sign up): a signed-in one goes to their profile. */
export async function redirectIfSignedIn(): Promise<void> {
  if (await getCurrentSession()) redirect('/profile');
}
