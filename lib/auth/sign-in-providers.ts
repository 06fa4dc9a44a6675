import 'server-only';
import * as client from 'openid-client';
import { config, isLoopbackHost, type SignInProviderConfig } from '../platform/config';
import { logError } from '../platform/log';

/**
 * The client side of "Sign in with …": openid-client does the protocol (discovery, the authorization
 * request, PKCE, state, nonce, the token request and every ID-token check); this module only chooses
 * the provider and turns what it says about the person into a ProviderProfile.
 */

/** What a provider told us about the person, after every check passed. */
export type ProviderProfile = {
  provider: string;
  /** The provider's stable id for the person: the only thing that identifies them. */
  subject: string;
  /** Null when the provider gave none. */
  email: string | null;
  /** True only when the provider says so in so many words (`email_verified`, GitHub's `verified`). */
  emailVerified: boolean;
  firstName: string;
  lastName: string;
  /** A name the provider suggests (preferred_username, GitHub's login…), before our rules are applied. */
  username: string;
};

/** The one-time values of a flow: they travel in a sealed cookie and are checked at the callback. */
export type FlowChecks = { state: string; nonce: string; codeVerifier: string };

export class SignInProviderError extends Error {
  constructor(
    readonly reason: 'invalid' | 'denied' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export function signInProviders(): { id: string; displayName: string }[] {
  return config().signInProviders.map(({ id, displayName }) => ({ id, displayName }));
}

export function findSignInProvider(id: string): SignInProviderConfig | null {
  return config().signInProviders.find((provider) => provider.id === id) ?? null;
}

/**
 * GitHub speaks OAuth 2 only: no discovery, its endpoints are fixed (docs.github.com, "Authorizing OAuth apps"),
 * under GITHUB_BASE_URL (default https://github.com/) and the REST API under GITHUB_API_URL (default
 * https://api.github.com/); both settable for GitHub Enterprise Server and the tests' fake GitHub.
 */
function githubMetadata(provider: SignInProviderConfig): client.ServerMetadata {
  return {
    issuer: provider.issuer.href,
    authorization_endpoint: new URL('login/oauth/authorize', provider.issuer).href,
    token_endpoint: new URL('login/oauth/access_token', provider.issuer).href,
  };
}

/** config.ts accepts plain http only on a loopback host (the tests' own provider); openid-client must be told. */
const insecureAllowed = (url: URL) => url.protocol === 'http:' && isLoopbackHost(url.hostname);

const configurations = new Map<string, Promise<client.Configuration>>();

/** Discovery once per provider and process; a failed one is forgotten, so the next visit tries again. */
function configuration(provider: SignInProviderConfig): Promise<client.Configuration> {
  let found = configurations.get(provider.id);
  if (!found) {
    found =
      provider.kind === 'github'
        ? Promise.resolve(githubConfiguration(provider))
        : client.discovery(
            provider.issuer,
            provider.clientId,
            provider.clientSecret,
            undefined,
            insecureAllowed(provider.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
          );
    found.catch(() => configurations.delete(provider.id));
    configurations.set(provider.id, found);
  }
  return found.catch((error: unknown) => {
    logError('sign-in provider discovery failed', error, { provider: provider.id });
    throw new SignInProviderError('unavailable', `${provider.displayName} cannot be reached right now.`);
  });
}

function githubConfiguration(provider: SignInProviderConfig): client.Configuration {
  const settings = new client.Configuration(
    githubMetadata(provider),
    provider.clientId,
    undefined,
    client.ClientSecretPost(provider.clientSecret),
  );
  if (insecureAllowed(provider.issuer) || (provider.apiUrl && insecureAllowed(provider.apiUrl))) {
    client.allowInsecureRequests(settings);
  }
  return settings;
}

/** Where to send the browser, and the checks to keep until it comes back. */
export async function beginAuthorization(
  provider: SignInProviderConfig,
  redirectUri: string,
): Promise<{ url: URL; checks: FlowChecks }> {
  const settings = await configuration(provider);
  const checks: FlowChecks = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const url = client.buildAuthorizationUrl(settings, {
    redirect_uri: redirectUri,
    scope: provider.kind === 'github' ? 'read:user user:email' : 'openid email profile',
    state: checks.state,
    ...(provider.kind === 'github' ? {} : { nonce: checks.nonce }),
    code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, checks };
}

/**
 * The callback: the response's state, the code exchange with the PKCE verifier, and (OpenID) the ID token's
 * signature, issuer, audience, expiry and nonce, all checked by openid-client. Any failure is an `invalid`
 * (or `denied`, when the person said no at the provider) SignInProviderError, never a crash.
 */
export async function finishAuthorization(
  provider: SignInProviderConfig,
  callbackUrl: URL,
  checks: FlowChecks,
): Promise<ProviderProfile> {
  const settings = await configuration(provider);
  try {
    const tokens = await client.authorizationCodeGrant(settings, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      ...(provider.kind === 'github' ? {} : { expectedNonce: checks.nonce, idTokenExpected: true }),
    });
    return provider.kind === 'github'
      ? await githubProfile(settings, provider, tokens.access_token)
      : await openIdProfile(settings, provider, tokens);
  } catch (error) {
    if (error instanceof SignInProviderError) throw error;
    if (error instanceof client.AuthorizationResponseError && error.error === 'access_denied') {
      throw new SignInProviderError('denied', `Signing in with ${provider.displayName} was cancelled.`);
    }
    logError('sign-in provider callback refused', error, { provider: provider.id });
    throw new SignInProviderError(
      'invalid',
      `This sign-in with ${provider.displayName} could not be verified: it may have been altered, used already or expired.`,
    );
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

async function openIdProfile(
  settings: client.Configuration,
  provider: SignInProviderConfig,
  tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
): Promise<ProviderProfile> {
  const idToken = tokens.claims();
  if (!idToken) throw new SignInProviderError('invalid', `${provider.displayName} sent no ID token.`);
  // Many providers keep the profile claims for the UserInfo endpoint; its answer must name the same subject.
  const userInfo = settings.serverMetadata().userinfo_endpoint
    ? await client.fetchUserInfo(settings, tokens.access_token, idToken.sub)
    : {};
  const claims: Record<string, unknown> = { ...userInfo, ...idToken };
  const email = text(claims.email).toLowerCase() || null;
  const name = text(claims.name);
  return {
    provider: provider.id,
    subject: idToken.sub,
    email,
    emailVerified: email !== null && (claims.email_verified === true || claims.email_verified === 'true'),
    firstName: text(claims.given_name) || name.split(/\s+/)[0] || '',
    lastName: text(claims.family_name) || name.split(/\s+/).slice(1).join(' '),
    username: text(claims.preferred_username) || text(claims.nickname) || (email ?? '').split('@')[0] || '',
  };
}

/** GitHub's adapter: the user from /user, the primary email only if GitHub has verified it (/user/emails). */
async function githubProfile(
  settings: client.Configuration,
  provider: SignInProviderConfig,
  accessToken: string,
): Promise<ProviderProfile> {
  const get = async (path: string) => {
    const headers = new Headers({ accept: 'application/vnd.github+json' });
    const response = await client.fetchProtectedResource(
      settings,
      accessToken,
      new URL(path, provider.apiUrl ?? 'https://api.github.com/'),
      'GET',
      null,
      headers,
    );
    if (!response.ok) throw new SignInProviderError('unavailable', 'GitHub did not answer.');
    return (await response.json()) as unknown;
  };
  const user = (await get('user')) as { id?: number; login?: string; name?: string | null };
  const emails = (await get('user/emails')) as { email?: string; primary?: boolean; verified?: boolean }[];
  if (typeof user.id !== 'number') throw new SignInProviderError('invalid', 'GitHub sent no user id.');
  const primary = Array.isArray(emails) ? emails.find((entry) => entry.primary && entry.verified) : undefined;
  const name = text(user.name);
  return {
    provider: provider.id,
    subject: String(user.id),
    email: primary?.email ? primary.email.toLowerCase() : null,
    emailVerified: Boolean(primary?.email),
    firstName: name.split(/\s+/)[0] ?? '',
    lastName: name.split(/\s+/).slice(1).join(' '),
    username: text(user.login),
  };
}
