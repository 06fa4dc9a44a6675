/** Consecutive failures that pass without a pause; the next one starts it. */
export const FREE_LOGIN_FAILURES = 4;
const FIRST_PAUSE_MS = 1000;
export const LONGEST_PAUSE_MS = 15 * 60_000;

/** How long attempts pause after this many consecutive failures: 0 up to 4, then 1 s, 2 s, 4 s … 15 min. */
export function loginPauseMs(failures: number): number {
  if (failures <= FREE_LOGIN_FAILURES) return 0;
  const doublings = Math.min(failures - FREE_LOGIN_FAILURES - 1, 20);
  return Math.min(FIRST_PAUSE_MS * 2 ** doublings, LONGEST_PAUSE_MS);
}
