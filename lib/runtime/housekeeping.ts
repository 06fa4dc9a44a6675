import { deleteStaleLoginThrottles } from '../auth/login-throttle';
import { deleteOldRateLimitWindows, LONGEST_WINDOW_MS } from '../security/rate-limit';
import { deleteOldEvents } from '../security/events';
import { deleteExpiredEmailTokens } from '../email/tokens';
import { logError } from '../platform/log';
import { deleteOldOutboxRows } from '../email/outbox';
import { deleteExpiredSessions } from '../auth/sessions';
import { deleteExpiredMfaChallenges } from '../auth/second-factor';
import { deleteExpiredPasskeyChallenges } from '../account/passkeys';
import { onShutdown } from '../platform/shutdown';
import { purgeDueDeletions } from '../account/deletion';

const HOUR = 3600_000;

/**
 * Reclaims rows that can no longer matter, once an hour: expired and idle
 * sessions, rate-limit windows no sliding window still overlaps, login failure
 * counts untouched for a day, activity past its retention, expired email links
 * and sent mail older than a week. And it removes the accounts whose scheduled deletion is due (with
 * everything tied to them; ACCOUNT_DELETION_GRACE_DAYS), so a deletion happens within an hour of its date.
 * Says how many accounts this sweep removed.
 */
export async function sweep(now = Date.now()): Promise<{ purged: number }> {
  await deleteExpiredSessions();
  await deleteOldRateLimitWindows(new Date(now - 2 * LONGEST_WINDOW_MS));
  await deleteStaleLoginThrottles(new Date(now - 24 * HOUR));
  await deleteOldEvents(now);
  await deleteExpiredEmailTokens();
  await deleteExpiredMfaChallenges();
  await deleteExpiredPasskeyChallenges();
  await deleteOldOutboxRows(new Date(now - 7 * 24 * HOUR));
  return { purged: await purgeDueDeletions(new Date(now)) };
}

export function startHousekeeping(): void {
  const run = async () => {
    try {
      await sweep();
    } catch (error) {
      logError('housekeeping sweep failed', error);
    }
  };
  const timer = setInterval(run, HOUR).unref();
  onShutdown('housekeeping', () => clearInterval(timer));
}
