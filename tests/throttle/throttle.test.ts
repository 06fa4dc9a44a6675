import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserInput, uniqueName } from '../support/api';
import { databaseConnection } from '../support/db';
import { requestFrom, type Answer } from '../support/from-address';
import { startApp, type RunningApp } from '../../scripts/lib/app-server';

/*
 * Throttles at their real defaults, on a server of their own (the shared test
 * server lifts the per-address limits, since every other test comes from
 * 127.0.0.1). Each test speaks from its own loopback addresses, so tests do
 * not share per-address counts.
 */
let server: RunningApp;
const db = databaseConnection();

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (name.startsWith('RATE_LIMIT_') || name === 'LOGIN_FAILURE_LIMIT') delete env[name];
  server = await startApp({ name: 'throttle', baseEnv: env });
}, 90_000);
afterAll(() => server?.stop());

let hostCounter = 10;
/** A fresh client address for one test. */
const newAddress = () => `127.0.${Math.floor(hostCounter / 250) + 3}.${(hostCounter++ % 250) + 1}`;
const call = <T = Record<string, unknown>>(
  from: string,
  path: string,
  options: Parameters<typeof requestFrom>[2] = {},
) => requestFrom<T>(from, `${server.baseUrl}${path}`, options);

type Login = { sessionCode: string; deviceToken: string; code: string };
const login = (from: string, credentials: Record<string, string>, headers: Record<string, string> = {}) =>
  call<Login>(from, '/api/login', { json: credentials, headers });

async function signUp(from = newAddress()) {
  const input = newUserInput();
  const created = await call(from, '/api/creare-cont', { json: input });
  expect(created.status).toBe(201);
  return input;
}

function expectThrottled(answer: Answer, retryAfter?: number) {
  expect(answer.status).toBe(429);
  expect((answer.body as { code?: string }).code).toBe('rate_limited');
  const seconds = Number(answer.headers['retry-after']);
  expect(seconds).toBeGreaterThan(0);
  if (retryAfter !== undefined) expect(seconds).toBe(retryAfter);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wrong passwords from one client until `failures` have been counted, waiting out each pause as told. */
async function pileUpFailures(from: string, who: Record<string, string>, failures: number) {
  for (let counted = 0; counted < failures;) {
    const answer = await login(from, { ...who, password: 'wrong wrong wrong' });
    if (answer.status === 401) counted++;
    else if (answer.status === 429) await sleep(Number(answer.headers['retry-after']) * 1000 + 100);
    else throw new Error(`unexpected ${answer.status}`);
  }
}

/** Sends requests until the first 429 (at most `cap`); how many passed before it. */
async function passesBeforeThrottled(send: () => Promise<Answer>, cap: number, parallel = 1) {
  let passed = 0;
  while (passed < cap) {
    const answers = await Promise.all(Array.from({ length: parallel }, send));
    const refused = answers.find((answer) => answer.status === 429);
    passed += answers.filter((answer) => answer.status !== 429).length;
    if (refused) {
      expectThrottled(refused);
      return passed;
    }
  }
  return passed;
}

describe('per-account login throttle', () => {
  it("keeps the owner's known client signing in while a stranger on another address piles up failures", async () => {
    const user = await signUp();
    const owner = newAddress();
    const stranger = newAddress();
    const first = await login(owner, { email: user.email, password: user.password });
    expect(first.status).toBe(200);
    expect(first.body.deviceToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    // 8 failures: the pause is now 8 s, long enough for what follows on a slow machine.
    await pileUpFailures(stranger, { email: user.email }, 8);
    expectThrottled(await login(stranger, { email: user.email, password: 'wrong wrong wrong' }));
    // The right password from a client the account does not know waits like everyone else…
    expectThrottled(await login(stranger, { username: user.username, password: user.password }));
    // …while the owner's client (API header, or the browser's cookie) signs in at once.
    expect(
      (await login(owner, { email: user.email, password: user.password }, { 'x-device-token': first.body.deviceToken }))
        .status,
    ).toBe(200);
    expect(
      (
        await login(
          owner,
          { email: user.email, password: user.password },
          { cookie: `device=${first.body.deviceToken}` },
        )
      ).status,
    ).toBe(200);
    // A device token of another account is no pass.
    const other = await signUp();
    const otherLogin = await login(newAddress(), { email: other.email, password: other.password });
    expectThrottled(
      await login(
        stranger,
        { email: user.email, password: user.password },
        { 'x-device-token': otherLogin.body.deviceToken },
      ),
    );
  }, 30_000);

  it('pauses for 1 s from the 5th consecutive failure, then doubles; a success resets', async () => {
    const user = await signUp();
    const from = newAddress();
    const wrong = { email: user.email, password: 'wrong wrong wrong' };
    for (let i = 0; i < 5; i++) expect((await login(from, wrong)).status).toBe(401);
    expectThrottled(await login(from, wrong), 1);
    await sleep(1100);
    expect((await login(from, wrong)).status).toBe(401);
    expectThrottled(await login(from, wrong), 2);
    await sleep(2100);
    expect((await login(from, wrong)).status).toBe(401);
    expectThrottled(await login(from, wrong), 4);
    await sleep(4100);
    expect((await login(from, { email: user.email, password: user.password })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(from, wrong)).status).toBe(401);
  }, 30_000);

  it('throttles an account that does not exist exactly like one that does', async () => {
    const from = newAddress();
    const ghost = { email: `${uniqueName()}@example.test`, password: 'wrong wrong wrong' };
    for (let i = 0; i < 5; i++) expect((await login(from, ghost)).status).toBe(401);
    expectThrottled(await login(from, ghost), 1);
    expectThrottled(await login(from, { ...ghost, email: ghost.email.toUpperCase() }), 1);
  });

  it('lets at most 5 guesses through when 30 arrive at once', async () => {
    const user = await signUp();
    const from = newAddress();
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => login(from, { email: user.email, password: 'wrong wrong wrong' })),
    );
    // On a slow machine the burst may outlast the first pauses (1 s, 2 s…): one more guess each.
    let allowed = 5;
    for (let pause = 1000, waited = pause; waited <= Date.now() - started; pause *= 2, waited += pause) allowed++;
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(allowed);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
  });
});

describe('per-address limits at their defaults', () => {
  // A sliding window: at least the limit passes, and only a little more when a test straddles a window's edge.
  it('allows 20 login attempts a minute from one address, across any accounts; other addresses are unaffected', async () => {
    const from = newAddress();
    const attempt = () => login(from, { email: `${uniqueName()}@example.test`, password: 'wrong wrong wrong' });
    const passed = await passesBeforeThrottled(attempt, 40);
    console.log(`[figures] login attempts on distinct accounts from one address: ${passed} × 401, then 429`);
    expect(passed).toBeGreaterThanOrEqual(20);
    expect(passed).toBeLessThanOrEqual(24);
    expect(
      (await login(newAddress(), { email: `${uniqueName()}@example.test`, password: 'wrong wrong wrong' })).status,
    ).toBe(401);
  });

  it('allows 20 sign-ups an hour from one address', async () => {
    const from = newAddress();
    const passed = await passesBeforeThrottled(() => call(from, '/api/creare-cont', { json: newUserInput() }), 40);
    console.log(`[figures] sign-ups from one address: ${passed} × 201, then 429`);
    expect(passed).toBeGreaterThanOrEqual(20);
    expect(passed).toBeLessThanOrEqual(21);
  });

  it('allows 60 availability checks a minute from one address', async () => {
    const from = newAddress();
    let i = 0;
    const check = () =>
      call(
        from,
        i++ % 2 ? `/api/checkUsername?username=${uniqueName()}` : `/api/checkEmail?email=${uniqueName()}@example.test`,
      );
    const passed = await passesBeforeThrottled(check, 120);
    console.log(`[figures] availability checks from one address: ${passed} answered, then 429`);
    expect(passed).toBeGreaterThanOrEqual(60);
    expect(passed).toBeLessThanOrEqual(72);
  });

  it('allows 600 API requests a minute from one address (health checks are not counted)', async () => {
    const from = newAddress();
    const passed = await passesBeforeThrottled(() => call(from, '/api/getProfile'), 1200, 25);
    console.log(`[figures] API requests from one address: ${passed} answered, then 429`);
    expect(passed).toBeGreaterThanOrEqual(600);
    expect(passed).toBeLessThanOrEqual(720);
    expect((await call(from, '/api/health')).status).toBe(200);
  }, 120_000);

  it('keeps its state bounded: fixed-width hashed keys, and a scan of many names adds at most one row per allowed attempt', async () => {
    const from = newAddress();
    const [before] = await db().query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM login_throttles');
    for (let i = 0; i < 60; i++)
      await login(from, { username: `${'x'.repeat(50)}${uniqueName()}`, password: 'wrong wrong wrong' });
    const [after] = await db().query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM login_throttles');
    console.log(
      `[figures] 60 login attempts on distinct names from one address: ${Number(after[0]!.n) - Number(before[0]!.n)} new rows`,
    );
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBeLessThanOrEqual(20);
    const [widths] = await db().query<mysql.RowDataPacket[]>(
      'SELECT MAX(LENGTH(bucket)) AS bucket, (SELECT MAX(LENGTH(`key`)) FROM login_throttles) AS throttle FROM rate_limits',
    );
    expect(widths[0]).toEqual({ bucket: 43, throttle: 43 });
  });
});
