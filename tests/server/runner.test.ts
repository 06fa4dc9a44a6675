/**
 * The production runner (server/start.ts) over real sockets: who the client is
 * (directly and behind Debian's nginx), graceful shutdown, one process per core.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';
import { send, trickledPost } from '../support/http';
import { startNginx } from '../support/nginx';
import type { RunningApp } from '../../scripts/lib/app-server';
import { startTestApp } from '../support/server';

/**
 * Signs up and logs in through `url` from `localAddress`, sending a forged X-Forwarded-For; returns the
 * recorded ip.
 */
async function recordedIp(url: string, localAddress?: string): Promise<string> {
  const input = newUserInput();
  const forged = { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' };
  expect(
    (
      await send(`${url}/api/creare-cont`, {
        method: 'POST',
        headers: forged,
        body: JSON.stringify(input),
        localAddress,
      })
    ).status,
  ).toBe(201);
  const login = await send(`${url}/api/login`, {
    method: 'POST',
    headers: forged,
    body: JSON.stringify({ email: input.email, password: input.password }),
    localAddress,
  });
  expect(login.status).toBe(200);
  const { sessionCode } = JSON.parse(login.body) as { sessionCode: string };
  const listed = await send(`${url}/api/sessions`, {
    headers: { authorization: `Bearer ${sessionCode}` },
    localAddress,
  });
  const { sessions } = JSON.parse(listed.body) as { sessions: { ip: string; current: boolean }[] };
  return sessions.find((session) => session.current)!.ip;
}

const db = databaseConnection();
const runners: RunningApp[] = [];
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop('SIGKILL')));
});

async function runner(env: Record<string, string> = {}, readyLines = 1) {
  const started = await startTestApp(env, { readyLines });
  runners.push(started);
  return started;
}

describe('production runner', () => {
  it('runs on Node 24, as engines says', async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    const started = await runner();
    expect(started.output()).toMatch(/\(Node v2[4-9]\.|\(Node v[3-9]\d\./);
    // Each runner has a worker per core by default: stopped when done, so the tests below get the machine.
    expect(await started.stop()).toBe(0);
  }, 120_000);

  it('without TRUST_PROXY, a client-sent X-Forwarded-For is replaced by the socket address', async () => {
    // The suite's shared server trusts loopback (tests speak for many clients):
    // a runner of its own, without TRUST_PROXY.
    const direct = await runner();
    expect(await recordedIp(direct.baseUrl)).toBe('127.0.0.1');
    expect(await direct.stop()).toBe(0);
  }, 120_000);

  it('behind nginx with TRUST_PROXY, the client is the right-most untrusted address; a forged entry is ignored', async () => {
    const app = await runner({ TRUST_PROXY: '127.0.0.1' });
    // The project's sample config (docs/nginx.conf), pointing at this one instance.
    const nginx = await startNginx([new URL(app.baseUrl).host]);
    try {
      // The client connects to nginx from 127.0.0.5; nginx reaches the app from 127.0.0.1 (trusted).
      expect(await recordedIp(nginx.url, '127.0.0.5')).toBe('127.0.0.5');
      // Straight to the app from an untrusted address, the forged header counts for nothing.
      expect(await recordedIp(app.baseUrl, '127.0.0.6')).toBe('127.0.0.6');
    } finally {
      await nginx.stop();
      await app.stop();
    }
  }, 120_000);

  it('without WEB_CONCURRENCY, serves from one worker per available core', async () => {
    const cores = availableParallelism();
    const app = await runner({ WEB_CONCURRENCY: '' }, cores);
    const ready = [...app.output().matchAll(/\[(?:worker \d+|server) (\d+)\] ready/g)].map((match) => match[1]);
    expect(new Set(ready).size).toBe(cores);
    if (cores > 1) expect(app.output()).toContain(`starting ${cores} workers`);
    expect(await app.stop('SIGTERM')).toBe(0);
  }, 120_000);

  it('on SIGTERM every worker answers its in-flight requests (Connection: close), then the runner exits 0', async () => {
    const app = await runner({ WEB_CONCURRENCY: '2' }, 2);
    // Requests whose headers are in and whose bodies are still arriving: surely in flight.
    const inputs = Array.from({ length: 6 }, () => JSON.stringify(newUserInput()));
    const replies = inputs.map((body) => trickledPost(`${app.baseUrl}/api/creare-cont`, body, 4000));
    // Time for the server to read the headers even on a busy machine: a connection
    // that has not sent a whole request head yet is idle, and closing it is right.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const exitCode = app.stop('SIGTERM');
    const answered = await Promise.all(replies);
    expect(answered.map((reply) => reply.status)).toEqual(inputs.map(() => 201));
    expect(answered.every((reply) => reply.headers.connection === 'close')).toBe(true);
    // Each answered sign-up is in the database: the writes in flight at SIGTERM were finished, not dropped.
    const emails = inputs.map((body) => (JSON.parse(body) as { email: string }).email);
    const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT email FROM users WHERE email IN (?)', [emails]);
    expect(rows.map((row) => row.email as string).sort()).toEqual([...emails].sort());
    expect(await exitCode).toBe(0);
    // The primary hands connections out in turn: both workers had requests in flight, and both finished them.
    const finishing = [...app.output().matchAll(/\[worker (\d+) \d+\] SIGTERM: finishing (\d+) in-flight/g)];
    const perWorker = finishing.map((match) => Number(match[2]));
    expect(perWorker).toHaveLength(2);
    expect(perWorker.every((count) => count > 0)).toBe(true);
    expect(perWorker[0]! + perWorker[1]!).toBe(6);
    expect(app.output().match(/\[worker \d+ \d+\] stopped/g)).toHaveLength(2);
    // Nothing listens any more.
    await expect(send(`${app.baseUrl}/api/health`)).rejects.toThrow();
  }, 120_000);

  it('WEB_CONCURRENCY=2 serves from two worker processes, replaces a dead one, and stops cleanly', async () => {
    const app = await runner({ WEB_CONCURRENCY: '2' }, 2);
    const workerPids = () => [
      ...new Set([...app.output().matchAll(/\[worker \d+ (\d+)\] ready/g)].map((match) => Number(match[1]))),
    ];
    const [first, second] = workerPids();
    expect(first).not.toBe(second);
    expect([first, second]).not.toContain(app.child.pid);
    const cpuTicks = (pid: number) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]);
    };
    const before = [cpuTicks(first!), cpuTicks(second!)];
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () => send(`${app.baseUrl}/api/health`).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    // Both workers did work (the primary hands connections round-robin).
    expect(cpuTicks(first!)).toBeGreaterThan(before[0]!);
    expect(cpuTicks(second!)).toBeGreaterThan(before[1]!);

    process.kill(first!, 'SIGKILL');
    for (let i = 0; i < 300 && workerPids().length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(workerPids()).toHaveLength(3);
    expect((await send(`${app.baseUrl}/api/health`)).status).toBe(200);

    expect(await app.stop('SIGTERM')).toBe(0);
    expect(
      spawnSync('pgrep', ['-P', String(app.child.pid)])
        .stdout.toString()
        .trim(),
    ).toBe('');
  }, 180_000);
});
