import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import {
  DATABASE_UNAVAILABLE_DIGEST,
  DatabaseUnavailableError,
  describeStatement,
  duplicateKeyIndex,
  isConnectionBroken,
  isDatabaseUnavailable,
  isTransientConflict,
} from '@/lib/platform/db-errors';
import { retryDelayMs } from '@/lib/platform/transaction';

const driver = (fields: Record<string, unknown>, message = 'driver error') => Object.assign(new Error(message), fields);
const wrapped = (cause: unknown) =>
  new DrizzleQueryError('update `users` set `email` = ?', ['ada@example.test'], cause as Error);

describe('database error recognition', () => {
  it.each([
    ['closed connection', driver({ fatal: true }, "Can't add new command when connection is in closed state")],
    ['query timeout', driver({ code: 'PROTOCOL_SEQUENCE_TIMEOUT' }, 'Query inactivity timeout')],
    ['connection lost', driver({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true })],
    ['refused', driver({ code: 'ECONNREFUSED' })],
    ['connect timeout', driver({ code: 'ETIMEDOUT' })],
    ['server shutdown 1053', driver({ errno: 1053, code: 'ER_SERVER_SHUTDOWN' })],
    ['gone away 2006', driver({ errno: 2006 })],
    ['lost during query 2013', driver({ errno: 2013 })],
    ['lock wait timeout 1205', driver({ errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' })],
    ['deadlock left after retries 1213', driver({ errno: 1213, code: 'ER_LOCK_DEADLOCK' })],
    ['pool queue full', driver({}, 'Queue limit reached.')],
    ['pool closed', driver({}, 'Pool is closed.')],
    ['our acquire deadline', driver({ code: 'DB_ACQUIRE_TIMEOUT' })],
    ['Galera node not ready 1047', driver({ errno: 1047 })],
  ])('%s is "unavailable" (503), also inside drizzle\'s wrapper', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
  });

  it('a duplicate key or a syntax error is not an outage', () => {
    expect(
      isDatabaseUnavailable(
        wrapped(driver({ errno: 1062, sqlMessage: "Duplicate entry 'x' for key 'users_email_unique'" })),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(wrapped(driver({ errno: 1064 })))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('bug'))).toBe(false);
  });

  it('destroys a connection after a lost link or a timeout, keeps it after a lock wait or a full queue', () => {
    expect(isConnectionBroken(driver({ code: 'DB_QUERY_TIMEOUT' }))).toBe(true);
    expect(isConnectionBroken(wrapped(driver({ errno: 2013 })))).toBe(true);
    expect(
      isConnectionBroken(driver({ fatal: true }, "Can't add new command when connection is in closed state")),
    ).toBe(true);
    expect(isConnectionBroken(wrapped(driver({ errno: 1205 })))).toBe(false);
    expect(isConnectionBroken(driver({}, 'Queue limit reached.'))).toBe(false);
    expect(isConnectionBroken(wrapped(driver({ errno: 1062 })))).toBe(false);
  });

  it('retries deadlocks and serialization failures only', () => {
    expect(isTransientConflict(wrapped(driver({ errno: 1213 })))).toBe(true);
    expect(isTransientConflict(wrapped(driver({ errno: 1105, sqlState: '40001' })))).toBe(true);
    expect(isTransientConflict(wrapped(driver({ errno: 1205 })))).toBe(false);
    expect(isTransientConflict(wrapped(driver({ errno: 1062 })))).toBe(false);
  });

  it('reads the index name of a duplicate key', () => {
    expect(
      duplicateKeyIndex(
        wrapped(driver({ errno: 1062, sqlMessage: "Duplicate entry 'a' for key 'users.users_email_unique'" })),
      ),
    ).toBe('users_email_unique');
  });

  it('names a statement by kind and table, never by its values', () => {
    expect(describeStatement("insert into `users` (`email`) values ('ada@example.test')")).toBe('insert users');
    expect(describeStatement('update `sessions` set `last_seen_at` = ? where `id` = ?')).toBe('update sessions');
    expect(describeStatement('delete from `sessions` where `id` = ?')).toBe('delete sessions');
    expect(describeStatement('select `id`, `jwt` from `sessions` inner join `users` on …')).toBe('select sessions');
    expect(describeStatement('begin')).toBe('begin');
  });

  it('spreads retries with jitter under a doubling ceiling', () => {
    expect(retryDelayMs(1, () => 1)).toBe(20);
    expect(retryDelayMs(3, () => 1)).toBe(80);
    expect(retryDelayMs(3, () => 0)).toBe(0);
  });
});

/** What mysql2 throws, as drizzle-orm may wrap it: a query error whose `cause` is the driver's error. */
function driverError(fields: { code: string; errno: number; sqlMessage?: string }) {
  return Object.assign(new Error(fields.sqlMessage ?? fields.code), fields);
}
const wrappedIn = (cause: unknown, depth = 1): unknown =>
  depth === 0 ? cause : wrappedIn(new Error('Failed query: insert into `users` …', { cause }), depth - 1);

describe('duplicateKeyIndex', () => {
  const duplicate = driverError({
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    sqlMessage: "Duplicate entry 'ada@example.com' for key 'users_email_unique'",
  });

  it('names the unique index of a duplicate-key error', () => {
    expect(duplicateKeyIndex(duplicate)).toBe('users_email_unique');
  });

  it('drops the table prefix MySQL 8 puts before the index name', () => {
    const mysql8 = driverError({
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlMessage: "Duplicate entry 'ada' for key 'users.users_username_unique'",
    });
    expect(duplicateKeyIndex(mysql8)).toBe('users_username_unique');
  });

  it('looks through the cause chain drizzle-orm wraps around the driver error', () => {
    expect(duplicateKeyIndex(wrappedIn(duplicate, 1))).toBe('users_email_unique');
    expect(duplicateKeyIndex(wrappedIn(duplicate, 3))).toBe('users_email_unique');
  });

  it('gives up on a cause chain deeper than it searches', () => {
    expect(duplicateKeyIndex(wrappedIn(duplicate, 9))).toBeNull();
  });

  it('is "" for a duplicate-key error whose message names no key', () => {
    expect(duplicateKeyIndex(driverError({ code: 'ER_DUP_ENTRY', errno: 1062, sqlMessage: 'Duplicate entry' }))).toBe(
      '',
    );
  });

  it.each([
    [
      'another driver error',
      driverError({ code: 'ER_DATA_TOO_LONG', errno: 1406, sqlMessage: "Data too long for column 'bio'" }),
    ],
    ['a plain error', new Error("Duplicate entry 'x' for key 'users_email_unique'")],
    ['null', null],
    ['a string', 'ER_DUP_ENTRY'],
  ])('is null for %s', (_label, error) => {
    expect(duplicateKeyIndex(error)).toBeNull();
  });

  it('stops at a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(duplicateKeyIndex(a)).toBeNull();
  });
});

describe('isDatabaseUnavailable', () => {
  const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });

  it.each([
    'ECONNREFUSED',
    'ETIMEDOUT',
    'PROTOCOL_CONNECTION_LOST',
    'ER_CON_COUNT_ERROR',
    'ER_BAD_DB_ERROR',
    'POOL_CLOSED',
  ])('is true for %s', (code) => {
    expect(isDatabaseUnavailable(Object.assign(new Error(code), { code }))).toBe(true);
  });

  it('looks through wrapping errors', () => {
    expect(isDatabaseUnavailable(wrappedIn(refused(), 2))).toBe(true);
  });

  it('looks into an AggregateError, as Node raises when every address of a host refuses', () => {
    const aggregate = new AggregateError([new Error('first'), refused()], 'connect failed');
    expect(isDatabaseUnavailable(aggregate)).toBe(true);
    expect(isDatabaseUnavailable(wrappedIn(aggregate, 1))).toBe(true);
  });

  it.each([
    ['a duplicate key (a bug or a race, not an outage)', driverError({ code: 'ER_DUP_ENTRY', errno: 1062 })],
    ['a syntax error', driverError({ code: 'ER_PARSE_ERROR', errno: 1064 })],
    ['an AggregateError of other errors', new AggregateError([new Error('x')], 'x')],
    ['a code that is not a string', Object.assign(new Error('x'), { code: 111 })],
    ['null', null],
    ['undefined', undefined],
  ])('is false for %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('gives up on a cause chain deeper than it searches', () => {
    expect(isDatabaseUnavailable(wrappedIn(refused(), 9))).toBe(false);
  });
});

describe('DatabaseUnavailableError', () => {
  it('carries the digest the error page recognises, and keeps its cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const error = new DatabaseUnavailableError({ cause });
    expect(error.digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    expect(error.message).not.toContain('ECONNREFUSED');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
