import { NextResponse, type NextRequest } from 'next/server';
import { isSecureRequest, readSessionCode } from '@/lib/session-cookie';

const SIGNED_IN_ONLY = ['/profile', '/settings'];

/**
 * An optimistic redirect on the cookie's presence only: no database query
 * here (Next's authentication guide), so a page view costs one session lookup,
 * in the data-access layer (lib/dal.ts), which is the real check. A signed-in
 * visitor to /login or /signup is sent on by that page itself, after the real
 * check: redirecting on a stale cookie here would loop with the page's own redirect to /login.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedInOnly = SIGNED_IN_ONLY.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  if (signedInOnly && !readSessionCode(request.cookies, isSecureRequest(request.headers))) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

export const config = {
  // Signed-in pages only: the API authenticates itself and must see request bodies unbuffered.
  matcher: ['/profile/:path*', '/settings/:path*'],
};
