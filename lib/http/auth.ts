import { resolveSession, type ResolvedSession } from '@/lib/sessions';
import { isSecureRequest, readSessionCode } from '@/lib/session-cookie';
import { HttpError } from './errors';

export type Authenticated = ResolvedSession & { code: string };

/** `Authorization: Bearer <code>` or the bare `Authorization: <code>` the old clients send. */
function codeFromAuthorization(header: string | null): string | null {
  if (!header) return null;
  const value = header.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  return bearer ? bearer[1]! : value;
}

/** A malformed %-escape (in any cookie, ours or a neighbour's on the same host) is kept as is, never a 500. */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function cookieReader(request: Request) {
  const jar = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) {
      const name = part.slice(0, index).trim();
      if (!jar.has(name)) jar.set(name, decodeCookieValue(part.slice(index + 1).trim()));
    }
  }
  return { get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined) };
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

export async function authenticate(request: Request, options: { stateChanging: boolean }): Promise<Authenticated> {
  const fromHeader = codeFromAuthorization(request.headers.get('authorization'));
  const code = fromHeader ?? readSessionCode(cookieReader(request), isSecureRequest(request.headers)) ?? null;
  if (!code) throw new HttpError('unauthenticated', 'Sign in first: send your session code in the Authorization header.');
  if (!fromHeader && options.stateChanging) assertSameOrigin(request);
  const session = await resolveSession(code);
  if (!session) throw new HttpError('unauthenticated', 'Your session has ended or is not valid. Sign in again.');
  return { ...session, code };
}
