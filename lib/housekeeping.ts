import { deleteStaleLoginThrottles } from './login-throttle';
import { deleteOldRateLimitWindows, LONGEST_WINDOW_MS } from './rate-limit';
import { deleteOldEvents } from './security-events';
import { deleteExpiredSessions } from './sessions';
import { onShutdown } from './shutdown';

const HOUR = 3600_000;

/**
 * Reclaims rows that can no longer matter, once an hour: expired and idle
 * sessions, rate-limit windows no sliding window still overlaps, login failure
 * counts untouched for a day, and activity past its retention.
 */
export async function sweep(now = Date.now()): Promise<void> {
  await deleteExpiredSessions();
  await deleteOldRateLimitWindows(new Date(now - 2 * LONGEST_WINDOW_MS));
  await deleteStaleLoginThrottles(new Date(now - 24 * HOUR));
  await deleteOldEvents(now);
}

export function startHousekeeping(): void {
  const run = async () => {
    try {
      await sweep();
    } catch (error) {
      console.error('[housekeeping] sweep failed:', error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(run, HOUR).unref();
  onShutdown('housekeeping', () => clearInterval(timer));
}
