// The one Content-Security-Policy directive list, plain JavaScript so next.config.mjs (the API's static policy)
// and lib/security/csp.ts (the pages' per-request policy) both read it.

/** In this order; a null value is left out unless a policy sets it. */
const DIRECTIVES = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', null],
  ['connect-src', null],
  ['frame-ancestors', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
  ['object-src', "'none'"],
];

/** The policy with some directives' values changed (or added); the rest as listed. */
export function policyWith(changes = {}) {
  return DIRECTIVES.map(([name, value]) => [name, Object.hasOwn(changes, name) ? changes[name] : value])
    .filter(([, value]) => value)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/**
 * API answers are JSON or the Swagger UI page (external scripts only): a static policy without any inline script
 * fits them.
 */
export const API_CONTENT_SECURITY_POLICY = policyWith();
