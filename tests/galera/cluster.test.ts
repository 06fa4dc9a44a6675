import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { startApp, type RunningApp } from '../../scripts/lib/app-server';
import { timed } from '../support/http';
import { LIFTED_CLIENT_LIMITS } from '../support/server';
import { GaleraCluster } from '../support/galera';

/**
 * Profile Hub unchanged on a 3-node MariaDB Galera cluster, with two app
 * instances on two different nodes. Its own suite (npm test -- galera, run by
 * .ci/run): forming the cluster takes about 1 minute, up to 3 on a busy machine.
 */
const cluster = new GaleraCluster([3945, 3946, 3947], 4940);
const jwtSecret = randomBytes(48).toString('base64url');
const appOn = (node: number) =>
  startApp({
    name: `galera-${node}`,
    env: {
      DATABASE_URL: cluster.nodes[node]!.url,
      JWT_SECRET: jwtSecret,
      BCRYPT_COST: '4',
      DATABASE_SYNC_WAIT: '1',
      // Every request comes from 127.0.0.1: per-address limits lifted, but still counted (on both nodes at once,
      // so the counters' own certification conflicts are part of what is tested).
      ...LIFTED_CLIENT_LIMITS,
    },
  });
const apps: RunningApp[] = [];
const figures: string[] = [];

async function call(app: RunningApp, path: string, init: { json?: unknown; method?: string; token?: string } = {}) {
  return timed(`${app.baseUrl}${path}`, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
}

const newUser = (name = `g${randomBytes(5).toString('hex')}`) => ({
  username: name,
  email: `${name}@example.test`,
  password: `Galera pass ${randomBytes(4).toString('hex')}`,
  firstName: 'Ada',
  lastName: 'Lovelace',
});

async function signedUp(app: RunningApp) {
  const user = newUser();
  expect((await call(app, '/api/creare-cont', { json: user })).status).toBe(201);
  const login = await call(app, '/api/login', { json: { username: user.username, password: user.password } });
  return { ...user, token: (JSON.parse(login.text) as { sessionCode: string }).sessionCode };
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});

beforeAll(async () => {
  const started = Date.now();
  await cluster.start();
  figures.push(`cluster of ${await cluster.size()} formed in ${Math.round((Date.now() - started) / 1000)} s`);
  await migrateDatabase(cluster.nodes[0]!.url);
  apps.push(...(await Promise.all([appOn(0), appOn(1)])));
}, 400_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await cluster.destroy();
  console.log(`[figures] galera\n  ${figures.join('\n  ')}`);
}, 120_000);

describe('on a Galera cluster, two instances on two nodes', () => {
  it('every table has a primary key (Galera replicates only those reliably)', async () => {
    const connection = await mysql.createConnection({ uri: cluster.nodes[2]!.url });
    const [rows] = await connection.query(
      `SELECT t.table_name AS name FROM information_schema.tables t
       LEFT JOIN information_schema.table_constraints c
         ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'
       WHERE t.table_schema = DATABASE() AND c.constraint_name IS NULL`,
    );
    const [engines] = await connection.query(
      "SELECT DISTINCT engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
    );
    await connection.end();
    expect(rows).toEqual([]);
    expect(engines).toEqual([{ engine: 'InnoDB' }]);
  });

  it('sign-ups racing for one email across nodes: one winner, clean 409s, no 5xx', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      const email = `race${randomBytes(4).toString('hex')}@example.test`;
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => call(apps[i % 2]!, '/api/creare-cont', { json: { ...newUser(), email } })),
      );
      const round_ = answers.map((answer) => answer.status);
      statuses.push(...round_);
      expect(
        round_.filter((status) => status === 201),
        JSON.stringify(tally(round_)),
      ).toHaveLength(1);
      expect(
        round_.every((status) => status === 201 || status === 409),
        JSON.stringify(tally(round_)),
      ).toBe(true);
    }
    figures.push(`sign-up races (5 × 16 across 2 nodes): ${JSON.stringify(tally(statuses))}`);
  });

  it('username changes racing across nodes: one winner per round, the other 409, no 5xx', async () => {
    const [first, second] = await Promise.all([signedUp(apps[0]!), signedUp(apps[1]!)]);
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const newUsername = `n${randomBytes(5).toString('hex')}`;
      const answers = await Promise.all([
        call(apps[0]!, '/api/changeUsername', { token: first.token, json: { newUsername } }),
        call(apps[1]!, '/api/changeUsername', { token: second.token, json: { newUsername } }),
      ]);
      const round_ = answers.map((answer) => answer.status).sort();
      statuses.push(...round_);
      expect(round_, answers.map((answer) => answer.text).join(' | ')).toEqual([200, 409]);
    }
    figures.push(`username races (10 × 2 across 2 nodes): ${JSON.stringify(tally(statuses))}`);
  });

  it('a logout on one node is refused on the other at once', async () => {
    for (let round = 0; round < 10; round++) {
      const user = await signedUp(apps[0]!);
      expect((await call(apps[1]!, '/api/getProfile', { token: user.token })).status).toBe(200);
      expect((await call(apps[0]!, '/api/logout', { json: {}, token: user.token })).status).toBe(200);
      expect((await call(apps[1]!, '/api/getProfile', { token: user.token })).status).toBe(401);
    }
  });

  it('logged no 500 on either instance', () => {
    for (const app of apps) {
      const errors = app.logLines().filter((line) => line.msg === 'request' && Number(line.status) >= 500);
      expect(errors).toEqual([]);
    }
  });
});
