import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './db-errors.ts';
import { logError, logger } from './log.ts';

/**
 * A page cannot answer while the database is down. Next's App Router has no
 * API to give a page's error response any status but 500, so:
 *  - page data access throws DatabaseUnavailableError, whose `digest` reaches
 *    the client error boundary (app/error.tsx) unchanged, so it can show the
 *    "temporarily unavailable" page instead of a generic error;
 *  - it also marks the request, and the production server, which wraps every
 *    request in `withOutageStatus`, turns that request's 500 into a 503 with
 *    Retry-After.
 * The thrown error carries no cause: Next logs it, and the cause (drizzle's
 * "Failed query … params") would put SQL and values in the log.
 */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

type RequestState = { outage: boolean; requestId?: string };

// On globalThis: the server and Next's bundled page code load this module separately.
const globalForOutage = globalThis as unknown as { profileHubRequestState?: AsyncLocalStorage<RequestState> };
const requestState = (globalForOutage.profileHubRequestState ??= new AsyncLocalStorage<RequestState>());

/** The id the production server (server/start.ts) gave this request (see withOutageStatus). */
export function currentRequestId(): string | undefined {
  return requestState.getStore()?.requestId;
}

/** True once this request hit a database outage. */
export function requestHitOutage(): boolean {
  return requestState.getStore()?.outage ?? false;
}

/** Records that this request hit a database outage: later page data fails at once instead of waiting again. */
export function markRequestOutage(): void {
  const state = requestState.getStore();
  if (state) state.outage = true;
}

/**
 * Page data access: what `load` returns, or, when the database cannot answer,
 * a DatabaseUnavailableError (logged once, redacted). Any other error is logged
 * the same way and rethrown without its cause, for the same reason.
 */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  if (requestHitOutage()) throw new DatabaseUnavailableError();
  try {
    return await load();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      markRequestOutage();
      logger().warn({ err: error }, 'page data unavailable');
      throw new DatabaseUnavailableError();
    }
    if ((error as { digest?: unknown })?.digest) throw error; // Next's own redirect / notFound signals
    logError('page data failed', error);
    throw new Error('Page data failed; see the log line before this one.');
  }
}

/**
 * For the production server: runs `handle` for one request so that a page
 * that failed on a database outage is answered 503 + Retry-After instead of
 * Next's 500 (Next writes the status itself; this rewrites it on the way out).
 * `requestId` (from requestIdFrom in lib/platform/log.ts) is what apiRoute then logs
 * and returns as X-Request-Id, so the server and the route agree on one id.
 */
export function withOutageStatus<T>(
  request: IncomingMessage,
  response: ServerResponse,
  handle: () => T,
  requestId?: string,
): T {
  const state: RequestState = { outage: false, requestId };
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status === 500 && state.outage) {
      this.setHeader('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
      this.setHeader('cache-control', 'no-store');
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, 503, ...rest);
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as typeof response.writeHead;
  void request;
  return requestState.run(state, handle);
}
