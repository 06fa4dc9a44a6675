import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { requestIdFrom, scrub, serializeError } from '@/lib/platform/log';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2ln';
const bcrypt = '$2b$12$abcdefghijklmnopqrstuuJ0VnQzYkR5c1yBtNqnqVh4QZyYf8m1W';
const code = 'q2m8T1x9k3Yb7sVh0aP4dR6nW5eL1cZuJ8gF2oQ3iKw';

describe('the log redaction rule', () => {
  it('scrubs JWTs, password hashes, session codes and quoted values from messages', () => {
    const message = `Duplicate entry 'ada@example.test' for key 'users_email_unique' ${jwt} ${bcrypt} ${code} "secret"`;
    const scrubbed = scrub(message);
    for (const secret of ['ada@example.test', jwt, bcrypt, code, 'secret']) expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain("for key 'users_email_unique'");
  });

  it("logs drizzle's failed query as its statement kind and the driver's code, with no SQL or parameters", () => {
    const cause = Object.assign(new Error('Lock wait timeout exceeded; try restarting transaction'), {
      code: 'ER_LOCK_WAIT_TIMEOUT',
      errno: 1205,
      sqlState: 'HY000',
      sql: `insert into \`sessions\` (\`jwt\`) values ('${jwt}')`,
    });
    const error = new DrizzleQueryError(
      'insert into `sessions` (`code_hash`, `jwt`) values (?, ?)',
      [code, jwt],
      cause,
    );
    const logged = serializeError(error);
    const text = JSON.stringify(logged);
    for (const secret of [jwt, code, 'values (']) expect(text).not.toContain(secret);
    expect(logged).toMatchObject({
      name: 'DrizzleQueryError',
      statement: 'insert sessions',
      message: 'Failed query',
      cause: { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205, sqlState: 'HY000', statement: 'insert sessions' },
    });
    expect(logged.stack).toMatch(/^at /);
  });

  it('accepts a request id only from a trusted proxy, and only a well-formed one', () => {
    const headers = new Headers({ 'x-request-id': 'edge-42.abc' });
    expect(requestIdFrom(headers, true)).toBe('edge-42.abc');
    expect(requestIdFrom(headers, false)).not.toBe('edge-42.abc');
    expect(requestIdFrom({ 'x-request-id': 'bad id\n{"level":"fatal"}' }, true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom({ 'x-request-id': 'node-1' }, true)).toBe('node-1');
  });
});

describe('mail failures as logged', () => {
  it("pass an SMTP server's reply through the redaction rule (a token echoed back is not logged)", async () => {
    const { reasonOf } = await import('@/lib/email/failure-reason');
    const token = 'Zk3v9QmT2xLp8RwY4nB6cJ1hF5sD7gA0eU';
    const error = Object.assign(
      new Error(`554 5.7.1 Message rejected: https://app.example/reset-password?token=${token}`),
      {
        code: 'EMESSAGE',
        responseCode: 554,
      },
    );
    const reason = reasonOf(error);
    expect(reason).toContain('EMESSAGE 554');
    expect(reason).not.toContain(token);
  });
});
