/**
 * Caps the server's V8 heap by re-executing this process with heap flags
 * (`process.execve`: the same PID, so a supervisor, a signal or a test sees one
 * process, and cluster workers inherit the flags). server/start.ts calls it
 * first, before Next is loaded.
 *
 * Why: under load V8 lets garbage pile up to several times the live heap
 * before a full collection. At 32 connections the server's live heap after a
 * full collection was ~90 MiB but its RSS reached 580 MiB; with these limits
 * it stayed under 300 MiB at the same throughput (README, Performance).
 * Flags given explicitly (node arguments or NODE_OPTIONS) win, and
 * SERVER_HEAP_LIMITS=off leaves V8's defaults.
 */
const HEAP_FLAGS: Record<string, number> = {
  // Old generation, MiB: ~3× the live heap under load.
  '--max-old-space-size': 256,
  // Each young-generation semi-space, MiB: V8's default (up to 16 on 64-bit with Node 24) mostly holds garbage.
  '--max-semi-space-size': 8,
};

export function missingHeapFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return Object.entries(HEAP_FLAGS)
    .filter(([flag]) => !given.some((arg) => arg === flag || arg.startsWith(`${flag}=`)))
    .map(([flag, value]) => `${flag}=${value}`);
}

/** Re-executes the primary process with the missing heap flags; returns only when none are missing. */
export function applyHeapLimits(): void {
  // Cluster workers are forked with the primary's (already limited) arguments.
  if (process.env.SERVER_HEAP_LIMITS === 'off' || process.env.NODE_UNIQUE_ID) return;
  const missing = missingHeapFlags(process.execArgv, process.env.NODE_OPTIONS);
  if (missing.length && process.execve) {
    process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)]);
  }
}
