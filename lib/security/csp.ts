import { randomFillSync } from 'node:crypto';
import { policyWith } from './csp-directives.mjs';

const NONCE_BYTES = 16;
// Random bytes for 256 nonces drawn at once, each handed out once (as node:crypto's randomUUID does): one call to
// the system's generator per 256 pages instead of one per page (about 0.7% of a page's CPU through Next's wrapper).
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

/** 128 random bits, base64: a fresh one for every page response. */
export function createNonce(): string {
  if (noncePoolOffset === noncePool.length) {
    randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString('base64', noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/**
 * Scripts run only with this response's nonce ('strict-dynamic' lets those
 * load Next's chunks), never inline without it; nothing may set a <base>.
 * Styles keep 'unsafe-inline' (React style attributes), scripts do not.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return policyWith({
    'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    'img-src': "'self' data: blob:",
    'font-src': "'self'",
    'connect-src': "'self'",
  });
}

/** The headers every page answer carries besides its CSP; HSTS only when it was reached over https. */
export function pageSecurityHeaders(secure: boolean): Record<string, string> {
  return {
    'cross-origin-opener-policy': 'same-origin',
    ...(secure ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/**
 * A cross-site POST to a page (a server action sent from another site's form
 * or script) is refused here with 403, before Next's own origin check would
 * fail it with a 500. Same-site requests and ones without Origin pass on.
 */
export function isCrossSitePost(
  method: string,
  headers: { get(name: string): string | null },
  ownOrigin: string,
): boolean {
  if (method !== 'POST') return false;
  if (headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = headers.get('origin');
  return origin !== null && origin !== ownOrigin;
}

/** The app's own "refused" page for a cross-site form post: plain HTML, no script, same look as the site. */
export const FORBIDDEN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Request refused · Profile Hub</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a}
a{color:#1d4ed8}</style></head>
<body><main><h1>Request refused</h1>
<p>This form must be sent from Profile Hub itself. Nothing was changed.</p>
<p><a href="/">Go to Profile Hub</a></p></main></body></html>`;
