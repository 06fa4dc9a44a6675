/**
 * Mail flooding: one account looping POST /api/changeEmail sent two mails per call (to any addresses, opening
 * with the attacker's chosen first name): 30 calls, 30 × 200, about 60 mails. Every mail-sending request now
 * counts against the per-address mail limit and the account's daily budget (MAIL_PER_ACCOUNT_PER_DAY, 20
 * requests of at most 2 mails: docs/rate-limits.md), and mail says "Hello," only.
 */
import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { api, baseUrl, expectContractError, login, newUserInput, signedUpUser, uniqueName } from '../support/api';
import { databaseConnection } from '../support/db';
import { readMailbox, waitForMail } from '../support/mail-catcher';

const db = databaseConnection();
const BUDGET = 20;
const client = () => ({ 'x-forwarded-for': `198.51.100.${1 + Math.floor(Math.random() * 250)}` });

/** Waits until the outbox holds nothing unsent for addresses containing `marker`. */
async function outboxDrained(marker: string) {
  for (let i = 0; i < 200; i++) {
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM outbox WHERE recipient LIKE ? AND sent_at IS NULL AND failed_at IS NULL',
      [`%${marker}%`],
    );
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error('the outbox did not drain');
}

describe('mail flooding', () => {
  it(`one account looping changeEmail 30 times sends at most 2 × ${BUDGET} mails, then 429`, async () => {
    const user = await signedUpUser({ firstName: 'Winner' });
    const from = client();
    await waitForMail(inject('mailDir'), user.email, /Confirm your email address/);
    const before = (await readMailbox(inject('mailDir'))).filter((mail) => mail.to.includes(user.username)).length;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const answer = await api('/api/changeEmail', {
        token: user.token,
        headers: from,
        json: { newEmail: `flood${i}-${user.username}@example.test`, currentPassword: user.password },
      });
      statuses.push(answer.status);
      if (answer.status === 429) {
        expectContractError(answer, 429, 'rate_limited');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    await outboxDrained(user.username);
    const mails = (await readMailbox(inject('mailDir'))).filter((mail) => mail.to.includes(user.username));
    console.log(`[figures] 30 × changeEmail from one account: ${statuses.join(' ')}; ${mails.length - before} mails`);
    expect(statuses.filter((status) => status === 200)).toHaveLength(BUDGET);
    expect(statuses.slice(BUDGET).every((status) => status === 429)).toBe(true);
    expect(mails.length - before).toBeLessThanOrEqual(2 * BUDGET);
    // The attacker-chosen first name is nowhere in what the app says.
    for (const mail of mails) {
      expect(mail.text).not.toContain('Winner');
      expect(mail.html).not.toContain('Winner');
      expect(mail.text).toContain('Hello,');
    }
  }, 120_000);
});

/** The shared test server's RATE_LIMIT_MAIL_PER_HOUR (tests/support/global-setup.ts). */
const MAIL_PER_HOUR = 30;
const SIGN_UPS = 40;

describe('sign-up flooding', () => {
  it(`one address signing up ${SIGN_UPS} accounts with other people's addresses: every account is made, at most ${MAIL_PER_HOUR} mails leave`, async () => {
    // Before: sign-up counted only against RATE_LIMIT_SIGNUP_PER_HOUR, so each one mailed its victim (40 mails).
    const marker = uniqueName('sf');
    const attacker = { 'x-forwarded-for': '192.0.2.44' };
    const inputs = Array.from({ length: SIGN_UPS }, (_, i) =>
      newUserInput({ username: `${marker}_${i}`, email: `victim${i}-${marker}@example.test` }),
    );
    const answers = [];
    for (const input of inputs)
      answers.push(await api<{ message: string }>('/api/creare-cont', { headers: attacker, json: input }));
    await outboxDrained(marker);
    const mails = (await readMailbox(inject('mailDir'))).filter((mail) => mail.to.includes(marker));
    console.log(
      `[figures] ${SIGN_UPS} sign-ups from one address: ${tally(answers.map((a) => a.status))}; ${mails.length} mails`,
    );
    // The sign-up is never lost: each account is created, and past the limit the answer says no mail went.
    expect(answers.map((answer) => answer.status)).toEqual(Array(SIGN_UPS).fill(201));
    expect(answers.slice(0, MAIL_PER_HOUR).every((a) => a.body.message === 'Account created.')).toBe(true);
    for (const held of answers.slice(MAIL_PER_HOUR))
      expect(held.body.message).toMatch(/no verification email was sent/);
    expect(mails).toHaveLength(MAIL_PER_HOUR);
    expect(new Set(mails.map((mail) => mail.to)).size).toBe(MAIL_PER_HOUR);

    // A held account's page says no link is on its way; its owner asks for one later, from another network.
    const owner = inputs.at(-1)!;
    const code = await login(owner.email, owner.password);
    const page = await fetch(`${baseUrl()}/profile`, { headers: { cookie: `session=${code}` } });
    expect(await page.text()).toContain('No link is on its way to');
    const again = await api('/api/resendVerification', { method: 'POST', token: code, headers: attacker });
    expectContractError(again, 429, 'rate_limited');
    const later = await api('/api/resendVerification', { method: 'POST', token: code, headers: client() });
    expect(later.status).toBe(200);
    await waitForMail(inject('mailDir'), owner.email, /Confirm your email address/);
  }, 120_000);
});

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n}× ${status}`).join(', ');
}
