/**
 * A rolling restart behind nginx, as docs/operating.md describes it: two production runners on one database
 * behind Debian's nginx running the sample config (docs/nginx.conf), mixed traffic on keep-alive connections
 * throughout, and each instance in turn stopped with SIGTERM, started again on its port and given traffic again.
 * No request fails and every acknowledged write is in the database.
 */
import { Agent } from 'node:http';
import type mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';
import { send, trickledPost, type Reply } from '../support/http';
import { startNginx, type Nginx } from '../support/nginx';
import { freePort, type RunningApp } from '../../scripts/lib/app-server';
import { startTestApp } from '../support/server';

const db = databaseConnection();
const started: RunningApp[] = [];
let nginx: Nginx | undefined;
afterAll(async () => {
  await nginx?.stop();
  await Promise.all(started.map((runner) => runner.stop('SIGKILL')));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function instance(port: number) {
  // TRUST_PROXY as the sample config asks; per-address limits are lifted by startRunner. One worker each: the
  // rolling restart is about instances (several workers per process stop gracefully in runner.test.ts); four
  // processes beside nginx and the load on 2 cores starved the database pool into 503s, not a restart's fault.
  const runner = await startTestApp({ TRUST_PROXY: '127.0.0.1', WEB_CONCURRENCY: '1' }, { port });
  started.push(runner);
  return runner;
}

/** API requests an instance has answered (one JSON log line each). */
const answered = (runner: RunningApp) => runner.output().match(/"route":"\/api\//g)?.length ?? 0;

async function until(condition: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('rolling restart behind nginx', () => {
  it('SIGTERM, restart, then the other instance: no request fails, every acknowledged write is kept', async () => {
    const ports = [await freePort(), await freePort()];
    while (ports[1] === ports[0]) ports[1] = await freePort();
    const instances = await Promise.all(ports.map((port) => instance(port)));
    nginx = await startNginx(ports.map((port) => `127.0.0.1:${port}`));
    const proxy = nginx.url;

    // Keep-alive connections from the clients to nginx, as browsers hold them.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const counts = new Map<string, number>();
    const failures: string[] = [];
    const down = [false, false];
    const answeredWhileDown = [0, 0];
    const json = { 'content-type': 'application/json' };
    async function call(label: string, expected: number, path: string, options: Parameters<typeof send>[1] = {}) {
      let reply: Reply | undefined;
      try {
        reply = await send(`${proxy}${path}`, { ...options, agent });
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message}`);
      }
      const key = `${label} ${reply?.status ?? 'connection error'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!reply) return undefined;
      if (reply.status !== expected) {
        failures.push(`${label}: ${reply.status} ${reply.body.slice(0, 200)}`);
        return undefined;
      }
      down.forEach((isDown, which) => (answeredWhileDown[which]! += isDown ? 1 : 0));
      return reply;
    }
    async function signUp() {
      const input = newUserInput();
      const created = await call('POST /api/creare-cont', 201, '/api/creare-cont', {
        method: 'POST',
        headers: json,
        body: JSON.stringify(input),
      });
      return created ? input : undefined;
    }
    async function login(email: string, password: string) {
      const reply = await call('POST /api/login', 200, '/api/login', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, password }),
      });
      return reply && (JSON.parse(reply.body) as { sessionCode: string }).sessionCode;
    }

    // Four users made through nginx before the traffic: one logs in over and over, one reads its profile, two
    // write their social links.
    const users = [];
    for (let i = 0; i < 4; i++) {
      const input = (await signUp())!;
      users.push({ ...input, token: (await login(input.email, input.password))! });
    }
    expect(failures).toEqual([]);

    const acknowledgedSignUps: string[] = [];
    const lastDescription = new Map<string, string>();
    let running = true;
    const loops = [
      ...[0, 1].map(async () => {
        while (running) {
          const input = await signUp();
          if (input) acknowledgedSignUps.push(input.email);
        }
      }),
      (async () => {
        while (running) await login(users[0]!.email, users[0]!.password);
      })(),
      (async () => {
        const headers = { authorization: `Bearer ${users[1]!.token}` };
        while (running) await call('GET /api/getProfile', 200, '/api/getProfile', { headers });
      })(),
      ...users.slice(2).map(async (user) => {
        const headers = { ...json, authorization: `Bearer ${user.token}` };
        for (let i = 0; running; i++) {
          const description = `rolling ${i}`;
          const reply = await call('POST /api/setSocialLink', 200, '/api/setSocialLink', {
            method: 'POST',
            headers,
            body: JSON.stringify({ description }),
          });
          // Sequential per user: the last acknowledged value is what the database must hold.
          if (reply) lastDescription.set(user.email, description);
        }
      }),
    ];

    const exits: (number | null)[] = [];
    const inFlightReplies: Reply[] = [];
    const inFlightEmails: string[] = [];
    try {
      await sleep(1500);
      for (const which of [0, 1]) {
        const stopping = instances[which]!;
        // Sign-ups in flight on this instance at the moment of SIGTERM (straight to it, not through nginx): their
        // headers are in, their bodies still arriving.
        const inputs = [newUserInput(), newUserInput()];
        inFlightEmails.push(...inputs.map((input) => input.email));
        const replies = inputs.map((input) =>
          trickledPost(`${stopping.baseUrl}/api/creare-cont`, JSON.stringify(input), 3500).catch(
            (error: Error): Reply => ({ status: 0, headers: {}, body: error.message }),
          ),
        );
        await sleep(2000);
        down[which] = true;
        const exitCode = stopping.stop('SIGTERM');
        inFlightReplies.push(...(await Promise.all(replies)));
        exits.push(await exitCode);
        const restarted = await instance(ports[which]!);
        instances[which] = restarted;
        // nginx sends it traffic again once the sample's fail_timeout (3 s) has passed since the refused connection.
        await until(() => answered(restarted) >= 10, 30_000, `nginx to send traffic to restarted instance ${which}`);
        down[which] = false;
      }
      await sleep(1000);
    } finally {
      // Also when a step above failed: no loop may outlive the test.
      running = false;
      await Promise.all(loops);
      agent.destroy();
    }

    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    console.log(
      [
        `rolling restart: ${total} requests through nginx, ${failures.length} failed;` +
          ` answered while instance A was down: ${answeredWhileDown[0]}, while B was down: ${answeredWhileDown[1]}`,
        ...[...counts].sort().map(([key, count]) => `  ${key}: ${count}`),
        `  in flight at SIGTERM (straight to the instance): ${inFlightReplies.map((reply) => reply.status).join(', ')}`,
        `  exit codes: ${exits.join(', ')}`,
      ].join('\n'),
    );

    expect(failures).toEqual([]);
    expect(exits).toEqual([0, 0]);
    expect(inFlightReplies.map((reply) => [reply.status, reply.headers.connection])).toEqual(
      inFlightReplies.map(() => [201, 'close']),
    );
    // Traffic went on while each instance was away, and through both instances after their restarts.
    expect(answeredWhileDown[0]).toBeGreaterThan(10);
    expect(answeredWhileDown[1]).toBeGreaterThan(10);

    // Every acknowledged write is in the database.
    const emails = [...acknowledgedSignUps, ...inFlightEmails];
    const [accounts] = await db().query<mysql.RowDataPacket[]>('SELECT email FROM users WHERE email IN (?)', [emails]);
    expect(accounts.map((row) => row.email as string).sort()).toEqual([...emails].sort());
    const [links] = await db().query<mysql.RowDataPacket[]>(
      'SELECT u.email, s.description FROM social_links s JOIN users u ON u.id = s.user_id WHERE u.email IN (?)',
      [[...lastDescription.keys()]],
    );
    expect(Object.fromEntries(links.map((row) => [row.email as string, row.description as string]))).toEqual(
      Object.fromEntries(lastDescription),
    );
    expect(lastDescription.size).toBe(2);
  }, 150_000);
});
