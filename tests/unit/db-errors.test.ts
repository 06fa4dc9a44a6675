import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import {
  describeStatement,
  duplicateKeyIndex,
  isConnectionBroken,
  isDatabaseUnavailable,
  isTransientConflict,
} from '@/lib/db-errors';
import { retryDelayMs } from '@/lib/transaction';

const driver = (fields: Record<string, unknown>, message = 'driver error') => Object.assign(new Error(message), fields);
const wrapped = (cause: unknown) => new DrizzleQueryError('update `users` set `email` = ?', ['ada@example.test'], cause as Error);

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
    expect(isDatabaseUnavailable(wrapped(driver({ errno: 1062, sqlMessage: "Duplicate entry 'x' for key 'users_email_unique'" })))).toBe(false);
    expect(isDatabaseUnavailable(wrapped(driver({ errno: 1064 })))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('bug'))).toBe(false);
  });

  it('destroys a connection after a lost link or a timeout, keeps it after a lock wait or a full queue', () => {
    expect(isConnectionBroken(driver({ code: 'DB_QUERY_TIMEOUT' }))).toBe(true);
    expect(isConnectionBroken(wrapped(driver({ errno: 2013 })))).toBe(true);
    expect(isConnectionBroken(driver({ fatal: true }, "Can't add new command when connection is in closed state"))).toBe(true);
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
    expect(duplicateKeyIndex(wrapped(driver({ errno: 1062, sqlMessage: "Duplicate entry 'a' for key 'users.users_email_unique'" })))).toBe('users_email_unique');
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
