import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, migrateDatabase } from '@/db/migrate';
import { hashSessionCode } from '@/lib/auth/tokens';
import { png } from '../support/images';
import { startApp, type RunningApp } from '../../scripts/lib/app-server';
import { timed } from '../support/http';

/**
 * The app's own output, read as an operator would: one JSON line per request
 * with its id, and database errors on every kind of write logged without a
 * single secret the test used.
 */
const url = new URL(process.env.DATABASE_URL!);
url.pathname = `/profile_hub_test_logs_${randomBytes(4).toString('hex')}`;
const databaseUrl = url.toString();
const jwtSecret = randomBytes(48).toString('base64url');
let app: RunningApp;

const username = `u${randomBytes(4).toString('hex')}`;
const password = `Log secret one ${randomBytes(6).toString('hex')}`;
const secondPassword = `Log secret two ${randomBytes(6).toString('hex')}`;
const newPassword = `Log secret three ${randomBytes(6).toString('hex')}`;
const image = png(24, 24, [12, 200, 99]).toString('base64');
let code = '';

async function call(path: string, init: { json?: unknown; method?: string; headers?: Record<string, string> } = {}) {
  return timed(`${app.baseUrl}${path}`, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    headers: { authorization: `Bearer ${code}`, 'content-type': 'application/json', ...init.headers },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
}

beforeAll(async () => {
  await migrateDatabase(databaseUrl);
  app = await startApp({
    name: 'logs',
    env: { DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, BCRYPT_COST: '4', TRUST_PROXY: '1' },
  });
  const signUp = await call('/api/creare-cont', {
    json: { username, email: `${username}@example.test`, password, firstName: 'Grace', lastName: 'Hopper' },
  });
  expect(signUp.status, signUp.text).toBe(201);
  code = (JSON.parse((await call('/api/login', { json: { username, password } })).text) as { sessionCode: string })
    .sessionCode;
  expect((await call('/api/setContactDetail', { json: { image: `data:image/png;base64,${image}` } })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await dropDatabase(databaseUrl);
});

describe('logs', () => {
  it('writes one JSON line per API request with its id, method, route, status and duration', async () => {
    const trusted = await call('/api/getProfile', { headers: { 'x-request-id': 'edge-7f3a.1' } });
    expect(trusted.headers.get('x-request-id')).toBe('edge-7f3a.1');
    const generated = await call('/api/nothing-here');
    const id = generated.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = app.logLines().filter((line) => line.msg === 'request');
    const line = lines.find((entry) => entry.requestId === 'edge-7f3a.1');
    expect(line).toMatchObject({ level: 'info', method: 'GET', route: '/api/getProfile', status: 200 });
    expect(typeof line!.durationMs).toBe('number');
    expect(Date.parse(String(line!.time))).toBeGreaterThan(0);
    expect(lines.find((entry) => entry.requestId === id)).toMatchObject({ route: '/api/nothing-here', status: 404 });
  });

  it('logs a malformed server-action request as one warn line without a stack (a client mistake)', async () => {
    const before = app.output().length;
    for (const action of ['0123456789abcdef0123456789abcdef01234567', 'zz']) {
      const response = await fetch(`${app.baseUrl}/login`, {
        method: 'POST',
        headers: { 'next-action': action, 'content-type': 'text/plain;charset=UTF-8', origin: app.baseUrl },
        body: '["x"]',
      });
      expect(response.status).toBeLessThan(500);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const output = app.output().slice(before);
    expect(output).not.toMatch(/Server Reference ID|Failed to find Server Action|\n\s+at /);
    const warnings = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'malformed server action request refused');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ level: 'warn', reason: 'unknown_server_action' });
  });

  it('logs a database error on every kind of write without any password, session code, JWT, hash or image', async () => {
    const direct = await mysql.createConnection({ uri: databaseUrl });
    const [[session]] = (await direct.query('SELECT jwt, code_hash AS codeHash FROM sessions LIMIT 1')) as unknown as [
      { jwt: string; codeHash: string }[],
    ];
    const [[user]] = (await direct.query('SELECT password_hash AS hash FROM users LIMIT 1')) as unknown as [
      { hash: string }[],
    ];
    expect(hashSessionCode(code)).toBe(session!.codeHash);

    // Every row and gap of the tables writes touch, locked: each write fails with 1205 after the session's lock wait.
    const holder = await mysql.createConnection({ uri: databaseUrl });
    await holder.query('BEGIN');
    for (const table of ['users', 'profile_cards', 'social_links', 'sessions'])
      await holder.query(`SELECT * FROM ${table} FOR UPDATE`);
    const other = `v${randomBytes(4).toString('hex')}`;
    const writes = await Promise.all([
      call('/api/creare-cont', {
        json: {
          username: other,
          email: `${other}@example.test`,
          password: secondPassword,
          firstName: 'Ada',
          lastName: 'B',
        },
      }),
      call('/api/login', { json: { username, password } }),
      call('/api/setContactDetail', { json: { image: `data:image/png;base64,${image}`, occupation: 'Admiral' } }),
      call('/api/setSocialLink', { json: { gitHub: 'https://github.com/grace' } }),
      call('/api/changePassword', { json: { currentPassword: password, newPassword } }),
      // No changeEmail: it writes only links and mail (issue 20), and this server has no mail (it answers 503
      // unavailable before any write).
      call('/api/changeUsername', { json: { newUsername: other } }),
      call('/api/deleteAccount', { method: 'DELETE', json: { currentPassword: password } }),
      call('/api/logout', { json: {} }),
    ]);
    await holder.query('ROLLBACK');
    await holder.end();
    await direct.end();
    expect(writes.map((write) => write.status)).toEqual(writes.map(() => 503));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const output = app.output();
    const secrets = {
      password,
      secondPassword,
      newPassword,
      code,
      jwt: session!.jwt,
      codeHash: session!.codeHash,
      hash: user!.hash,
      image,
    };
    for (const [name, secret] of Object.entries(secrets))
      expect(output.includes(secret), `${name} is in the log`).toBe(false);
    expect(output).not.toMatch(/Failed query:|params:|insert into|password_hash/i);

    const failed = app.logLines().filter((line) => line.msg === 'request' && line.status === 503);
    expect(failed.length).toBeGreaterThanOrEqual(writes.length);
    const statements = failed.map((line) => {
      const chain: Record<string, unknown>[] = [];
      for (
        let link = line.err as Record<string, unknown> | undefined;
        link;
        link = link.cause as Record<string, unknown>
      )
        chain.push(link);
      expect(
        chain.some((link) => link.errno === 1205 || link.code === 'DB_QUERY_TIMEOUT'),
        JSON.stringify(line),
      ).toBe(true);
      return chain.find((link) => link.statement)?.statement;
    });
    // A login records its success (security_events, whose key checks the locked users row) before its session.
    expect(statements).toEqual(
      expect.arrayContaining(['insert users', 'insert security_events', 'update profile_cards', 'update users']),
    );
  });
});
