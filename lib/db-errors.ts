/** drizzle-orm may wrap the driver's error; look through `cause` for mysql2's fields. */
function driverError(error: unknown): { code?: string; errno?: number; sqlMessage?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; errno?: unknown; sqlMessage?: unknown; cause?: unknown };
    if (typeof candidate.errno === 'number' || typeof candidate.sqlMessage === 'string') {
      return candidate as { code?: string; errno?: number; sqlMessage?: string };
    }
    current = candidate.cause;
  }
  return null;
}

/** The driver's error code (e.g. ER_LOCK_WAIT_TIMEOUT), safe to log: it carries no values. */
export function databaseErrorCode(error: unknown): string {
  return driverError(error)?.code ?? (error instanceof Error ? error.name : 'unknown error');
}

/** The name of the unique index a duplicate-key error hit, or null for any other error. */
export function duplicateKeyIndex(error: unknown): string | null {
  const driver = driverError(error);
  if (driver?.errno !== 1062) return null;
  return /for key '(?:[^'.]+\.)?([^']+)'/.exec(driver.sqlMessage ?? '')?.[1] ?? '';
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'POOL_CLOSED',
]);

/** True when the database cannot be reached at all (answer 503), as opposed to a bug (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * What reaches the browser's error page when the database is down. In production a server error arrives there
 * as its digest only, and Next keeps a digest the error already carries, so the page can tell an outage
 * ("try again in a moment") from a bug. Client-safe: this module imports nothing.
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'PROFILE_HUB_DATABASE_UNAVAILABLE';

export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(options?: { cause?: unknown }) {
    super('The database cannot be reached.', options);
    this.name = 'DatabaseUnavailableError';
  }
}
