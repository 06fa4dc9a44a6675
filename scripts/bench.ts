/**
 * `npm run bench`: speed and memory of the production build as it ships, beside the same build with the limiter
 * off and beside references, all measured in the same run; printed and written as JSON (bench/results.json) and
 * into docs/performance.md. Never asserted: a slow machine fails nothing.
 *   npm run bench              32 connections, warm-up, each workload 3× interleaved (median of 3), ~10 min
 *   npm run bench -- --short   a 2-second smoke run (CI); writes test-results/bench-short.json only
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench   profiles the app's servers
 * Servers, all from one build and all up for the whole run (so a run's workloads interleave):
 *   as shipped    the production default: WEB_CONCURRENCY unset (one worker per core), the per-address API limit
 *                 counting at its default (600 a minute), no exempt address;
 *   limiter off   the same with every client address exempt (RATE_LIMIT_EXEMPT_ADDRESSES), same workers;
 *   one process   limiter off, WEB_CONCURRENCY=1;
 *   bare node:http + mysql2 + jose doing the read in one query (bench/reference-server.ts).
 * The app's servers trust the loopback proxy (TRUST_PROXY=loopback, as behind nginx on the same host) and every
 * seeded user sends its own X-Forwarded-For address: 1,000 clients, as in production, where one address alone
 * would only measure 429s once past its 600 a minute. The limiter-off servers get the very same requests.
 * Workloads (1,000 seeded users with a 20 KiB image, a random user per request): read (GET /api/getProfile),
 * page (GET /profile), update (POST /api/setSocialLink), login (POST /api/login, bcrypt cost 12), read while login
 * runs; references: an empty route and the app's own one-query read in a bare Next route
 * (app/bench/[name]/route.bench.ts, in the bench build only), a hash-only bcrypt loop.
 * Also measured: the server CPU per request (utime + stime of the server's processes from /proc/<pid>/stat over
 * a workload's runs ÷ its requests), the peak RSS (VmHWM) of every process, the /profile HTML's bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import mysql from 'mysql2/promise';
import { runLoad, tool, type Load, type Summary, type Variant } from '../bench/load';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { startApp, type RunningApp } from './lib/app-server';
import { ensureDatabaseServer } from './lib/database-server';

const short = process.argv.includes('--short') || process.env.BENCH_SHORT === '1';
const seconds = short ? 2 : Number(process.env.BENCH_SECONDS ?? 10);
const warmUpSeconds = short ? 1 : 3;
const runs = short ? 1 : 3;
const connections = 32;
const users = short ? 100 : 1000;
const PASSWORD = 'Bench mark horse battery';
const startedAt = performance.now();
// What a run costs, printed first: nine workloads, seven of them on a cluster (warmed up twice as long), each warmed
// up once and measured `runs` times, plus the bcrypt loop and read-while-login per run, about a second of start-up
// around each; the seeding; and the bench build (2–3 minutes on a quiet 2-core machine, 8 on a busy one).
const clustered = availableParallelism() > 1 ? 7 : 0;
const loadSeconds = (9 + clustered + 9) * warmUpSeconds + runs * 11 * (seconds + 1) + (short ? 10 : 30);
console.log(
  `npm run bench: about ${Math.ceil(loadSeconds / 60)} min of seeding and load` +
    (process.env.BENCH_SKIP_BUILD === '1' ? '' : ' after the build (2–8 min)'),
);

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
};
// The production defaults, whatever the caller's shell holds: bcrypt cost 12, one worker per core, the limits'
// defaults, no exempt address.
for (const name of Object.keys(env)) if (name.startsWith('RATE_LIMIT_')) delete env[name];
delete env.BCRYPT_COST;
delete env.WEB_CONCURRENCY;
delete env.DATABASE_POOL_SIZE;
// The references inside Next (app/bench/[name]/route.bench.ts) exist only in a build of their own, made here with
// BENCH_REFERENCES=1 (next.config.mjs) into .next-bench: `next build` never ships them. BENCH_SKIP_BUILD=1 reuses
// the last one.
env.BENCH_REFERENCES = '1';
const distDir = process.env.NEXT_DIST_DIR || '.next-bench';
env.NEXT_DIST_DIR = distDir;
if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(path.join(distDir, 'BUILD_ID'))) {
  // Next adds its output folder's types to tsconfig.json (and may rewrite next-env.d.ts): the bench's own build
  // leaves the checkout as it found it.
  const kept = ['tsconfig.json', 'next-env.d.ts'].filter(existsSync).map((file) => [file, readFileSync(file)] as const);
  const built = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env });
  for (const [file, content] of kept) if (!readFileSync(file).equals(content)) writeFileSync(file, content);
  if (built.status !== 0) throw new Error('the bench build failed');
}

// Every seeded user is its own client address, told by the loopback "proxy" (the load generator).
const clientAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const proxied = { TRUST_PROXY: 'loopback' };
const limiterOff = { ...proxied, RATE_LIMIT_EXEMPT_ADDRESSES: '127.0.0.1,::1,10.0.0.0/8' };

const workersOf = (n: number) => (n > 1 ? `${n} workers` : 'one process');
type Server = RunningApp & { base: string; workers: number };
/** The app (or the reference server) on a port the OS picks, its log in test-results/server-logs. */
async function start(name: string, script: string, extra: Record<string, string> = {}): Promise<Server> {
  const isApp = script === 'server/start.ts';
  const nodeArgs = isApp ? (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  // Unset WEB_CONCURRENCY is the production default: one worker per core.
  const workers = isApp ? Number(extra.WEB_CONCURRENCY ?? availableParallelism()) : 1;
  const server = await startApp({
    name: `bench-${name.replace(/\W+/g, '-')}`,
    script,
    nodeArgs,
    baseEnv: env,
    env: { WEB_CONCURRENCY: undefined, ...extra },
    readyLines: workers,
    live: isApp,
  });
  return Object.assign(server, { name, base: server.baseUrl, workers });
}

/** A server's processes: itself and, for a cluster, its workers. */
function processesOf(server: Server): { primary: number; workers: number[] } {
  const primary = server.child.pid!;
  const workers =
    server.workers > 1
      ? spawnSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
          .stdout.split('\n')
          .filter(Boolean)
          .map(Number)
      : [];
  return { primary, workers };
}
const readProc = (pid: number, file: string) => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return ''; // exited
  }
};
/** Peak resident memory (VmHWM) of one process, MiB. */
const peakRssMiB = (pid: number) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readProc(pid, 'status'))?.[1] ?? 0) / 1024);
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
/** CPU time (user + system) a server's processes have used so far, ms. */
function cpuMs(server: Server): number {
  const { primary, workers } = processesOf(server);
  let ticks = 0;
  for (const pid of [primary, ...workers]) {
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const fields = readProc(pid, 'stat').split(') ')[1]?.split(' ') ?? [];
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return (ticks / ticksPerSecond) * 1000;
}

/**
 * Waits (at most 20 s) until the servers are idle before a workload is measured: when wrk stops, a login workload
 * leaves its in-flight requests' bcrypt work running, which would be counted against the next workload.
 */
async function settle(servers: Server[]) {
  const busy = () => servers.reduce((sum, server) => sum + cpuMs(server), 0);
  for (let i = 0; i < 33; i++) {
    const before = busy();
    await new Promise((resolve) => setTimeout(resolve, 600));
    if (busy() - before <= 30) return;
  }
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
/** A workload's median over its runs, with the server CPU per request over all of them. */
type Result = Summary & { cpuMsPerRequest?: number };
function medianOf(summaries: Summary[], cpu?: number): Result {
  const requests = summaries.reduce((sum, s) => sum + s.requests, 0);
  return {
    rps: median(summaries.map((s) => s.rps)),
    p50: median(summaries.map((s) => s.p50)),
    p99: median(summaries.map((s) => s.p99)),
    requests,
    failures: summaries.reduce((sum, s) => sum + s.failures, 0),
    ...(cpu === undefined || requests === 0 ? {} : { cpuMsPerRequest: cpu / requests }),
  };
}

type Workload = Omit<Load, 'seconds' | 'connections'> & { server: Server };
const results: Record<string, Result> = {};
const peakRss: Record<string, { primary: number; workers: number[] }> = {};
let html = { bytes: 0, gzipBytes: 0 };
let servers: Server[] = [];
try {
  // All up at once: a run measures every workload back to back, so drift on a shared machine hits them alike.
  const shipped = await start('the app as shipped', 'server/start.ts', {
    ...proxied,
    PROFILE_HUB_BENCH: '1',
  });
  const off = await start('the app, limiter off', 'server/start.ts', limiterOff);
  const single = await start('the app, limiter off, one process', 'server/start.ts', {
    ...limiterOff,
    WEB_CONCURRENCY: '1',
  });
  const bare = await start('the reference server', 'bench/reference-server.ts');
  servers = [shipped, off, single, bare];
  const accounts = await seed(shipped.base);
  const address = (i: number) => ({ 'x-forwarded-for': clientAddress(i) });
  const bearer: Variant[] = accounts.map(({ code }, i) => ({
    headers: { authorization: `Bearer ${code}`, ...address(i) },
  }));
  const read = (server: Server): Workload => ({
    server,
    url: `${server.base}/api/getProfile`,
    method: 'GET',
    variants: bearer,
  });
  const workloads: Record<string, Workload> = {
    'read as shipped': read(shipped),
    'read, limiter off': read(off),
    'read, limiter off, one process': read(single),
    'reference: bare node:http, one query': read(bare),
    'reference: empty Next route': {
      server: shipped,
      url: `${shipped.base}/bench/empty`,
      method: 'GET',
      variants: [{ headers: {} }],
    },
    'reference: one query in a Next route': { ...read(shipped), url: `${shipped.base}/bench/one-query` },
    page: {
      server: shipped,
      url: `${shipped.base}/profile`,
      method: 'GET',
      variants: accounts.map(({ code }, i) => ({ headers: { cookie: `session=${code}`, ...address(i) } })),
    },
    update: {
      server: shipped,
      url: `${shipped.base}/api/setSocialLink`,
      method: 'POST',
      variants: accounts.map(({ code }, i) => ({
        headers: { authorization: `Bearer ${code}`, 'content-type': 'application/json', ...address(i) },
        body: JSON.stringify({ description: `Benchmarks things, #${i}.`, gitHub: `https://github.com/bench${i}` }),
      })),
    },
    login: {
      server: shipped,
      url: `${shipped.base}/api/login`,
      method: 'POST',
      variants: accounts.map(({ email }, i) => ({
        headers: { 'content-type': 'application/json', ...address(i) },
        body: JSON.stringify({ email, password: PASSWORD }),
      })),
    },
  };
  const measure = (load: Workload, duration = seconds) => runLoad({ ...load, seconds: duration, connections });

  // Each workload answers 200 before it is measured: a refusal (429, 401) or a redirect is no figure.
  for (const [name, load] of Object.entries(workloads)) {
    const { headers, body } = load.variants[0]!;
    const response = await fetch(load.url, { method: load.method, headers, body, redirect: 'manual' });
    if (response.status !== 200) {
      throw new Error(`${name}: ${load.method} ${load.url} answered ${response.status}: ${await response.text()}`);
    }
  }
  // The page as a browser gets it (signed in, no redirect): its HTML's size, raw and gzip.
  const pageResponse = await fetch(`${shipped.base}/profile`, {
    headers: { cookie: `session=${accounts[0]!.code}`, ...address(0) },
    redirect: 'manual',
  });
  const pageHtml = await pageResponse.text();
  if (pageResponse.status !== 200) throw new Error(`GET /profile answered ${pageResponse.status}, not the page`);
  html = { bytes: Buffer.byteLength(pageHtml), gzipBytes: gzipSync(pageHtml).length };

  console.log(
    `Profile Hub benchmark · ${tool} · ${connections} connections · ${seconds} s × ${runs} (median) · ` +
      `${availableParallelism()} cores (as shipped: ${workersOf(shipped.workers)}) · Node ${process.version} · ` +
      `${Math.round((performance.now() - startedAt) / 1000)} s of build and seeding`,
  );
  console.log('warm-up…');
  // Each worker loads its routes on its first requests: a cluster gets a longer warm-up.
  for (const load of Object.values(workloads)) await measure(load, warmUpSeconds * (load.server.workers > 1 ? 2 : 1));

  const collected: Record<string, Summary[]> = {};
  const cpu: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    for (const [name, load] of Object.entries(workloads)) {
      await settle(servers);
      const before = cpuMs(load.server);
      (collected[name] ??= []).push(await measure(load));
      cpu[name] = (cpu[name] ?? 0) + cpuMs(load.server) - before;
    }
    await settle(servers);
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
    await settle(servers);
    const [during] = await Promise.all([measure(workloads['read as shipped']!), measure(workloads.login!)]);
    (collected['read while login runs'] ??= []).push(during);
    console.log(`run ${run + 1} of ${runs} done`);
  }
  for (const [name, summaries] of Object.entries(collected)) results[name] = medianOf(summaries, cpu[name]);
  for (const server of [shipped, off, single]) {
    const { primary, workers } = processesOf(server);
    peakRss[server.name] = { primary: peakRssMiB(primary), workers: workers.map(peakRssMiB) };
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await dropDatabase(databaseUrl);
}

// The figures, each beside the reference (and the target) it is judged by.
const [shipped] = servers;
const w = workersOf(shipped!.workers);
const r = (name: string) => results[name]!;
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
type Row = { what: string; value?: string; summary?: Result; vs?: string; ratio?: number; target?: string };
const rssRow = (server: Server, label: string): Row => {
  const { primary, workers } = peakRss[server.name]!;
  const each = workers.length ? workers : [primary];
  return {
    what:
      workers.length > 0
        ? `peak RSS, ${label}: largest of ${workers.length} workers (${workers.join(', ')} MiB; primary ${primary} MiB)`
        : `peak RSS, ${label}`,
    value: `${Math.max(...each)} MiB`,
    target: '≤ 300 MiB',
  };
};
/** The row of result `name`, its throughput judged against result `reference`'s; `what` and `vs` label them. */
const versusRow = (what: string, name: string, vs: string, reference: string, target?: string): Row => ({
  what,
  summary: r(name),
  vs,
  ratio: ratio(r(name).rps, r(reference).rps),
  target,
});
const rows: Row[] = [
  versusRow(
    `**read as shipped** (GET /api/getProfile, limiter on, ${w})`,
    'read as shipped',
    `read, limiter off, ${w}`,
    'read, limiter off',
    '≥ 0.95, p99 ≤ 60 ms',
  ),
  versusRow(
    `read, limiter off, ${w}`,
    'read, limiter off',
    `one query in a Next route, ${w}`,
    'reference: one query in a Next route',
    '≥ 0.90',
  ),
  versusRow(
    'read, limiter off, one process',
    'read, limiter off, one process',
    'bare node:http (one process)',
    'reference: bare node:http, one query',
  ),
  versusRow(
    `page (GET /profile, as shipped, ${w})`,
    'page',
    `empty Next route, ${w}`,
    'reference: empty Next route',
    '≥ 0.30, CPU ≤ 3 ms',
  ),
  {
    what: '/profile HTML (signed in; gzip in brackets)',
    value: `${fmt(html.bytes / 1000, 1)} KB (${fmt(html.gzipBytes / 1000, 1)})`,
    target: '≤ 40 KB',
  },
  versusRow(`update (POST /api/setSocialLink, as shipped, ${w})`, 'update', 'read as shipped', 'read as shipped'),
  versusRow(
    `login (POST /api/login, as shipped, ${w})`,
    'login',
    'bcrypt hash-only loop',
    'reference: bcrypt hash-only loop',
    '≥ 0.85',
  ),
  versusRow(
    'read as shipped while login runs',
    'read while login runs',
    'read as shipped alone',
    'read as shipped',
    '≥ 0.50',
  ),
  { what: 'reference: bare node:http, one query', summary: r('reference: bare node:http, one query') },
  { what: `reference: empty Next route, ${w}`, summary: r('reference: empty Next route') },
  { what: `reference: one query in a Next route, ${w}`, summary: r('reference: one query in a Next route') },
  { what: 'reference: bcrypt hash-only loop', summary: r('reference: bcrypt hash-only loop') },
  rssRow(servers[0]!, 'as shipped'),
  rssRow(servers[1]!, 'limiter off'),
  rssRow(servers[2]!, 'one process'),
];
function fmt(n: number, digits = 0) {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
const cell = (row: Row) => {
  const s = row.summary;
  if (!s) return [row.value ?? '', '', '', ''];
  return [
    fmt(s.rps, s.rps < 100 ? 1 : 0) + (s.failures ? ` (${fmt(s.failures)} failed)` : ''),
    s.p50 ? fmt(s.p50, 1) : '',
    s.p99 ? fmt(s.p99, 1) : '',
    s.cpuMsPerRequest === undefined ? '' : fmt(s.cpuMsPerRequest, s.cpuMsPerRequest < 10 ? 2 : 0),
  ];
};
const table = [
  '| what | req/s | p50 ms | p99 ms | server CPU ms/req | ratio | vs | target |',
  '|---|---:|---:|---:|---:|---:|---|---|',
  ...rows.map(
    (row) =>
      `| ${[row.what, ...cell(row), row.ratio === undefined ? '' : fmt(row.ratio, 2), row.vs ?? '', row.target ?? ''].join(' | ')} |`,
  ),
].join('\n');
const context =
  `${tool}, ${connections} connections, ${seconds} s × ${runs} runs (median), ${users} users with a 20 KiB image, ` +
  `each its own client address, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ` +
  `load average ${loadavg()[0]!.toFixed(1)} at the end, Node ${process.version}, ` +
  `${Math.round((performance.now() - startedAt) / 60_000)} min, ${new Date().toISOString().slice(0, 10)}`;
console.log(`\n${context}\n\n${table}\n`);

const json = {
  date: new Date().toISOString(),
  context,
  short,
  workersAsShipped: shipped!.workers,
  results,
  peakRssMiB: peakRss,
  profileHtml: html,
  table: rows,
};
if (short) {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-short.json', JSON.stringify(json, null, 2));
} else {
  writeFileSync('bench/results.json', JSON.stringify(json, null, 2) + '\n');
  const readme = readFileSync('docs/performance.md', 'utf8');
  const section = `<!-- bench:start -->\n${context}.\n\n${table}\n<!-- bench:end -->`;
  writeFileSync('docs/performance.md', readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));
  // The table's columns aligned as the format check wants them.
  spawnSync('npx', ['prettier', '--write', 'docs/performance.md', 'bench/results.json'], { stdio: 'ignore' });
  console.log('Written to bench/results.json and docs/performance.md.');
}
