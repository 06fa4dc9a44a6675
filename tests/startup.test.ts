import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { freePort, runAppToExit, startApp } from '../scripts/lib/app-server';

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { env, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('start-up', () => {
  it('refuses to start in production without JWT_SECRET, with a one-line message', async () => {
    const { code, output } = await runAppToExit({
      name: 'startup-no-secret',
      // Each worker checks the app's settings as it loads: one process, one line (two workers print it twice).
      env: { JWT_SECRET: undefined, WEB_CONCURRENCY: '1' },
    });
    expect(code).toBe(1);
    const lines = output.split('\n').filter((line) => line.includes('Profile Hub cannot start'));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as { level: string; msg: string };
    expect(entry.level).toBe('fatal');
    expect([entry.msg]).toEqual([
      'Profile Hub cannot start: JWT_SECRET is not set: set it to a random string of at least 32 bytes (npm run dev writes one to .env.development.local).',
    ]);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      'SHUTDOWN_TIMEOUT_MS',
      '10s',
      'SHUTDOWN_TIMEOUT_MS="10s" must be a whole number of milliseconds from 100 to 600000.',
    ],
    ['PORT', 'http', 'PORT="http" must be a whole number from 0 to 65535.'],
  ])('the runner refuses %s=%s before it starts anything, with one line naming it', async (name, value, message) => {
    // Before: SHUTDOWN_TIMEOUT_MS=10s became NaN, the stop timer fired at once and every SIGTERM ended in exit 1.
    const { code, output } = await runAppToExit({ name: `startup-${name}`, env: { [name]: value } });
    expect(code).toBe(1);
    expect(output.trim()).toBe(`Profile Hub cannot start: ${message}`);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes', async () => {
    const { code, output } = await runAppToExit({ name: 'startup-short-secret', env: { JWT_SECRET: 'short' } });
    expect(code).toBe(1);
    expect(output).toContain('JWT_SECRET must be at least 32 bytes long.');
  });

  it('refuses RATE_LIMIT_DISABLED=1 in production, pointing at RATE_LIMIT_EXEMPT_ADDRESSES', async () => {
    const { code, output } = await runAppToExit({ name: 'startup-no-limits', env: { RATE_LIMIT_DISABLED: '1' } });
    expect(code).toBe(1);
    expect(output).toContain('Profile Hub cannot start: RATE_LIMIT_DISABLED is refused in production');
    expect(output).toContain('RATE_LIMIT_EXEMPT_ADDRESSES');
    expect(output).not.toContain('ready on');
  });

  it('refuses to serve production under `next start`, which would believe a client its X-Forwarded-For', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    const port = String(await freePort());
    const { code, output } = await run('npx', ['next', 'start', '-H', '127.0.0.1', '-p', port], env);
    expect(code).toBe(1);
    const lines = output.split('\n').filter((line) => line.includes('Profile Hub cannot start'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('production must be served by the runner (npm start');
  });

  it('answers 503 unavailable with Retry-After when the database is unreachable, and never leaks why', async () => {
    const app = await startApp({
      name: 'startup-no-database',
      env: { DATABASE_URL: 'mysql://root@127.0.0.1:1/nowhere' },
    });
    try {
      const health = await fetch(`${app.baseUrl}/api/health`);
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toBeTruthy();
      const login = await fetch(`${app.baseUrl}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.test', password: 'whatever password' }),
      });
      expect(login.status).toBe(503);
      const text = await login.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'unavailable' });
      expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|mysql/i);
    } finally {
      await app.stop();
    }
  });

  it('starts a project-local MariaDB from the installed server binary when none answers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'profile-hub-db-'));
    const env = { ...process.env, LOCAL_DB_DIR: dir, LOCAL_DB_PORT: '3317' };
    const { code, output } = await run(
      'npx',
      [
        'tsx',
        '-e',
        "import('./scripts/lib/database-server.ts').then((m) => m.startLocalServer()).then((url) => console.log('URL ' + url))",
      ],
      env,
      60_000,
    );
    try {
      expect(code, output).toBe(0);
      expect(output).toContain('URL mysql://root@127.0.0.1:3317/profile_hub');
      const connection = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3317/' });
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT @@datadir AS dir');
      await connection.end();
      expect(path.resolve(String(rows[0]!.dir))).toBe(path.join(dir, 'mysql'));
    } finally {
      const pid = Number(readFileSync(path.join(dir, 'mysqld.pid'), 'utf8'));
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 40; i++) {
        try {
          process.kill(pid, 0);
          await new Promise((resolve) => setTimeout(resolve, 250));
        } catch {
          break;
        }
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
