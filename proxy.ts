import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, createNonce, FORBIDDEN_PAGE, isCrossSitePost, pageSecurityHeaders, staticMethodGuard } from '@/lib/csp';
import { ownOrigin } from '@/lib/http/auth';
import { isSecureRequest, readSessionCode } from '@/lib/session-cookie';
import { resolveSession } from '@/lib/sessions';

const SIGNED_IN_ONLY = ['/profile', '/settings'];
const SIGNED_OUT_ONLY = ['/', '/login', '/signup'];

/** Fast redirects only. Pages and actions check the session again in lib/dal.ts; nothing here is trusted further down. */
async function redirectFor(request: NextRequest): Promise<NextResponse | null> {
  const { pathname, search } = request.nextUrl;
  const signedInOnly = SIGNED_IN_ONLY.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  if (!signedInOnly && !SIGNED_OUT_ONLY.includes(pathname)) return null;
  const session = await resolveSession(readSessionCode(request.cookies, isSecureRequest(request.headers)));
  if (signedInOnly && !session) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + search);
    return NextResponse.redirect(login);
  }
  if (SIGNED_OUT_ONLY.includes(pathname) && session) return NextResponse.redirect(new URL('/profile', request.url));
  return null;
}

/**
 * Every page answer gets a fresh CSP nonce: set on the request too, where Next
 * reads it and puts it on its own scripts (which makes every page dynamic).
 */
export async function proxy(request: NextRequest) {
  const staticRefusal = staticMethodGuard(request.method, request.nextUrl.pathname);
  if (staticRefusal) return staticRefusal;
  if (request.nextUrl.pathname.startsWith('/_next/')) return NextResponse.next();

  const secure = isSecureRequest(request.headers);
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' });
  const extra = { 'content-security-policy': policy, ...pageSecurityHeaders(secure) };

  let response: NextResponse;
  if (isCrossSitePost(request.method, request.headers, ownOrigin(request.headers))) {
    response = new NextResponse(FORBIDDEN_PAGE, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  } else {
    const redirect = await redirectFor(request);
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
  // Pages (and non-GET requests to build files); not the API, which authenticates itself and must see bodies unbuffered.
  matcher: ['/((?!api/|_next/image|favicon\\.ico).*)'],
};
