import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, migrateDatabase } from '@/db/migrate';
import { newUserInput } from './support/api';
import { mailEnvironment } from './support/global-setup';
import { linkToken, mailsTo, startMailCatcher, waitForMail } from './support/mail-catcher';

/*
 * The outbox against a server of its own (its own database, its own SMTP
 * port), so the SMTP server can be down and the app can be killed without
 * touching the other tests.
 */

const url = new URL(process.env.DATABASE_URL!);
url.pathname = `${url.pathname}_outbox`;
const databaseUrl = url.toString();
const mailDir = mkdtempSync(path.join(tmpdir(), 'profile-hub-outbox-'));
let smtpPort = 0;
let appPort = 0;
let app: { child: ChildProcess; log: () => string } | undefined;
let connection: mysql.Connection;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startApp() {
  const base = `http://127.0.0.1:${appPort}`;
  const child = spawn(process.execPath, ['server/start.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(appPort),
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      ...mailEnvironment(`smtp://127.0.0.1:${smtpPort}`, base),
      OUTBOX_MAX_ATTEMPTS: '50',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  for (let attempt = 0; ; attempt++) {
    const health = await fetch(`${base}/api/health`).catch(() => undefined);
    if (health?.ok) break;
    if (attempt > 120) throw new Error(`the runner did not come up:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  app = { child, log: () => log };
}

function killApp(signal: NodeJS.Signals) {
  const pid = app?.child.pid;
  app = undefined;
  if (!pid) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    process.kill(-pid, signal);
    // The process group is gone when the port stops answering.
    const poll = setInterval(async () => {
      const alive = await fetch(`http://127.0.0.1:${appPort}/api/live`).then(
        () => true,
        () => false,
      );
      if (!alive) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 200);
  });
}

async function signUp() {
  const input = newUserInput();
  const response = await fetch(`http://127.0.0.1:${appPort}/api/creare-cont`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  expect(response.status).toBe(201);
  return input;
}

async function outboxRow(recipient: string) {
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT * FROM outbox WHERE recipient = ? ORDER BY id', [
    recipient,
  ]);
  return rows[0];
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

beforeAll(async () => {
  await migrateDatabase(databaseUrl);
  connection = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' });
  [smtpPort, appPort] = [await freePort(), await freePort()];
  await startApp();
}, 120_000);

afterAll(async () => {
  if (app) await killApp('SIGTERM');
  await connection?.end();
  await dropDatabase(databaseUrl);
});

describe('outbox', () => {
  it('answers while SMTP is down, logs the failure without the link, delivers once SMTP is back', async () => {
    const user = await signUp();
    const failed = await until('a failed attempt', async () => {
      const row = await outboxRow(user.email);
      return row && row.attempts >= 1 && row.last_error ? row : undefined;
    });
    expect(failed.sent_at).toBeNull();
    expect(failed.last_error).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
    expect(failed.payload).not.toContain('verify-email');

    const catcher = await startMailCatcher({ port: smtpPort, dir: mailDir, clean: false });
    try {
      const mail = await waitForMail(mailDir, user.email, /Confirm your email address/);
      const token = linkToken(mail, '/verify-email');
      const sent = await until('the row marked sent', async () => {
        const row = await outboxRow(user.email);
        return row?.sent_at ? row : undefined;
      });
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(app!.log()).toMatch(
        /"kind":"verify_email","attempt":1,"reason":"[^"]+".*"msg":"mail not delivered; will retry"/,
      );
      expect(app!.log()).not.toContain(token);
    } finally {
      await catcher.close();
    }
  }, 60_000);

  it('loses nothing when the app is killed (SIGKILL) between the change and the send: sent after restart', async () => {
    const user = await signUp();
    // Killed while the row waits for its next try (not while an attempt holds its 2-minute lease).
    await until(
      'the pending row between two attempts',
      async () => {
        const row = await outboxRow(user.email);
        const wait = row ? new Date(row.next_attempt_at).getTime() - Date.now() : 0;
        return row && row.attempts >= 1 && !row.sent_at && wait > 1000 && wait < 60_000 ? row : undefined;
      },
      30_000,
    );
    await killApp('SIGKILL');
    const catcher = await startMailCatcher({ port: smtpPort, dir: mailDir, clean: false });
    try {
      expect(await mailsTo(mailDir, user.email)).toEqual([]);
      await startApp();
      await waitForMail(mailDir, user.email, /Confirm your email address/, 40_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await mailsTo(mailDir, user.email)).toHaveLength(1);
    } finally {
      await catcher.close();
    }
  }, 120_000);
});
