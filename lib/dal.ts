import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { isSecureRequest, readSessionCode } from './session-cookie';
import { resolveSession, type ResolvedSession } from './sessions';

/**
 * The session of this request, resolved from the cookie against the database
 * once per request. Every page and action asks here, never a header the proxy
 * might have set.
 */
export const getCurrentSession = cache(async (): Promise<ResolvedSession | null> => {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  return resolveSession(readSessionCode(jar, isSecureRequest(requestHeaders)));
});

/** For signed-in pages and actions: the session, or a redirect to log in and come back. */
export async function requireSession(returnTo: string): Promise<ResolvedSession> {
  const session = await getCurrentSession();
  if (!session) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return session;
}

/** For pages only a signed-out visitor needs (landing, log in, sign up): a signed-in one goes to their profile. */
export async function redirectIfSignedIn(): Promise<void> {
  if (await getCurrentSession()) redirect('/profile');
}
