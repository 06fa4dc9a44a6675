import { NextResponse, type NextRequest } from 'next/server';
import {
  contentSecurityPolicy,
  createNonce,
  FORBIDDEN_PAGE,
  isCrossSitePost,
  pageSecurityHeaders,
} from '@/lib/security/csp';
import { isSecureRequest, ownOrigin, readSessionCode } from '@/lib/http/session-cookie';

const SIGNED_IN_ONLY = ['/profile', '/settings'];

/**
 * An optimistic redirect on the cookie's presence only: no database query
 * here (Next's authentication guide), so a page view costs one session lookup,
 * in the data-access layer (lib/http/dal.ts), which is the real check. A signed-in
 * visitor to /login or /signup is sent on by that page itself, after the real
 * check: redirecting on a stale cookie here would loop with the page's own redirect to /login.
 */
function redirectFor(request: NextRequest): NextResponse | null {
  const { pathname, search } = request.nextUrl;
  const signedInOnly = SIGNED_IN_ONLY.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  if (!signedInOnly || readSessionCode(request.cookies, isSecureRequest(request.headers))) return null;
  const login = new URL('/login', request.url);
  login.searchParams.set('next', pathname + search);
  return NextResponse.redirect(login);
}

/**
 * Every page answer gets a fresh CSP nonce: set on the request too, where Next
 * reads it and puts it on its own scripts (which makes every page dynamic).
 * Non-GET methods on build files are refused by the runner (server/start.ts), before Next.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/_next/')) return NextResponse.next();

  const secure = isSecureRequest(request.headers);
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' });
  const extra = { 'content-security-policy': policy, ...pageSecurityHeaders(secure) };

  let response: NextResponse;
  if (isCrossSitePost(request.method, request.headers, ownOrigin(request.headers))) {
    response = new NextResponse(FORBIDDEN_PAGE, {
      status: 403,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  } else {
    const redirect = redirectFor(request);
    if (redirect) {
      response = redirect;
    } else {
      const headers = new Headers(request.headers);
      headers.set('x-nonce', nonce);
      headers.set('content-security-policy', policy);
      response = NextResponse.next({ request: { headers } });
    }
  }
  for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every page; not the API (it authenticates itself and must see bodies unbuffered), nor build files and icons.
  matcher: ['/((?!api/|_next/static/|_next/image|favicon\\.ico).*)'],
};
