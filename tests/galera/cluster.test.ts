import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { tablesWithUserRows } from '@/lib/account/deletion';
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

/** Housekeeping of one instance on one node (tests/support/housekeeping-cli.ts), started and waiting for "go". */
function housekeepingOn(node: number, now: number) {
  const child = spawn(
    process.execPath,
    [
      path.join('node_modules', 'tsx', 'dist', 'cli.mjs'),
      '--conditions=react-server',
      'tests/support/housekeeping-cli.ts',
      String(now),
    ],
    {
      env: { ...process.env, DATABASE_URL: cluster.nodes[node]!.url, JWT_SECRET: jwtSecret, DATABASE_SYNC_WAIT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('ready\n')) resolve(clearInterval(check));
      if (child.exitCode !== null) reject(new Error(`housekeeping on node ${node} exited early:\n${output}`));
    }, 50);
  });
  return {
    ready,
    go: async () => {
      child.stdin.end('go\n');
      return { code: await exited, output: () => output };
    },
  };
}

/** The rows of a user left in every table that has a user_id (as tests/api/account-deletion.test.ts counts). */
async function rowsLeft(connection: mysql.Connection, id: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of [...tablesWithUserRows(), { name: 'users' }]) {
    const column = name === 'users' ? 'id' : 'user_id';
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${name}\` WHERE \`${column}\` = ?`,
      [id],
    );
    counts[name] = Number(rows[0]!.n);
  }
  return counts;
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

  it('the deletion purge run by two instances on two nodes at once: every row gone, no error, idempotent', async () => {
    // Accounts with a row in most tables, each scheduled for deletion (7 days) through one node or the other.
    const connection = await mysql.createConnection({ uri: cluster.nodes[2]!.url });
    await connection.query('SET SESSION wsrep_sync_wait = 1');
    const ids: number[] = [];
    let lastDeletesAt = 0;
    for (let i = 0; i < 20; i++) {
      const app = apps[i % 2]!;
      const user = await signedUp(app);
      const auth = { token: user.token };
      await call(app, '/api/setContactDetail', { ...auth, json: { occupation: 'Analyst', homeAddress: '1 Main St' } });
      await call(app, '/api/setSocialLink', { ...auth, json: { gitHub: 'https://github.com/ada' } });
      expect((await call(app, '/api/publicCard', { ...auth, json: { published: true } })).status).toBe(200);
      const [[row]] = (await connection.query('SELECT id FROM users WHERE username = ?', [
        user.username,
      ])) as unknown as [mysql.RowDataPacket[]];
      const id = Number(row!.id);
      ids.push(id);
      await connection.query(
        "INSERT INTO linked_identities (provider, subject, user_id, email) VALUES ('github', ?, ?, ?)",
        [`gh-${id}`, id, user.email],
      );
      const deleted = await call(app, '/api/deleteAccount', {
        ...auth,
        method: 'DELETE',
        json: { currentPassword: user.password },
      });
      expect(deleted.status, deleted.text).toBe(200);
      // A passkey added after scheduling (with one, deleting would need a passkey step-up): purged all the same.
      await connection.query(
        "INSERT INTO passkeys (user_id, credential_id, public_key, name) VALUES (?, ?, ?, 'Laptop')",
        [id, randomBytes(16).toString('base64url'), randomBytes(77).toString('base64url')],
      );
      lastDeletesAt = Math.max(
        lastDeletesAt,
        Date.parse((JSON.parse(deleted.text) as { deletesAt: string }).deletesAt),
      );
    }
    for (const id of ids) expect((await rowsLeft(connection, id)).users).toBe(1);

    // The clock past every date; both instances sweep at the same moment, one on node 1, one on node 2.
    const after = lastDeletesAt + 60_000;
    for (let round = 0; round < 2; round++) {
      const instances = [housekeepingOn(0, after), housekeepingOn(1, after)];
      await Promise.all(instances.map((instance) => instance.ready));
      const started = Date.now();
      const runs = await Promise.all(instances.map((instance) => instance.go()));
      const purged = runs.map((run) => Number(/done, purged (\d+)/.exec(run.output())?.[1] ?? -1));
      figures.push(
        `purge of ${ids.length} accounts by 2 instances at once, round ${round + 1}: ${Date.now() - started} ms, ` +
          `removed ${purged.join(' + ')}`,
      );
      for (const run of runs) {
        expect(run.code, run.output()).toBe(0);
        // Nothing failed, not even a purge caught and logged (a certification conflict retried too often).
        const errors = run
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{') && Number((JSON.parse(line) as { level?: number }).level) >= 50);
        expect(errors).toEqual([]);
        expect(run.output()).not.toMatch(/deadlock|ER_LOCK|failed/i);
      }
      // Each account removed exactly once between the two; the second round has nothing to do.
      expect(purged[0]! + purged[1]!).toBe(round === 0 ? ids.length : 0);
      // Table by table, nothing of any of them is left; the second round (idempotent) finds nothing to do.
      for (const id of ids) {
        const left = await rowsLeft(connection, id);
        expect(Object.keys(left)).toEqual(
          expect.arrayContaining(['users', 'sessions', 'profile_cards', 'social_links', 'public_cards', 'passkeys']),
        );
        expect(left, `user ${id}`).toEqual(Object.fromEntries(Object.keys(left).map((table) => [table, 0])));
      }
    }
    // Every node agrees.
    for (const node of cluster.nodes) {
      const other = await mysql.createConnection({ uri: node.url });
      await other.query('SET SESSION wsrep_sync_wait = 1');
      const [rows] = await other.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM users WHERE id IN (?)', [ids]);
      expect(Number(rows[0]!.n)).toBe(0);
      await other.end();
    }
    await connection.end();
  }, 240_000);

  it('logged no 500 on either instance', () => {
    for (const app of apps) {
      const errors = app.logLines().filter((line) => line.msg === 'request' && Number(line.status) >= 500);
      expect(errors).toEqual([]);
    }
  });
});
