import type { NextRequest } from 'next/server';
import { resolveSession, type ResolvedSession } from '@/lib/sessions';
import { isSecureRequest, readSessionCode } from '@/lib/session-cookie';
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
 * The origin the browser used to reach us: the Host (or a proxy's
 * X-Forwarded-Host) and protocol. A cross-site page cannot set these headers
 * on a victim's request without a CORS preflight, which this API never grants.
 */
export function ownOrigin(headers: Headers): string {
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0]!.trim();
  return `${isSecureRequest(headers) ? 'https' : 'http'}://${host}`;
}

/** Cookies are read with Next's own parser, as in proxy.ts (a malformed %-escape drops only that cookie). */
export async function authenticate(request: NextRequest, options: { stateChanging: boolean }): Promise<Authenticated> {
  const fromHeader = codeFromAuthorization(request.headers.get('authorization'));
  const code = fromHeader ?? readSessionCode(request.cookies, isSecureRequest(request.headers)) ?? null;
  if (!code) throw new HttpError('unauthenticated', 'Sign in first: send your session code in the Authorization header.');
  if (!fromHeader && options.stateChanging) assertSameOrigin(request);
  const session = await resolveSession(code);
  if (!session) throw new HttpError('unauthenticated', 'Your session has ended or is not valid. Sign in again.');
  return { ...session, code };
}
