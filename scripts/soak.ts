/**
 * Mixed traffic against the production build for a set time: sign-ups,
 * logins, reads, updates and deletions. Every 10 s it prints requests, answers
 * by status and the server's memory; at the end, writes that were
 * acknowledged (200/201) but are not in the database ("lost writes").
 *   npm run soak -- [--seconds 180] [--workers 8] [--restart-db]
 * --restart-db runs a project-local mariadbd (its own data dir and port) and
 * restarts it mid-run. Figures are printed; the exit code is 1 only for a lost
 * write or a 500.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { startApp } from './lib/app-server';
import { ensureDatabaseServer } from './lib/database-server';
import { LocalMariaDb } from './lib/local-mariadb';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: process.env.SOAK_SECONDS ?? '180' },
    workers: { type: 'string', default: '8' },
    'restart-db': { type: 'boolean', default: false },
  },
});
const seconds = Number(options.seconds);

let localDb: LocalMariaDb | undefined;
let databaseUrl: string;
if (options['restart-db']) {
  localDb = new LocalMariaDb(Number(process.env.SOAK_DB_PORT ?? 3308));
  localDb.install();
  await localDb.start();
  databaseUrl = localDb.url;
} else {
  const url = new URL(await ensureDatabaseServer());
  url.pathname = `/profile_hub_soak_${randomBytes(3).toString('hex')}`;
  databaseUrl = url.toString();
}
await migrateDatabase(databaseUrl);

const env: Record<string, string> = {
  DATABASE_URL: databaseUrl,
  JWT_SECRET: randomBytes(48).toString('base64url'),
  BCRYPT_COST: process.env.SOAK_BCRYPT_COST ?? '4',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_LEVEL: 'warn',
  // All of the soak's traffic comes from one address: per-address limits would only measure themselves, so it is
  // exempt (RATE_LIMIT_DISABLED is refused in production).
  RATE_LIMIT_EXEMPT_ADDRESSES: '127.0.0.1,::1',
  // One process (the default is one per core): the soak watches one process's memory over time.
  WEB_CONCURRENCY: '1',
};
// The production runner, as `npm start` runs it, on a port the OS picks; its log in test-results/server-logs.
const server = await startApp({ name: 'soak', env });
const base = server.baseUrl;
console.log(`server log: ${server.logFile}`);

function rssMiB(): number {
  try {
    return Math.round(
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    );
  } catch {
    return 0;
  }
}

const byStatus = new Map<number | string, number>();
let requests = 0;
async function call(path: string, init: { json?: unknown; method?: string; token?: string } = {}) {
  requests++;
  try {
    const response = await fetch(base + path, {
      method: init.method ?? (init.json ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.json ? JSON.stringify(init.json) : undefined,
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
    return { status: response.status, body };
  } catch {
    byStatus.set('network', (byStatus.get('network') ?? 0) + 1);
    return { status: 0, body: {} };
  }
}

// occupation undefined: not checked (never set, or a write whose answer was lost and may or may not have landed).
type User = {
  username: string;
  password: string;
  token?: string;
  occupation?: string;
  deleted?: boolean;
  uncertain?: boolean;
};
const acknowledged: User[] = [];

async function signUp(): Promise<User | null> {
  const username = `s${randomBytes(5).toString('hex')}`;
  const user: User = { username, password: `Soak password ${randomBytes(4).toString('hex')}` };
  const created = await call('/api/creare-cont', {
    json: { username, email: `${username}@example.test`, password: user.password, firstName: 'Soak', lastName: 'Test' },
  });
  if (created.status !== 201) return null;
  acknowledged.push(user);
  return user;
}

async function worker(deadline: number) {
  const mine: User[] = [];
  while (Date.now() < deadline) {
    const roll = Math.random();
    const user = mine.filter((candidate) => !candidate.deleted)[Math.floor(Math.random() * mine.length)];
    if (!user || roll < 0.1) {
      const created = await signUp();
      if (created) mine.push(created);
    } else if (!user.token || roll < 0.2) {
      const login = await call('/api/login', { json: { username: user.username, password: user.password } });
      if (login.status === 200) user.token = String(login.body.sessionCode);
    } else if (roll < 0.6) {
      await call('/api/getProfile', { token: user.token });
    } else if (roll < 0.9) {
      const occupation = `Job ${randomBytes(4).toString('hex')}`;
      const saved = await call('/api/setContactDetail', { token: user.token, json: { occupation } });
      user.occupation = saved.status === 200 ? occupation : undefined;
    } else if (roll < 0.95) {
      await call('/api/setSocialLink', { token: user.token, json: { gitHub: `https://github.com/${user.username}` } });
    } else {
      const deleted = await call('/api/deleteAccount', {
        method: 'DELETE',
        token: user.token,
        json: { currentPassword: user.password },
      });
      if (deleted.status === 200) user.deleted = true;
      else if (deleted.status !== 400) user.uncertain = true;
    }
  }
}

const started = Date.now();
const deadline = started + seconds * 1000;
const report = () => {
  const statuses = [...byStatus.entries()].map(([status, count]) => `${status}: ${count}`).join(', ');
  console.log(
    `${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  ${requests} requests  {${statuses}}  server RSS ${rssMiB()} MiB`,
  );
};
const ticker = setInterval(report, 10_000);
let restart: Promise<void> | undefined;
if (localDb) {
  const db = localDb;
  restart = new Promise<void>((resolve) =>
    setTimeout(
      async () => {
        console.log('— stopping the database —');
        await db.stop();
        await new Promise((wait) => setTimeout(wait, 2000));
        await db.start();
        console.log('— database back —');
        resolve();
      },
      (seconds * 1000) / 2,
    ),
  );
}
await Promise.all(Array.from({ length: Number(options.workers) }, () => worker(deadline)));
await restart;
clearInterval(ticker);
report();

// Lost writes: what the API acknowledged, checked in the database itself.
const connection = await mysql.createConnection({ uri: databaseUrl });
let lost = 0;
for (const user of acknowledged.filter((candidate) => !candidate.uncertain)) {
  const [rows] = (await connection.query(
    'SELECT p.occupation, u.deletes_at FROM users u LEFT JOIN profile_cards p ON p.user_id = u.id WHERE u.username = ?',
    [user.username],
  )) as unknown as [{ occupation: string | null; deletes_at: Date | null }[]];
  // An acknowledged deletion is gone, or scheduled (ACCOUNT_DELETION_GRACE_DAYS: removed later by housekeeping).
  if (
    user.deleted
      ? rows.length > 0 && rows[0]!.deletes_at === null
      : rows.length === 0 || (user.occupation !== undefined && rows[0]!.occupation !== user.occupation)
  )
    lost++;
}
await connection.end();
const errors500 = byStatus.get(500) ?? 0;
console.log(
  `soak: ${requests} requests in ${seconds} s, ${acknowledged.length} accounts, lost writes: ${lost}, 500s: ${errors500}`,
);

await server.stop();
if (localDb) await localDb.destroy();
else await dropDatabase(databaseUrl);
process.exit(lost || errors500 ? 1 : 0);
