import { NextResponse, type NextRequest } from 'next/server';
import { isSecureRequest, readSessionCode } from '@/lib/session-cookie';
import { resolveSession } from '@/lib/sessions';

const SIGNED_IN_ONLY = ['/profile', '/settings'];
const SIGNED_OUT_ONLY = ['/', '/login', '/signup'];

/**
 * Fast redirects only. Pages and actions check the session again in the
 * data-access layer (lib/dal.ts); nothing here is trusted further down.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  let session;
  try {
    session = await resolveSession(readSessionCode(request.cookies, isSecureRequest(request.headers)));
  } catch {
    // An error here would be a bare 500 from the proxy. The page checks the session again
    // and shows the app's error page (a database outage as "temporarily unavailable").
    return NextResponse.next();
  }
  const signedInOnly = SIGNED_IN_ONLY.some((path) => pathname === path || pathname.startsWith(`${path}/`));

  if (signedInOnly && !session) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + search);
    return NextResponse.redirect(login);
  }
  if (SIGNED_OUT_ONLY.includes(pathname) && session) {
    return NextResponse.redirect(new URL('/profile', request.url));
  }
  return NextResponse.next();
}

export const config = {
  // Pages only: the API authenticates itself and must see request bodies unbuffered.
  matcher: ['/', '/login', '/signup', '/profile/:path*', '/settings/:path*'],
};
