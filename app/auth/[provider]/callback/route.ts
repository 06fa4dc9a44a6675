import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { findSignInProvider, finishAuthorization, SignInProviderError } from '@/lib/auth/sign-in-providers';
import { linkIdentity, signInWithProvider } from '@/lib/account/linked-identities';
import { browserClient, startBrowserSession } from '@/lib/http/browser-session';
import { getCurrentSession } from '@/lib/http/dal';
import { setPendingSignInCookie } from '@/lib/http/pending-sign-in';
import {
  appOrigin,
  callbackUrl,
  flowCookieName,
  openFlow,
  providerCookieOptions,
  providerProblemPage,
  sealSignUp,
  secureRequest,
  signUpCookieName,
  SIGN_UP_TTL_SECONDS,
} from '@/lib/http/provider-flow';

type Context = { params: Promise<{ provider: string }> };

const START_AGAIN = [
  { href: '/login', label: 'Back to log in' },
  { href: '/signup', label: 'Sign up' },
];

/**
 * Where the provider sends the browser back. The sealed flow cookie is deleted first, whatever follows: each
 * round trip is answered once. Then openid-client checks state, PKCE and (OpenID) the ID token and nonce.
 * Every refusal is a clear page with its status; nothing here answers 500 for a bad request.
 */
export async function GET(request: NextRequest, { params }: Context) {
  const { provider: providerId } = await params;
  const provider = findSignInProvider(providerId);
  if (!provider) return providerProblemPage(404, 'Unknown sign-in provider', 'There is no such way to sign in here.');

  const secure = secureRequest(request.headers);
  const jar = await cookies();
  const flow = await openFlow(jar.get(flowCookieName(secure))?.value);
  jar.set(flowCookieName(secure), '', providerCookieOptions(secure, 0));
  if (!flow || flow.provider !== provider.id) {
    return providerProblemPage(
      400,
      'Sign-in could not be completed',
      `This answer from ${provider.displayName} does not belong to a sign-in started in this browser, or it was used already or has expired. Nothing was changed. Please start again.`,
      START_AGAIN,
    );
  }

  // The URL the provider was told to return to, with what it sent back (robust behind a proxy).
  const current = new URL(callbackUrl(request.headers, provider.id));
  current.search = request.nextUrl.search;
  let profile;
  try {
    profile = await finishAuthorization(provider, current, flow);
  } catch (error) {
    if (!(error instanceof SignInProviderError)) throw error;
    const status = error.reason === 'unavailable' ? 503 : 400;
    const title = error.reason === 'denied' ? 'Sign-in cancelled' : 'Sign-in could not be completed';
    return providerProblemPage(status, title, `${error.message} Nothing was changed.`, START_AGAIN);
  }
  const client = await browserClient();
  const origin = appOrigin(request.headers);

  if (flow.mode === 'link') {
    const session = await getCurrentSession();
    if (!session || session.sessionId !== flow.sessionId) {
      return providerProblemPage(
        400,
        'Linking could not be completed',
        'Linking must finish in the session that started it, and that session has ended. Nothing was linked.',
        [{ href: '/settings/security', label: 'Back to settings' }],
      );
    }
    const linked = await linkIdentity(session, profile, provider.displayName, client);
    if (!linked.ok) {
      return providerProblemPage(409, `${provider.displayName} was not linked`, linked.message, [
        { href: '/settings/security', label: 'Back to settings' },
      ]);
    }
    return redirect(`${origin}/settings/security?linked=${encodeURIComponent(provider.id)}#linked-accounts`);
  }

  const result = await signInWithProvider(profile, provider.displayName, client);
  if (!result.ok) {
    if (result.code === 'rate_limited') {
      return providerProblemPage(429, 'Too many sign-ins', result.message, START_AGAIN);
    }
    if (result.code === 'deletion_scheduled') {
      return providerProblemPage(403, 'This account is scheduled for deletion', result.message, [
        { href: '/login', label: 'Log in with your password to cancel it' },
      ]);
    }
    const title = result.code === 'email_taken' ? 'This email already has an account' : 'No account was created';
    return providerProblemPage(result.code === 'email_taken' ? 409 : 400, title, result.message, [
      { href: '/login', label: 'Log in with your password' },
      { href: '/forgot-password', label: 'Forgot your password?' },
    ]);
  }
  if (result.value.kind === 'signed_in') {
    await startBrowserSession(result.value.user.id);
    return redirect(`${origin}${flow.next}`);
  }
  if (result.value.kind === 'second_step') {
    // As after a correct password: the second step on /login/verify, with the pending sign-in cookie.
    await setPendingSignInCookie(result.value.mfaToken, result.value.expiresAt);
    return redirect(`${origin}/login/verify?next=${encodeURIComponent(flow.next)}`);
  }
  jar.set(
    signUpCookieName(secure),
    await sealSignUp({ ...result.value.pending, next: flow.next }),
    providerCookieOptions(secure, SIGN_UP_TTL_SECONDS),
  );
  return redirect(`${origin}/signup/continue`);
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}
