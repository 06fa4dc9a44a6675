import { isIP } from 'node:net';

/** The contract's cookie: `__Host-session` over https, `session` over http. */
const SECURE_COOKIE = '__Host-session';
const PLAIN_COOKIE = 'session';

function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_COOKIE : PLAIN_COOKIE;
}

function sessionCookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: maxAgeSeconds };
}

/** Next's cookie API: `await cookies()` in actions and pages, `response.cookies` on a NextResponse. */
type CookieWriter = { set(name: string, value: string, options: ReturnType<typeof sessionCookieOptions>): unknown };

/** Sets the contract's cookie to the session code, for the session's remaining lifetime. */
export function setSessionCookie(jar: CookieWriter, secure: boolean, session: { code: string; expiresAt: Date }): void {
  const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
  jar.set(sessionCookieName(secure), session.code, sessionCookieOptions(secure, maxAge));
}

/** Expires the cookie with the attributes it was set with (a __Host- cookie needs Secure and Path=/). */
export function clearSessionCookie(jar: CookieWriter, secure: boolean): void {
  jar.set(sessionCookieName(secure), '', sessionCookieOptions(secure, 0));
}

type CookieReader = { get(name: string): { value: string } | undefined };

/**
 * Over https only the `__Host-` cookie counts: the browser guarantees it was
 * set by this origin over https, so a sibling subdomain cannot plant one.
 */
export function readSessionCode(cookies: CookieReader, secure: boolean): string | undefined {
  return secure ? cookies.get(SECURE_COOKIE)?.value : cookies.get(PLAIN_COOKIE)?.value;
}

/** Next sets x-forwarded-proto from the socket when no proxy did; a lie only breaks the liar's own cookie. */
export function isSecureRequest(headers: { get(name: string): string | null }): boolean {
  return (headers.get('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https';
}

/**
 * The origin the browser used to reach us: the Host (or a proxy's
 * X-Forwarded-Host) and protocol. A cross-site page cannot set these headers
 * on a victim's request without a CORS preflight, which this API never grants.
 */
export function ownOrigin(headers: { get(name: string): string | null }): string {
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0]!.trim();
  return `${isSecureRequest(headers) ? 'https' : 'http'}://${host}`;
}

/**
 * The one place the app reads the client's address (sessions list, activity,
 * per-address limits): the runner (server/start.ts) overwrites X-Forwarded-For
 * with the socket's address, or with the right-most untrusted entry behind a
 * TRUST_PROXY. An entry that is not an IP address is dropped, not stored.
 */
export function clientInfo(headers: { get(name: string): string | null }) {
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',')[0]?.trim() ?? '';
  return {
    userAgent: headers.get('user-agent') ?? '',
    ip: isIP(forwarded) ? forwarded : '',
  };
}
