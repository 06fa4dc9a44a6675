type DriverFields = { code?: string; errno?: number; sqlState?: string; sqlMessage?: string; fatal?: boolean };

/** The error and its causes (drizzle wraps the driver's error in `cause`; AggregateError holds several). */
export function* errorChain(error: unknown, depth = 0): Generator<unknown> {
  if (!error || depth > 8) return;
  yield error;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) yield* errorChain(inner, depth + 1);
  }
  yield* errorChain((error as { cause?: unknown }).cause, depth + 1);
}

/** drizzle-orm may wrap the driver's error; look through `cause` for mysql2's fields. */
function driverError(error: unknown): DriverFields | null {
  for (const current of errorChain(error)) {
    const candidate = current as DriverFields;
    if (typeof candidate.errno === 'number' || typeof candidate.sqlMessage === 'string') return candidate;
  }
  return null;
}

/** The name of the unique index a duplicate-key error hit, or null for any other error. */
export function duplicateKeyIndex(error: unknown): string | null {
  const driver = driverError(error);
  if (driver?.errno !== 1062) return null;
  return /for key '(?:[^'.]+\.)?([^']+)'/.exec(driver.sqlMessage ?? '')?.[1] ?? '';
}

/** Codes of a connection that is gone, never came, or answers too late; and of our own deadlines. */
const CONNECTION_LOST_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_PACKETS_OUT_OF_ORDER',
  'POOL_CLOSED',
  // Also known by errno below; some paths (and older drivers) give only the code.
  'ER_CON_COUNT_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'DB_ACQUIRE_TIMEOUT',
  'DB_QUERY_TIMEOUT',
  'DB_QUEUE_FULL',
]);

/**
 * Server errors meaning "not now" rather than "your request is wrong":
 * 1040 too many connections, 1045 access denied, 1049 unknown database,
 * 1053 server shutdown, 1077 normal shutdown, 1205 lock wait timeout,
 * 1927 connection killed, 2002/2003/2006/2013 client-side connection loss,
 * 1047 WSREP not ready (a Galera node outside the primary component).
 */
const UNAVAILABLE_ERRNOS = new Set([1040, 1045, 1047, 1049, 1053, 1077, 1205, 1927, 2002, 2003, 2006, 2013, 4031]);

/** mysql2 errors without a code, recognised by their (fixed, English) message. */
const UNAVAILABLE_MESSAGES = [
  "Can't add new command when connection is in closed state",
  'Pool is closed.',
  'Queue limit reached.',
  'No connections available.',
  'Connection lost: The server closed the connection.',
];

function isUnavailableLink(current: unknown): boolean {
  const candidate = current as DriverFields & { message?: unknown; digest?: unknown };
  // Already recognised and rethrown without its cause (lib/platform/outage.ts pageData).
  if (candidate.digest === DATABASE_UNAVAILABLE_DIGEST) return true;
  if (typeof candidate.code === 'string' && CONNECTION_LOST_CODES.has(candidate.code)) return true;
  if (typeof candidate.errno === 'number' && UNAVAILABLE_ERRNOS.has(candidate.errno)) return true;
  return typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.includes(candidate.message);
}

/**
 * True when the database cannot answer now (answer 503 with Retry-After), as
 * opposed to a bug (500): no link, no answer in time, a lock held too long,
 * or a conflict that kept coming back after the transaction helper's retries.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const current of errorChain(error)) if (isUnavailableLink(current)) return true;
  return isTransientConflict(error);
}

/** Errors after which the connection itself is still fine: the statement failed, the link did not. */
const CONNECTION_SURVIVES_CODES = new Set([
  'DB_QUEUE_FULL',
  'DB_ACQUIRE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
]);
const CONNECTION_SURVIVES_ERRNOS = new Set([1040, 1045, 1047, 1049, 1205]);
// Pool errors: no connection was handed out at all.
const CONNECTION_SURVIVES_MESSAGES = new Set(['Queue limit reached.', 'No connections available.', 'Pool is closed.']);

/**
 * True when the connection that raised this must never be used again: the
 * driver marked the error fatal, the link is gone, or it answered too late
 * (a late answer would arrive for the next query on that connection).
 */
export function isConnectionBroken(error: unknown): boolean {
  for (const current of errorChain(error)) {
    const candidate = current as DriverFields;
    if (candidate.fatal === true) return true;
    if (typeof candidate.code === 'string' && CONNECTION_SURVIVES_CODES.has(candidate.code)) continue;
    if (typeof candidate.errno === 'number' && CONNECTION_SURVIVES_ERRNOS.has(candidate.errno)) continue;
    if (CONNECTION_SURVIVES_MESSAGES.has(String((current as { message?: unknown }).message))) continue;
    if (isUnavailableLink(current)) return true;
  }
  return false;
}

/**
 * A conflict worth running the whole transaction again: a deadlock (1213,
 * also how Galera reports a certification conflict with another node) or a
 * serialization failure (SQLSTATE 40001).
 */
export function isTransientConflict(error: unknown): boolean {
  const driver = driverError(error);
  return driver?.errno === 1213 || driver?.sqlState === '40001';
}

/**
 * What kind of statement this was, without any value: "select users",
 * "insert sessions", "begin". Logs say this instead of the SQL.
 */
export function describeStatement(sqlText: string | undefined): string {
  if (!sqlText) return 'unknown';
  const text = sqlText.trim();
  const patterns: [string, RegExp][] = [
    ['insert', /^insert\s+(?:ignore\s+)?into\s+`?(\w+)`?/i],
    ['update', /^update\s+`?(\w+)`?/i],
    ['delete', /^delete\s+from\s+`?(\w+)`?/i],
    ['select', /^(?:\(?\s*)select\b[\s\S]*?\bfrom\s+`?(\w+)`?/i],
  ];
  for (const [kind, pattern] of patterns) {
    const match = pattern.exec(text);
    if (match) return `${kind} ${match[1]}`;
  }
  return (/^\w+/.exec(text)?.[0] ?? 'unknown').toLowerCase();
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
