/**
 * `npm run bench`: speed and memory of the production build beside references
 * measured in the same run, printed and written as JSON (bench/results.json)
 * and into docs/performance.md. Never asserted: a slow machine
 * fails nothing.
 *   npm run bench              32 connections, warm-up, each workload 3× (median of 3)
 *   npm run bench -- --short   a 2-second smoke run (CI); writes test-results/bench-short.json only
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench   profiles the app's server
 * Workloads (1,000 seeded users with a 20 KiB image, random user per request):
 * read (GET /api/getProfile), page (GET /profile), update (POST /api/setSocialLink),
 * login (POST /api/login, bcrypt cost 12), read while login runs, and read with
 * WEB_CONCURRENCY=2. References: a bare node:http + mysql2 + jose server doing the
 * read in one query (bench/reference-server.ts), an empty route and the app's own
 * one-query read inside a bare Next route (app/bench/[name]/route.bench.ts, in the
 * bench build only), a hash-only bcrypt loop.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import mysql from 'mysql2/promise';
import { runLoad, tool, type Load, type Summary, type Variant } from '../bench/load';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { startApp, type RunningApp } from './lib/app-server';
import { ensureDatabaseServer } from './lib/database-server';

const short = process.argv.includes('--short') || process.env.BENCH_SHORT === '1';
const seconds = short ? 2 : Number(process.env.BENCH_SECONDS ?? 10);
const runs = short ? 1 : 3;
const connections = 32;
const users = short ? 100 : 1000;
const PASSWORD = 'Bench mark horse battery';

const databaseServer = await ensureDatabaseServer();
const dbUrl = new URL(databaseServer);
dbUrl.pathname = `/profile_hub_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = dbUrl.toString();
await migrateDatabase(databaseUrl);

const jwtSecret = randomBytes(48).toString('base64url');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  JWT_SECRET: jwtSecret,
  NEXT_TELEMETRY_DISABLED: '1',
  // Every request comes from 127.0.0.1: per-address limits would measure themselves, so the load test's own
  // address is exempt (RATE_LIMIT_DISABLED is refused in production). The cost of the API limiter's counter is
  // measured apart: workload read-limited.
  RATE_LIMIT_EXEMPT_ADDRESSES: '127.0.0.1,::1',
};
delete env.BCRYPT_COST; // production's default cost (12)
// The rows without a worker count are one process (the production default is one per core: its own row).
env.WEB_CONCURRENCY = '1';
// The references inside Next (app/bench/[name]/route.bench.ts) exist only in a build of their own, made here with
// BENCH_REFERENCES=1 (next.config.mjs) into .next-bench: `next build` never ships them. BENCH_SKIP_BUILD=1 reuses
// the last one.
env.BENCH_REFERENCES = '1';
const distDir = process.env.NEXT_DIST_DIR || '.next-bench';
env.NEXT_DIST_DIR = distDir;
if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(path.join(distDir, 'BUILD_ID'))) {
  const built = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env });
  if (built.status !== 0) throw new Error('the bench build failed');
}

const started: RunningApp[] = [];
/** The app (or the reference server) on a port the OS picks, its log in test-results/server-logs. */
async function start(name: string, script: string, extra: Record<string, string> = {}) {
  const app = script === 'server/start.ts';
  const nodeArgs = app ? (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const readyLines = Number(extra.WEB_CONCURRENCY ?? env.WEB_CONCURRENCY);
  const server = await startApp({ name, script, nodeArgs, baseEnv: env, env: extra, readyLines, live: app });
  started.push(server);
  return Object.assign(server, { base: server.baseUrl });
}

/** Peak resident memory (VmHWM) of a process, or the largest of its children's (cluster workers). */
function peakRssMiB(pid: number, ofChildren = false): number {
  const pids = ofChildren
    ? spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number)
    : [pid];
  let peak = 0;
  for (const p of pids) {
    try {
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      // exited
    }
  }
  return Math.round(peak / 1024);
}

/** 1,000 users with a 20 KiB image, filled links and a live session each, written straight to the database. */
async function seed(app: string) {
  const signUp = {
    email: 'seed@example.test',
    password: PASSWORD,
    firstName: 'Seed',
    lastName: 'User',
    username: 'seeduser',
  };
  const created = await fetch(`${app}/api/creare-cont`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signUp),
  });
  if (created.status !== 201) throw new Error(`seed sign-up failed: ${created.status} ${await created.text()}`);
  const connection = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' });
  const [[{ password_hash: passwordHash }]] = (await connection.query(
    'SELECT password_hash FROM users WHERE username = ?',
    ['seeduser'],
  )) as unknown as [[{ password_hash: string }]];
  const key = new TextEncoder().encode(jwtSecret);
  const image = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(20 * 1024 - 8),
  ]);
  const codes: { email: string; code: string }[] = [];
  const now = new Date();
  const expires = new Date(now.getTime() + 24 * 3600_000);
  for (let from = 0; from < users; from += 100) {
    const batch = Array.from({ length: Math.min(100, users - from) }, (_, i) => from + i);
    const [inserted] = (await connection.query(
      'INSERT INTO users (username, email, first_name, last_name, password_hash) VALUES ?',
      [batch.map((i) => [`bench${i}`, `bench${i}@example.test`, 'Bench', `User ${i}`, passwordHash])],
    )) as unknown as [{ insertId: number }];
    const ids = batch.map((_, j) => inserted.insertId + j);
    await connection.query(
      'INSERT INTO profile_cards (user_id, occupation, home_address, country, county, image, image_type) VALUES ?',
      [ids.map((id) => [id, 'Engineer', '1 Bench Street', 'Romania', 'Cluj', image, 'image/png'])],
    );
    await connection.query('INSERT INTO social_links (user_id, linkedin, github, description) VALUES ?', [
      ids.map((id) => [
        id,
        `https://www.linkedin.com/in/bench${id}`,
        `https://github.com/bench${id}`,
        'Benchmarks things.',
      ]),
    ]);
    const sessionRows = [];
    for (const [j, id] of ids.entries()) {
      const code = randomBytes(32).toString('base64url');
      const sid = randomBytes(16).toString('base64url');
      const jwt = await new SignJWT({ sid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(String(id))
        .setIssuer('profile-hub')
        .setAudience('profile-hub:session')
        .setIssuedAt(Math.floor(now.getTime() / 1000))
        .setExpirationTime(Math.floor(expires.getTime() / 1000))
        .sign(key);
      sessionRows.push([
        sid,
        createHash('sha256').update(code).digest('hex'),
        id,
        jwt,
        now,
        now,
        expires,
        'bench',
        '127.0.0.1',
      ]);
      codes.push({ email: `bench${batch[j]}@example.test`, code });
    }
    await connection.query(
      'INSERT INTO sessions (id, code_hash, user_id, jwt, created_at, last_seen_at, expires_at, user_agent, ip) VALUES ?',
      [sessionRows],
    );
  }
  await connection.end();
  return codes;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
function medianOf(summaries: Summary[]): Summary {
  return {
    rps: median(summaries.map((s) => s.rps)),
    p50: median(summaries.map((s) => s.p50)),
    p99: median(summaries.map((s) => s.p99)),
    requests: summaries.reduce((sum, s) => sum + s.requests, 0),
    failures: summaries.reduce((sum, s) => sum + s.failures, 0),
  };
}

const results: Record<string, Summary> = {};
let singleRss = 0;
let clusterRss = 0;
let bcryptPerSecond = 0;
try {
  const app = await start('bench-app', 'server/start.ts', { PROFILE_HUB_BENCH: '1' });
  const reference = await start('bench-reference', 'bench/reference-server.ts');
  const accounts = await seed(app.base);
  const bearer: Variant[] = accounts.map(({ code }) => ({ headers: { authorization: `Bearer ${code}` } }));
  const loads: Record<string, Omit<Load, 'seconds' | 'connections'>> = {
    'reference: bare node:http, one query': {
      url: `${reference.base}/api/getProfile`,
      method: 'GET',
      variants: bearer,
    },
    'reference: empty Next route': { url: `${app.base}/bench/empty`, method: 'GET', variants: [{ headers: {} }] },
    'reference: one query in a Next route': { url: `${app.base}/bench/one-query`, method: 'GET', variants: bearer },
    read: { url: `${app.base}/api/getProfile`, method: 'GET', variants: bearer },
    page: {
      url: `${app.base}/profile`,
      method: 'GET',
      variants: accounts.map(({ code }) => ({ headers: { cookie: `session=${code}` } })),
    },
    update: {
      url: `${app.base}/api/setSocialLink`,
      method: 'POST',
      variants: accounts.map(({ code }, i) => ({
        headers: { authorization: `Bearer ${code}`, 'content-type': 'application/json' },
        body: JSON.stringify({ description: `Benchmarks things, #${i}.`, gitHub: `https://github.com/bench${i}` }),
      })),
    },
  };
  const login: Omit<Load, 'seconds' | 'connections'> = {
    url: `${app.base}/api/login`,
    method: 'POST',
    variants: accounts.map(({ email }) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })),
  };
  const measure = (load: Omit<Load, 'seconds' | 'connections'>, duration = seconds) =>
    runLoad({ ...load, seconds: duration, connections });

  console.log(
    `Profile Hub benchmark · ${tool} · ${connections} connections · ${seconds} s × ${runs} (median) · ${cpus().length} cores · Node ${process.version}`,
  );
  console.log('warm-up…');
  for (const load of Object.values(loads)) await measure(load, short ? 1 : 3);
  await measure(login, short ? 1 : 3);

  // Runs interleave the workloads, so drift on this shared machine hits them all alike.
  const collected: Record<string, Summary[]> = {};
  for (let run = 0; run < runs; run++) {
    for (const [name, load] of Object.entries(loads)) (collected[name] ??= []).push(await measure(load));
    (collected.login ??= []).push(await measure(login));
    const ceiling = spawnSync(process.execPath, ['bench/bcrypt-ceiling.ts', String(seconds), String(connections)], {
      encoding: 'utf8',
      env,
    });
    (collected['reference: bcrypt hash-only loop'] ??= []).push({
      rps: JSON.parse(ceiling.stdout).perSecond,
      p50: 0,
      p99: 0,
      requests: 0,
      failures: 0,
    });
    const [during] = await Promise.all([measure(loads.read!), measure(login)]);
    (collected['read while login runs'] ??= []).push(during);
  }
  singleRss = peakRssMiB(app.child.pid!);
  for (const [name, summaries] of Object.entries(collected)) results[name] = medianOf(summaries);
  bcryptPerSecond = results['reference: bcrypt hash-only loop']!.rps;
  await app.stop();
  await reference.stop();

  // The production default counts every API request per client address in MySQL (one more statement per read).
  const limited = await start('bench-limited', 'server/start.ts', {
    RATE_LIMIT_EXEMPT_ADDRESSES: '',
    RATE_LIMIT_API_PER_MINUTE: '10000000',
  });
  const limitedRead = { ...loads.read!, url: `${limited.base}/api/getProfile` };
  await measure(limitedRead, short ? 1 : 3);
  const limitedRuns: Summary[] = [];
  for (let run = 0; run < runs; run++) limitedRuns.push(await measure(limitedRead));
  results['read, per-address limit counting'] = medianOf(limitedRuns);
  await limited.stop();

  const cluster = await start('bench-cluster', 'server/start.ts', { WEB_CONCURRENCY: '2' });
  // Each worker loads its routes on its first requests: warm both up.
  await measure({ ...loads.read!, url: `${cluster.base}/api/getProfile` }, short ? 3 : 5);
  const clusterRuns: Summary[] = [];
  for (let run = 0; run < runs; run++)
    clusterRuns.push(await measure({ ...loads.read!, url: `${cluster.base}/api/getProfile` }));
  results['read, WEB_CONCURRENCY=2'] = medianOf(clusterRuns);
  clusterRss = peakRssMiB(cluster.child.pid!, true);
  await cluster.stop();
} finally {
  await Promise.all(started.map((server) => server.stop('SIGKILL')));
  await dropDatabase(databaseUrl);
}

// The figures, each beside the reference (and the target) it is judged by.
const r = (name: string) => results[name]!;
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const rows: { what: string; summary: Summary; vs?: string; ratio?: number; target?: string }[] = [
  { what: 'reference: bare node:http, one query', summary: r('reference: bare node:http, one query') },
  { what: 'reference: empty Next route', summary: r('reference: empty Next route') },
  { what: 'reference: one query in a Next route', summary: r('reference: one query in a Next route') },
  { what: 'reference: bcrypt hash-only loop', summary: r('reference: bcrypt hash-only loop') },
  {
    what: 'read (GET /api/getProfile)',
    summary: r('read'),
    vs: 'one query in a Next route',
    ratio: ratio(r('read').rps, r('reference: one query in a Next route').rps),
    target: '≥ 0.90, p99 ≤ 80 ms',
  },
  {
    what: 'read vs the bare floor',
    summary: r('read'),
    vs: 'bare node:http',
    ratio: ratio(r('read').rps, r('reference: bare node:http, one query').rps),
  },
  {
    what: 'read, per-address API limit counting (production default)',
    summary: r('read, per-address limit counting'),
    vs: 'read, limits off',
    ratio: ratio(r('read, per-address limit counting').rps, r('read').rps),
  },
  {
    what: 'read, WEB_CONCURRENCY=2',
    summary: r('read, WEB_CONCURRENCY=2'),
    vs: 'read, 1 process',
    ratio: ratio(r('read, WEB_CONCURRENCY=2').rps, r('read').rps),
    target: '≥ 1.3',
  },
  {
    what: 'page (GET /profile)',
    summary: r('page'),
    vs: 'empty Next route',
    ratio: ratio(r('page').rps, r('reference: empty Next route').rps),
    target: '≥ 0.40',
  },
  {
    what: 'update (POST /api/setSocialLink)',
    summary: r('update'),
    vs: 'read',
    ratio: ratio(r('update').rps, r('read').rps),
  },
  {
    what: 'login (POST /api/login)',
    summary: r('login'),
    vs: 'bcrypt hash-only loop',
    ratio: ratio(r('login').rps, bcryptPerSecond),
    target: '≥ 0.85',
  },
  {
    what: 'read while login runs',
    summary: r('read while login runs'),
    vs: 'read alone',
    ratio: ratio(r('read while login runs').rps, r('read').rps),
    target: '≥ 0.50',
  },
];
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const table = [
  '| what | req/s | p50 ms | p99 ms | ratio | vs | target |',
  '|---|---:|---:|---:|---:|---|---|',
  ...rows.map(
    ({ what, summary, vs, ratio: value, target }) =>
      `| ${what} | ${fmt(summary.rps, summary.rps < 100 ? 1 : 0)} | ${summary.p50 ? fmt(summary.p50, 1) : ''} | ${summary.p99 ? fmt(summary.p99, 1) : ''} | ${value === undefined ? '' : fmt(value, 2)} | ${vs ?? ''} | ${target ?? ''} |` +
      (summary.failures ? ` (${summary.failures} failed)` : ''),
  ),
  `| peak RSS, one server process | ${singleRss} MiB | | | | | ≤ 300 MiB |`,
  `| peak RSS, largest of 2 workers | ${clusterRss} MiB | | | | | |`,
].join('\n');
const context =
  `${tool}, ${connections} connections, ${seconds} s × ${runs} runs (median), ${users} users with a 20 KiB image, ` +
  `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), load average ${loadavg()[0]!.toFixed(1)} at the end, ` +
  `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
console.log(`\n${context}\n\n${table}\n`);

const json = {
  date: new Date().toISOString(),
  context,
  short,
  results,
  peakRssMiB: { single: singleRss, workerOfTwo: clusterRss },
  table: rows.map((row) => ({ ...row, summary: row.summary })),
};
if (short) {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-short.json', JSON.stringify(json, null, 2));
} else {
  writeFileSync('bench/results.json', JSON.stringify(json, null, 2) + '\n');
  const readme = readFileSync('docs/performance.md', 'utf8');
  const section = `<!-- bench:start -->\n${context}.\n\n${table}\n<!-- bench:end -->`;
  writeFileSync('docs/performance.md', readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));
  console.log('Written to bench/results.json and docs/performance.md.');
}
