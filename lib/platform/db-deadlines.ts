/**
 * How long anything may take before the caller gets "unavailable" (503).
 * A hung server (SIGSTOP, a dead network path) never answers at all, so
 * every step needs its own clock: connecting, waiting for a free pooled
 * connection, and each statement. Reads get less time than writes; the sum
 * a request can spend on a hung server stays under 2 s.
 */
export type Deadlines = {
  connectMs: number;
  acquireMs: number;
  readMs: number;
  writeMs: number;
  lockWaitSeconds: number;
  /** Requests allowed to wait for a pooled connection; beyond that, "unavailable" at once. */
  queueLimit: number;
};

export const DEFAULT_DEADLINES: Deadlines = {
  connectMs: 1000,
  acquireMs: 1000,
  readMs: 1500,
  writeMs: 3000,
  lockWaitSeconds: 2,
  queueLimit: 200,
};
