import type { NextRequest } from 'next/server';
import { resolveSession, type ResolvedSession } from '@/lib/auth/sessions';
import { isSecureRequest, ownOrigin, readSessionCode } from '@/lib/http/session-cookie';
import { HttpError } from './responses';

export type Authenticated = ResolvedSession & { code: string };

/** `Authorization: Bearer <code>` or the bare `Authorization: <code>` the old clients send. */
function codeFromAuthorization(header: string | null): string | null {
  if (!header) return null;
  const value = header.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  return bearer ? bearer[1]! : value;
}

/**
 * A state-changing request carried only by the browser's cookie must come from
 * this app's own pages (the contract's Origin rule; route handlers get no CSRF
 * check from Next). Header-token clients are not exposed to CSRF.
 */
function assertSameOrigin(request: Request) {
  const origin = request.headers.get('origin');
  if (!origin || origin !== ownOrigin(request.headers)) {
    throw new HttpError('forbidden_origin', 'This request must come from the Profile Hub site itself.');
  }
}

/**
 * Cookies are read with Next's own parser, as in proxy.ts (a malformed %-escape drops only that cookie).
 * `resolve` may fetch more in the same round trip (e.g. resolveSessionWithProfile).
 */
export async function authenticate<S extends ResolvedSession = ResolvedSession>(
  request: NextRequest,
  options: { stateChanging: boolean },
  resolve: ((code: string) => Promise<S | null>) | undefined = undefined,
): Promise<S & { code: string }> {
  const fromHeader = codeFromAuthorization(request.headers.get('authorization'));
  const code = fromHeader ?? readSessionCode(request.cookies, isSecureRequest(request.headers)) ?? null;
  if (!code)
    throw new HttpError('unauthenticated', 'Sign in first: send your session code in the Authorization header.');
  if (!fromHeader && options.stateChanging) assertSameOrigin(request);
  const session = await (resolve ?? (resolveSession as (code: string) => Promise<S | null>))(code);
  if (!session) throw new HttpError('unauthenticated', 'Your session has ended or is not valid. Sign in again.');
  return { ...session, code };
}
