import { createHash, randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { api, expectContractError, login, signedUpUser, type TestUser } from '../support/api';
import { databaseConnection } from '../support/db';
import { linkToken, mailsTo, waitForMail, type CaughtMail } from '../support/mail-catcher';

const db = databaseConnection();
const mailDir = () => inject('mailDir');
const VERIFY = /Confirm your email address/;
const RESET = /Reset your password/;
const CHANGED = /Your email address was changed/;
const CONFIRM_CHANGE = /Confirm your new email address/;

/** The change takes effect once the new address confirms (issue 20): the link from its mailbox, POSTed. */
async function confirmChange(newEmail: string) {
  const token = linkToken(await waitForMail(mailDir(), newEmail, CONFIRM_CHANGE), '/confirm-email');
  expect((await api('/api/confirmEmailChange', { json: { token } })).status).toBe(200);
}

/** Each test its own client address, so the per-client throttle of one test never trips another. */
const client = () => ({ 'x-forwarded-for': `198.51.100.${1 + Math.floor(Math.random() * 250)}` });

async function verificationToken(user: { email: string }) {
  return linkToken(await waitForMail(mailDir(), user.email, VERIFY), '/verify-email');
}

async function resetToken(user: { email: string }, after?: CaughtMail) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mail = await waitForMail(mailDir(), user.email, RESET);
    if (!after || mail.file !== after.file) return { mail, token: linkToken(mail, '/reset-password') };
    if (Date.now() > deadline) throw new Error('no newer reset mail');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function emailVerified(user: TestUser) {
  const response = await api<{ EmailVerified: boolean }>('/api/getProfile', { token: user.token });
  expect(response.status).toBe(200);
  return response.body.EmailVerified;
}

async function tokenRows(email: string) {
  const [rows] = await db().query<mysql.RowDataPacket[]>(
    'SELECT t.* FROM email_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ? OR t.email = ?',
    [email, email],
  );
  return rows;
}

describe('verification mail and messages', () => {
  it('sign-up mails a verification link with a text and an HTML part, app-styled, with nothing remote', async () => {
    const user = await signedUpUser();
    const mail = await waitForMail(mailDir(), user.email, VERIFY);
    expect(mail.from).toContain('no-reply@profile-hub.test');
    expect(mail.text).toContain(`${inject('baseUrl')}/verify-email?token=`);
    expect(mail.text).toContain('24 hours');
    expect(mail.html).toContain('/verify-email?token=');
    expect(mail.html).toContain('Profile Hub');
    // No images, stylesheets or scripts fetched from anywhere: nothing can track the reader.
    expect(mail.html).not.toMatch(/<img|<link[^>]+stylesheet|<script|url\(/i);
    expect(await emailVerified(user)).toBe(false);
  });

  it('the link verifies once; EmailVerified turns true; a second use is invalid_token', async () => {
    const user = await signedUpUser();
    const token = await verificationToken(user);
    const verified = await api('/api/verifyEmail', { json: { token } });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ message: expect.any(String), email: user.email });
    expect(await emailVerified(user)).toBe(true);
    expectContractError(await api('/api/verifyEmail', { json: { token } }), 400, 'invalid_token');
  });

  it('stores only a hash of each token, and the outbox keeps no readable link once sent', async () => {
    const user = await signedUpUser();
    const token = await verificationToken(user);
    const [row] = await tokenRows(user.email);
    expect(row!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const [outbox] = await db().query<mysql.RowDataPacket[]>(
      'SELECT payload, sent_at FROM outbox WHERE recipient = ?',
      [user.email],
    );
    expect(outbox[0]!.sent_at).not.toBeNull();
    expect(outbox[0]!.payload).toBe('');
  });

  it('gives each purpose its lifetime: verification and email change 24 h, reset 30 min, revert 7 days', async () => {
    const user = await signedUpUser();
    await verificationToken(user);
    await api('/api/forgotPassword', { json: { email: user.email }, headers: client() });
    await resetToken(user);
    const newEmail = `moved-${user.username}@example.test`;
    expect(
      (await api('/api/changeEmail', { json: { newEmail, currentPassword: user.password }, token: user.token })).status,
    ).toBe(200);
    const lifetimes = async (email: string) => {
      const [rows] = await db().query<mysql.RowDataPacket[]>(
        'SELECT t.purpose, TIMESTAMPDIFF(SECOND, t.created_at, t.expires_at) AS seconds ' +
          'FROM email_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ?',
        [email],
      );
      return Object.fromEntries(rows.map((row) => [row.purpose, Number(row.seconds)]));
    };
    expect(await lifetimes(user.email)).toEqual({
      verify_email: 24 * 3600,
      reset_password: 30 * 60,
      change_email: 24 * 3600,
      cancel_email_change: 24 * 3600,
    });
    await confirmChange(newEmail);
    await waitForMail(mailDir(), user.email, CHANGED);
    // The confirmation proved the new address; the links of the old one died; the revert link lives 7 days.
    expect(await lifetimes(newEmail)).toEqual({ revert_email: 7 * 24 * 3600 });
  });

  it('resendVerification sends a new link (the old dies), is throttled, says when already verified', async () => {
    const user = await signedUpUser();
    const first = await verificationToken(user);
    const resent = await api('/api/resendVerification', { method: 'POST', token: user.token });
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual({ message: expect.stringContaining(user.email) });
    let second = first;
    for (let i = 0; i < 100 && second === first; i++) {
      second = await verificationToken(user);
      if (second === first) await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(second).not.toBe(first);
    expectContractError(await api('/api/verifyEmail', { json: { token: first } }), 400, 'invalid_token');

    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await api('/api/resendVerification', { method: 'POST', token: user.token })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await api('/api/resendVerification', { method: 'POST', token: user.token });
    expectContractError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const other = await signedUpUser();
    expect((await api('/api/verifyEmail', { json: { token: await verificationToken(other) } })).status).toBe(200);
    const already = await api('/api/resendVerification', { method: 'POST', token: other.token });
    expect(already.body).toEqual({ message: 'Your email address is already verified.' });
    expectContractError(await api('/api/resendVerification', { method: 'POST' }), 401, 'unauthenticated');
  });
});

describe('token rules', () => {
  it('an expired token is refused (expiry moved into the past in the database)', async () => {
    const user = await signedUpUser();
    const token = await verificationToken(user);
    await db().query('UPDATE email_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE token_hash = ?', [
      createHash('sha256').update(token).digest('hex'),
    ]);
    expectContractError(await api('/api/verifyEmail', { json: { token } }), 400, 'invalid_token');
    expect(await emailVerified(user)).toBe(false);
  });

  it('an expired reset token is refused and the password stays', async () => {
    const user = await signedUpUser();
    await api('/api/forgotPassword', { json: { email: user.email }, headers: client() });
    const { token } = await resetToken(user);
    await db().query(
      "UPDATE email_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE purpose = 'reset_password' AND email = ?",
      [user.email],
    );
    expectContractError(
      await api('/api/resetPassword', { json: { token, newPassword: 'A brand new secret 1' } }),
      400,
      'invalid_token',
    );
    expect(await login(user.email, user.password)).toBeTruthy();
  });

  it('a token works only for its purpose', async () => {
    const user = await signedUpUser();
    const verify = await verificationToken(user);
    expectContractError(
      await api('/api/resetPassword', { json: { token: verify, newPassword: 'A brand new secret 2' } }),
      400,
      'invalid_token',
    );
    expectContractError(
      await api('/api/revertEmailChange', { json: { token: verify, newPassword: 'A brand new secret 2' } }),
      400,
      'invalid_token',
    );
    await api('/api/forgotPassword', { json: { email: user.email }, headers: client() });
    const { token: reset } = await resetToken(user);
    expectContractError(await api('/api/verifyEmail', { json: { token: reset } }), 400, 'invalid_token');
    expectContractError(
      await api('/api/revertEmailChange', { json: { token: reset, newPassword: 'A brand new secret 2' } }),
      400,
      'invalid_token',
    );
    // Each refusal left the token alive for its own purpose.
    expect((await api('/api/verifyEmail', { json: { token: verify } })).status).toBe(200);
    expect(
      (await api('/api/resetPassword', { json: { token: reset, newPassword: 'A brand new secret 2' } })).status,
    ).toBe(200);
  });

  it('a token acts on its own user only, whoever sends it', async () => {
    const alice = await signedUpUser();
    const bob = await signedUpUser();
    // Verification first: a completed reset kills outstanding verification links (issue 20).
    const aliceVerify = await verificationToken(alice);
    expect((await api('/api/verifyEmail', { json: { token: aliceVerify }, token: bob.token })).status).toBe(200);
    expect(await emailVerified(bob)).toBe(false);
    await api('/api/forgotPassword', { json: { email: alice.email }, headers: client() });
    const { token } = await resetToken(alice);
    const reset = await api('/api/resetPassword', {
      json: { token, newPassword: 'Alice new secret 3' },
      token: bob.token,
    });
    expect(reset.status).toBe(200);
    expect(await login(alice.email, 'Alice new secret 3')).toBeTruthy();
    expect(await login(bob.email, bob.password)).toBeTruthy();
    expect((await api('/api/getProfile', { token: bob.token })).status).toBe(200);
  });

  it('a verification link for an address the account no longer uses verifies nothing', async () => {
    const user = await signedUpUser();
    const oldLink = await verificationToken(user);
    const newEmail = `next-${user.username}@example.test`;
    await api('/api/changeEmail', { json: { newEmail, currentPassword: user.password }, token: user.token });
    await confirmChange(newEmail);
    expectContractError(await api('/api/verifyEmail', { json: { token: oldLink } }), 400, 'invalid_token');
    // Verified by the confirmation link, not by the old address's link.
    expect(await emailVerified(user)).toBe(true);
  });

  it('a tampered, truncated or made-up token is refused like any bad token', async () => {
    const user = await signedUpUser();
    const token = await verificationToken(user);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      flipped,
      token.slice(0, 20),
      randomBytes(32).toString('base64url'),
      `${token}x`,
      'ü'.repeat(43),
    ]) {
      expectContractError(await api('/api/verifyEmail', { json: { token: bad } }), 400, 'invalid_token');
    }
    expectContractError(await api('/api/verifyEmail', { json: {} }), 400, 'validation_failed');
    expect((await api('/api/verifyEmail', { json: { token } })).status).toBe(200);
  });

  it('a newer reset link kills the older one', async () => {
    const user = await signedUpUser();
    await api('/api/forgotPassword', { json: { email: user.email }, headers: client() });
    const older = await resetToken(user);
    await api('/api/forgotPassword', { json: { email: user.email }, headers: client() });
    const newer = await resetToken(user, older.mail);
    expect(newer.token).not.toBe(older.token);
    expectContractError(
      await api('/api/resetPassword', { json: { token: older.token, newPassword: 'Newer wins here 4' } }),
      400,
      'invalid_token',
    );
    expect(
      (await api('/api/resetPassword', { json: { token: newer.token, newPassword: 'Newer wins here 4' } })).status,
    ).toBe(200);
  });
});

describe('forgot password', () => {
  it('answers a known and an unknown address with the same status and body (times printed, not asserted)', async () => {
    const user = await signedUpUser();
    const unknown = `nobody-${randomBytes(4).toString('hex')}@example.test`;
    const known = [];
    const missing = [];
    const headers = client();
    for (let i = 0; i < 4; i++) {
      let started = performance.now();
      const a = await api('/api/forgotPassword', {
        json: { email: i % 2 ? user.email : user.email.toUpperCase() },
        headers,
      });
      known.push(performance.now() - started);
      started = performance.now();
      const b = await api('/api/forgotPassword', { json: { email: unknown }, headers });
      missing.push(performance.now() - started);
      expect(a.status).toBe(200);
      expect(b.status).toBe(a.status);
      expect(b.text).toBe(a.text);
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!.toFixed(1);
    console.log(`[forgotPassword] median ms: known address ${median(known)}, unknown address ${median(missing)}`);
    expect(await mailsTo(mailDir(), unknown)).toEqual([]);
  });

  it('is throttled per address (429 with Retry-After), whether or not it has an account', async () => {
    const unknown = `spam-${randomBytes(4).toString('hex')}@example.test`;
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api('/api/forgotPassword', { json: { email: unknown }, headers: client() })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api('/api/forgotPassword', { json: { email: unknown }, headers: client() });
    expectContractError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('is throttled per client address', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    const statuses = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        api('/api/forgotPassword', {
          json: { email: `c${i}-${randomBytes(3).toString('hex')}@example.test` },
          headers,
        }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
  });

  it('refuses a malformed address with validation_failed', async () => {
    const response = await api('/api/forgotPassword', { json: { email: 'not an address' }, headers: client() });
    expectContractError(response, 400, 'validation_failed');
    expect(response.body).toHaveProperty(['fields', 'email']);
  });
});

describe('reset password', () => {
  it('sets the password under the contract rules, ends every session and mails a notice', async () => {
    const user = await signedUpUser();
    const second = await login(user.email, user.password);
    await api('/api/forgotPassword', { json: { email: user.email }, headers: client() });
    const { token } = await resetToken(user);

    expectContractError(
      await api('/api/resetPassword', { json: { token, newPassword: 'short' } }),
      400,
      'validation_failed',
    );
    expectContractError(
      await api('/api/resetPassword', { json: { token, newPassword: 'password123' } }),
      400,
      'validation_failed',
    );
    const identity = await api('/api/resetPassword', { json: { token, newPassword: user.email } });
    expectContractError(identity, 400, 'validation_failed');
    expect(identity.body).toHaveProperty(['fields', 'newPassword']);

    const done = await api('/api/resetPassword', { json: { token, newPassword: 'Fresh start here 5' } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ message: expect.any(String) });
    for (const code of [user.token, second])
      expectContractError(await api('/api/getProfile', { token: code }), 401, 'unauthenticated');
    await expect(login(user.email, user.password)).rejects.toThrow(/401/);
    const fresh = await login(user.email, 'Fresh start here 5');
    // The link proved the address.
    expect(await emailVerified({ ...user, token: fresh })).toBe(true);
    await waitForMail(mailDir(), user.email, /Your password was changed/);
    expectContractError(
      await api('/api/resetPassword', { json: { token, newPassword: 'Fresh start again 6' } }),
      400,
      'invalid_token',
    );
  });
});

describe('change email and its undo', () => {
  it('the new address confirms, the old one gets a notice whose link restores it', async () => {
    const user = await signedUpUser();
    expect((await api('/api/verifyEmail', { json: { token: await verificationToken(user) } })).status).toBe(200);
    const attackerEmail = `thief-${user.username}@example.test`;
    const changed = await api('/api/changeEmail', {
      json: { newEmail: attackerEmail, currentPassword: user.password },
      token: user.token,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ message: expect.any(String), email: user.email, pendingEmail: attackerEmail });
    await confirmChange(attackerEmail);
    const notice = await waitForMail(mailDir(), user.email, CHANGED);
    expect(notice.text).toContain(attackerEmail);
    expect(notice.text).toContain('7 days');
    const revertToken = linkToken(notice, '/revert-email');

    // The thief also changes the password; the revert still works.
    await api('/api/changePassword', {
      json: { currentPassword: user.password, newPassword: 'Thief password 77' },
      token: user.token,
    });
    const otherSession = await login(attackerEmail, 'Thief password 77');

    const identity = await api('/api/revertEmailChange', { json: { token: revertToken, newPassword: user.email } });
    expectContractError(identity, 400, 'validation_failed');
    const reverted = await api('/api/revertEmailChange', {
      json: { token: revertToken, newPassword: 'Owner is back 88' },
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body).toEqual({ message: expect.any(String), email: user.email });
    for (const code of [user.token, otherSession])
      expectContractError(await api('/api/getProfile', { token: code }), 401, 'unauthenticated');
    await expect(login(attackerEmail, 'Thief password 77')).rejects.toThrow(/401/);
    const owner = await login(user.email, 'Owner is back 88');
    const profile = await api<{ Email: string; EmailVerified: boolean }>('/api/getProfile', { token: owner });
    expect(profile.body).toMatchObject({ Email: user.email, EmailVerified: true });
    expectContractError(
      await api('/api/revertEmailChange', { json: { token: revertToken, newPassword: 'Owner is back 99' } }),
      400,
      'invalid_token',
    );
    // Every other link of the account died with the revert (the thief's verification link too).
    expect(await tokenRows(attackerEmail)).toEqual([]);
  });
});

describe('notices', () => {
  it('password, username and email changes and deletion are mailed to the address on file at that moment', async () => {
    const user = await signedUpUser();
    await api('/api/changePassword', {
      json: { currentPassword: user.password, newPassword: 'Notice me please 1' },
      token: user.token,
    });
    await waitForMail(mailDir(), user.email, /Your password was changed/);
    const newUsername = `n${user.username}`;
    await api('/api/changeUsername', { json: { newUsername }, token: user.token });
    expect((await waitForMail(mailDir(), user.email, /Your username was changed/)).text).toContain(newUsername);
    const newEmail = `later-${user.username}@example.test`;
    await api('/api/changeEmail', { json: { newEmail, currentPassword: 'Notice me please 1' }, token: user.token });
    await waitForMail(mailDir(), user.email, /Someone asked to change your email address/);
    await confirmChange(newEmail);
    await waitForMail(mailDir(), user.email, CHANGED);
    expect(
      (
        await api('/api/deleteAccount', {
          method: 'DELETE',
          json: { currentPassword: 'Notice me please 1' },
          token: user.token,
        })
      ).status,
    ).toBe(200);
    await waitForMail(mailDir(), newEmail, /Your account will be deleted/);
    expect((await mailsTo(mailDir(), user.email)).some((mail) => /deleted/.test(mail.subject))).toBe(false);
  });
});
