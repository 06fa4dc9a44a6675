import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { beginAuthorization, findSignInProvider, SignInProviderError } from '@/lib/auth/sign-in-providers';
import { getCurrentSession } from '@/lib/http/dal';
import {
  appOrigin,
  callbackUrl,
  continueToProviderPage,
  flowCookieName,
  FLOW_TTL_SECONDS,
  providerCookieOptions,
  providerProblemPage,
  sealFlow,
  secureRequest,
  type ProviderFlow,
} from '@/lib/http/provider-flow';
import { safeNextPath } from '@/lib/http/safe-next';
import { ownOrigin } from '@/lib/http/session-cookie';

type Context = { params: Promise<{ provider: string }> };

/** Sets the sealed flow cookie and sends the browser to the provider. */
async function start(
  request: NextRequest,
  providerId: string,
  flow: Pick<ProviderFlow, 'mode' | 'sessionId' | 'next'>,
) {
  const provider = findSignInProvider(providerId);
  if (!provider) return providerProblemPage(404, 'Unknown sign-in provider', 'There is no such way to sign in here.');
  try {
    const { url, checks } = await beginAuthorization(provider, callbackUrl(request.headers, provider.id));
    const secure = secureRequest(request.headers);
    (await cookies()).set(
      flowCookieName(secure),
      await sealFlow({ ...flow, ...checks, provider: provider.id }),
      providerCookieOptions(secure, FLOW_TTL_SECONDS),
    );
    if (flow.mode === 'link') return continueToProviderPage(provider.displayName, url);
    return new Response(null, { status: 303, headers: { location: url.href, 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof SignInProviderError) {
      return providerProblemPage(503, `${provider.displayName} is unavailable`, error.message);
    }
    throw error;
  }
}

/** "Sign in with …" (a link on /login and /signup): starts the round trip. A signed-in visitor goes on. */
export async function GET(request: NextRequest, { params }: Context) {
  const { provider } = await params;
  const next = safeNextPath(request.nextUrl.searchParams.get('next') ?? '');
  if (await getCurrentSession()) {
    return new Response(null, { status: 303, headers: { location: `${appOrigin(request.headers)}/profile` } });
  }
  return start(request, provider, { mode: 'sign_in', next });
}

/**
 * Linking, from settings: a POST from this site (the proxy refuses cross-site ones; checked again here), by a
 * signed-in session, which the callback must still be in.
 */
export async function POST(request: NextRequest, { params }: Context) {
  const { provider } = await params;
  if (request.headers.get('origin') !== ownOrigin(request.headers)) {
    return providerProblemPage(403, 'Request refused', 'Linking must be started from Profile Hub itself.');
  }
  const session = await getCurrentSession();
  if (!session) {
    return new Response(null, {
      status: 303,
      headers: { location: `${appOrigin(request.headers)}/login?next=${encodeURIComponent('/settings/security')}` },
    });
  }
  return start(request, provider, { mode: 'link', sessionId: session.sessionId, next: '/settings/security' });
}
