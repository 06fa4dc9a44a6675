import 'server-only';
import { openFromBrowser, sealForBrowser } from '../security/sealed';
import type { FlowChecks } from '../auth/sign-in-providers';
import type { PendingSignUp } from '../account/linked-identities';
import { config } from '../platform/config';
import { isSecureRequest, ownOrigin } from './session-cookie';

type Headerish = { get(name: string): string | null };

/**
 * A provider round trip's one-time values (state, nonce, PKCE verifier), what it is for and who started it,
 * sealed (encrypted and authenticated) in a 10-minute httpOnly cookie. The callback deletes it whatever
 * happens, so a callback URL replayed later finds nothing to match.
 */
export type ProviderFlow = FlowChecks & {
  provider: string;
  mode: 'sign_in' | 'link';
  /** link: the session that asked; the callback must arrive in that same session. */
  sessionId?: string;
  next: string;
};

const FLOW = { purpose: 'provider-flow', ttl: 600 };
const SIGN_UP = { purpose: 'provider-sign-up', ttl: 900 };

export function flowCookieName(secure: boolean) {
  return secure ? '__Host-provider-flow' : 'provider-flow';
}

export function signUpCookieName(secure: boolean) {
  return secure ? '__Host-provider-sign-up' : 'provider-sign-up';
}

/** Lax: the provider's redirect back is a top-level navigation from another site, which must carry it. */
export function providerCookieOptions(secure: boolean, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge };
}

export const sealFlow = (flow: ProviderFlow) => sealForBrowser(FLOW.purpose, flow, FLOW.ttl);
export const openFlow = (value: string | undefined) => openFromBrowser<ProviderFlow>(FLOW.purpose, value);
export const FLOW_TTL_SECONDS = FLOW.ttl;

export type PendingProviderSignUp = PendingSignUp & { next: string };
export const sealSignUp = (pending: PendingProviderSignUp) => sealForBrowser(SIGN_UP.purpose, pending, SIGN_UP.ttl);
export const openSignUp = (value: string | undefined) => openFromBrowser<PendingProviderSignUp>(SIGN_UP.purpose, value);
export const SIGN_UP_TTL_SECONDS = SIGN_UP.ttl;

/** APP_URL when set (never a Host header then), else the origin this request reached. */
export function appOrigin(headers: Headerish): string {
  return config().mail.configuredAppUrl ?? ownOrigin(headers);
}

/** The redirect URI to register with the provider: APP_URL/auth/{provider}/callback. */
export function callbackUrl(headers: Headerish, provider: string): string {
  return `${appOrigin(headers)}/auth/${provider}/callback`;
}

export const secureRequest = (headers: Headerish) => isSecureRequest(headers);

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * Linking starts with a same-site POST, and the CSP's form-action 'self' stops a form's redirect to another
 * origin: this page (the flow cookie already set) goes on to the provider by itself, or by its link.
 */
export function continueToProviderPage(displayName: string, url: URL): Response {
  return providerProblemPage(
    200,
    `Continuing to ${displayName}`,
    `Taking you to ${displayName} to confirm it is you.`,
    [{ href: url.href, label: `Continue to ${displayName}` }],
    url.href,
  );
}

/**
 * The clear page a refused provider round trip ends on (tampered, replayed, expired, an email in use…):
 * plain HTML like the app's other refusal pages, with the status it deserves and a way on.
 */
export function providerProblemPage(
  status: number,
  title: string,
  message: string,
  links: { href: string; label: string }[] = [{ href: '/login', label: 'Back to log in' }],
  refreshTo?: string,
): Response {
  const refresh = refreshTo ? `<meta http-equiv="refresh" content="0;url=${escape(refreshTo)}">` : '';
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}<title>${escape(title)} · Profile Hub</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}
a{color:#1d4ed8}@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}a{color:#93c5fd}}</style></head>
<body><main><h1>${escape(title)}</h1>
<p role="${refreshTo ? 'status' : 'alert'}">${escape(message)}</p>
<p>${links.map((link) => `<a href="${escape(link.href)}">${escape(link.label)}</a>`).join(' · ')}</p></main></body></html>`;
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
