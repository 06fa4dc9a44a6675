import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesWithUserRows } from '@/lib/account/deletion';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';
import { startApp, type RunningApp } from '../../scripts/lib/app-server';
import { LIFTED_CLIENT_LIMITS } from '../support/server';

/* ACCOUNT_DELETION_GRACE_DAYS=0: deleting removes the account in the request itself, as before issue 22. */
let server: RunningApp;
const db = databaseConnection();

beforeAll(async () => {
  server = await startApp({
    name: 'account-deletion-immediate',
    env: { ...LIFTED_CLIENT_LIMITS, ACCOUNT_DELETION_GRACE_DAYS: '0' },
  });
}, 90_000);
afterAll(() => server?.stop());

async function call(path: string, init: { method?: string; json?: unknown; token?: string } = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    headers: {
      ...(init.json ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('DELETE /api/deleteAccount with ACCOUNT_DELETION_GRACE_DAYS=0', () => {
  it('removes every row of the account at once; deletesAt is now', async () => {
    const input = newUserInput();
    expect((await call('/api/creare-cont', { json: input })).status).toBe(201);
    const token = (await call('/api/login', { json: { email: input.email, password: input.password } })).body
      .sessionCode!;
    const [[row]] = (await db().query('SELECT id FROM users WHERE email = ?', [input.email])) as unknown as [
      mysql.RowDataPacket[],
    ];
    const before = Date.now();
    const deleted = await call('/api/deleteAccount', {
      method: 'DELETE',
      token,
      json: { currentPassword: input.password },
    });
    expect(deleted.status).toBe(200);
    expect(Math.abs(Date.parse(deleted.body.deletesAt!) - before)).toBeLessThan(10_000);
    for (const { name } of [...tablesWithUserRows(), { name: 'users' }]) {
      const column = name === 'users' ? 'id' : 'user_id';
      const [rows] = await db().query<mysql.RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM \`${name}\` WHERE ${column} = ?`,
        [row!.id],
      );
      expect(Number(rows[0]!.n), name).toBe(0);
    }
    expect((await call('/api/login', { json: { email: input.email, password: input.password } })).status).toBe(401);
    expect((await call(`/api/checkUsername?username=${input.username}`)).body).toEqual({ available: true });
  });
});
