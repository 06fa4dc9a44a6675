import { NextResponse, type NextRequest } from 'next/server';
import { isDatabaseUnavailable } from '@/lib/db-errors';
import { markRequestOutage } from '@/lib/outage';
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
  } catch (error) {
    // The database is down: let the page itself answer (its data access raises the 503 outage page).
    if (isDatabaseUnavailable(error)) {
      markRequestOutage();
      return NextResponse.next();
    }
    throw error;
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
