import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, migrateDatabase } from '@/db/migrate';
import { freePort, startApp, type RunningApp } from '../scripts/lib/app-server';
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
let app: RunningApp | undefined;
let connection: mysql.Connection;

async function startOutboxApp() {
  app = await startApp({
    name: 'outbox',
    // Kept over the restart: the links in the mails name it.
    port: appPort,
    env: {
      DATABASE_URL: databaseUrl,
      ...mailEnvironment(`smtp://127.0.0.1:${smtpPort}`, `http://127.0.0.1:${appPort}`),
      OUTBOX_MAX_ATTEMPTS: '50',
    },
  });
}

async function stopApp(signal: NodeJS.Signals) {
  const running = app;
  app = undefined;
  await running?.stop(signal);
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
  await startOutboxApp();
}, 120_000);

afterAll(async () => {
  await stopApp('SIGTERM');
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
      expect(app!.output()).toMatch(
        /"kind":"verify_email","attempt":1,"reason":"[^"]+".*"msg":"mail not delivered; will retry"/,
      );
      expect(app!.output()).not.toContain(token);
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
    await stopApp('SIGKILL');
    const catcher = await startMailCatcher({ port: smtpPort, dir: mailDir, clean: false });
    try {
      expect(await mailsTo(mailDir, user.email)).toEqual([]);
      await startOutboxApp();
      await waitForMail(mailDir, user.email, /Confirm your email address/, 40_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await mailsTo(mailDir, user.email)).toHaveLength(1);
    } finally {
      await catcher.close();
    }
  }, 120_000);
});
