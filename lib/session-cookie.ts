import { isIP } from 'node:net';

/** The contract's cookie: `__Host-session` over https, `session` over http. */
export const SECURE_COOKIE = '__Host-session';
export const PLAIN_COOKIE = 'session';

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_COOKIE : PLAIN_COOKIE;
}

export function sessionCookieOptions(secure: boolean, expiresAt: Date) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure,
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  };
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

/** Shown in the sessions list only; a first X-Forwarded-For entry that is not an IP address is dropped, not stored. */
export function clientInfo(headers: { get(name: string): string | null }) {
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',')[0]?.trim() ?? '';
  return {
    userAgent: headers.get('user-agent') ?? '',
    ip: isIP(forwarded) ? forwarded : '',
  };
}
