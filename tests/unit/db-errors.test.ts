import { describe, expect, it } from 'vitest';
import {
  DATABASE_UNAVAILABLE_DIGEST,
  DatabaseUnavailableError,
  duplicateKeyIndex,
  isDatabaseUnavailable,
} from '@/lib/db-errors';

/** What mysql2 throws, as drizzle-orm may wrap it: a query error whose `cause` is the driver's error. */
function driverError(fields: { code: string; errno: number; sqlMessage?: string }) {
  return Object.assign(new Error(fields.sqlMessage ?? fields.code), fields);
}
const wrapped = (cause: unknown, depth = 1): unknown =>
  depth === 0 ? cause : wrapped(new Error('Failed query: insert into `users` …', { cause }), depth - 1);

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
    expect(duplicateKeyIndex(wrapped(duplicate, 1))).toBe('users_email_unique');
    expect(duplicateKeyIndex(wrapped(duplicate, 3))).toBe('users_email_unique');
  });

  it('gives up on a cause chain deeper than it searches', () => {
    expect(duplicateKeyIndex(wrapped(duplicate, 5))).toBeNull();
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
    expect(isDatabaseUnavailable(wrapped(refused(), 2))).toBe(true);
  });

  it('looks into an AggregateError, as Node raises when every address of a host refuses', () => {
    const aggregate = new AggregateError([new Error('first'), refused()], 'connect failed');
    expect(isDatabaseUnavailable(aggregate)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(aggregate, 1))).toBe(true);
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
    expect(isDatabaseUnavailable(wrapped(refused(), 5))).toBe(false);
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
