/**
 * The V8 heap flags the production server runs with: `npm start` puts them first in NODE_OPTIONS (so cluster
 * workers inherit them), and everything that starts the runner for tests, e2e and scripts passes them
 * (scripts/lib/app-server.ts; Playwright's webServer passes RUNNER_ARGS). Why: under load V8 lets garbage pile
 * up to several times the live heap before a full collection (docs/performance.md). V8 takes the last of each flag, so flags given explicitly win: NODE_OPTIONS set by the
 * operator (appended after these by `npm start`) or node arguments (`node --max-old-space-size=512 …`).
 */
export const HEAP_FLAGS = [
  // Old generation, MiB: ~3× the live heap under load.
  '--max-old-space-size=256',
  // Each young-generation semi-space, MiB: V8's default (up to 16 with Node 24) mostly holds garbage.
  '--max-semi-space-size=8',
] as const;

/** `spawn(process.execPath, RUNNER_ARGS)` starts the production runner as `npm start` does. */
export const RUNNER_ARGS = [...HEAP_FLAGS, 'server/start.ts'];
