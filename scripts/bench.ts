/**
 * Speed and memory figures of the production build on this machine, printed,
 * never asserted: login latency (bcrypt cost 12), API and page throughput, and
 * the server's resident memory. Traffic goes to 127.0.0.1 only, bounded in time.
 *   npm run bench            (builds first if there is no build)
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { ensureDatabaseServer } from './lib/database-server';

const PORT = Number(process.env.BENCH_PORT ?? 3230);
const base = `http://127.0.0.1:${PORT}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 8);

const server = await ensureDatabaseServer();
const url = new URL(server);
url.pathname = `/profile_hub_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = url.toString();
await migrateDatabase(databaseUrl);

const env = { ...process.env, NODE_ENV: 'production' as const, DATABASE_URL: databaseUrl, JWT_SECRET: randomBytes(48).toString('base64url'), NEXT_TELEMETRY_DISABLED: '1' };
delete (env as Record<string, unknown>).BCRYPT_COST; // the production default (12)
const distDir = process.env.NEXT_DIST_DIR || '.next';
if (!existsSync(path.join(distDir, 'BUILD_ID'))) spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env });

const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)], { env, stdio: 'ignore' });

function rssMiB(pid: number): number {
  // The server and any workers it forked.
  const pids = [pid, ...spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number)];
  let kib = 0;
  for (const p of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return Math.round(kib / 1024);
}

async function json(pathname: string, init: RequestInit = {}) {
  const response = await fetch(base + pathname, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

function cannon(title: string, options: autocannon.Options) {
  return new Promise<void>((resolve, reject) => {
    autocannon({ connections: 10, duration: seconds, ...options, url: base + (options.url ?? '') }, (error, result) => {
      if (error) return reject(error);
      const non2xx = result.non2xx + result.errors;
      console.log(
        `${title.padEnd(34)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${result.latency.p50} ms   p97.5 ${result.latency.p97_5} ms   p99 ${result.latency.p99} ms${non2xx ? `   (${non2xx} non-2xx/errors)` : ''}`,
      );
      resolve();
    });
  });
}

try {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`Profile Hub benchmark · ${seconds} s per run · 10 connections · ${process.arch} ${(await import('node:os')).cpus().length} cores`);
  console.log(`server RSS after start                 ${rssMiB(child.pid!)} MiB`);

  const user = { email: `bench${randomBytes(3).toString('hex')}@example.test`, password: 'Bench mark horse battery', firstName: 'Ben', lastName: 'Chmark', username: `bench${randomBytes(3).toString('hex')}` };
  const signUpStart = performance.now();
  await json('/api/creare-cont', { method: 'POST', body: JSON.stringify(user) });
  console.log(`sign-up (bcrypt cost 12)               ${Math.round(performance.now() - signUpStart)} ms`);

  const times: number[] = [];
  let code = '';
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    const { body } = await json('/api/login', { method: 'POST', body: JSON.stringify({ email: user.email, password: user.password }) });
    times.push(performance.now() - start);
    code = body.sessionCode!;
  }
  times.sort((a, b) => a - b);
  console.log(`login, 10 sequential (bcrypt cost 12)  median ${Math.round(times[5]!)} ms   max ${Math.round(times[9]!)} ms`);

  await cannon('GET /api/health', { url: '/api/health' });
  await cannon('GET /api/getProfile (Bearer)', { url: '/api/getProfile', headers: { authorization: `Bearer ${code}` } });
  await cannon('GET /api/checkUsername', { url: `/api/checkUsername?username=${user.username}` });
  await cannon('GET /profile page (cookie, proxy+SSR)', { url: '/profile', headers: { cookie: `session=${code}` } });
  console.log(`server RSS after load                  ${rssMiB(child.pid!)} MiB`);
} finally {
  child.kill('SIGTERM');
  await dropDatabase(databaseUrl);
}
