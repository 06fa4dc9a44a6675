import { deleteExpiredEmailTokens } from './email-tokens';
import { logError } from './log';
import { deleteOldOutboxRows } from './outbox';
import { deleteOldRateLimitWindows } from './rate-limit';
import { deleteExpiredSessions } from './sessions';
import { onShutdown } from './shutdown';

const HOUR = 3600_000;

/** Expired sessions are already dead; this only reclaims their rows (and old rate-limit windows) once an hour. */
export function startHousekeeping(): void {
  const sweep = async () => {
    try {
      await deleteExpiredSessions();
      await deleteOldRateLimitWindows(new Date(Date.now() - 24 * HOUR));
      await deleteExpiredEmailTokens();
      await deleteOldOutboxRows(new Date(Date.now() - 7 * 24 * HOUR));
    } catch (error) {
      logError('housekeeping sweep failed', error);
    }
  };
  const timer = setInterval(sweep, HOUR).unref();
  onShutdown('housekeeping', () => clearInterval(timer));
}
