/**
 * Whether this process serves behind the production runner (server/start.ts),
 * which rewrites X-Forwarded-For from the socket (or a TRUST_PROXY) before the
 * app reads the client's address. Under `next start` a client's own
 * X-Forwarded-For would reach every per-address limit, so production refuses
 * to serve without the runner. The mark lives on globalThis under a
 * Symbol.for key, set by the runner in-process before Next loads: no client
 * header and no environment variable can set it.
 */
const KEY = Symbol.for('profile-hub.runner');
const marks = globalThis as unknown as { [KEY]?: true };

/** Called by server/start.ts before it loads Next. */
export function markRunner(): void {
  marks[KEY] = true;
}

export function underRunner(): boolean {
  return marks[KEY] === true;
}

export const RUNNER_REQUIRED_MESSAGE =
  'production must be served by the runner (npm start, i.e. node server/start.ts), not `next start` or another ' +
  'server: only the runner decides the client address from the connection (and TRUST_PROXY), which every ' +
  'per-address limit relies on.';
