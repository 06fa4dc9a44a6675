import { logError } from './log';
import { deleteOldRateLimitWindows } from './rate-limit';
import { deleteExpiredSessions } from './sessions';

const HOUR = 3600_000;

/** Expired sessions are already dead; this only reclaims their rows (and old rate-limit windows) once an hour. */
export function startHousekeeping(): void {
  const sweep = async () => {
    try {
      await deleteExpiredSessions();
      await deleteOldRateLimitWindows(new Date(Date.now() - 24 * HOUR));
    } catch (error) {
      logError('housekeeping sweep failed', error);
    }
  };
  setInterval(sweep, HOUR).unref();
}
