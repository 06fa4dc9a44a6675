/**
 * Mail flooding: one account looping POST /api/changeEmail (two mails per call, to any addresses) must not send
 * 30 calls' worth of mail. Every mail-sending request counts against the per-address mail limit and the account's
 * daily budget (MAIL_PER_ACCOUNT_PER_DAY, 20 requests of at most 2 mails: docs/rate-limits.md), and mail says
 * "Hello," only (no name the attacker chose).
 */
import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { api, expectContractError, signedUpUser } from '../support/api';
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
