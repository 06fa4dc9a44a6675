import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { hashKey } from '@/lib/security/rate-limit';
import { api, baseUrl, expectContractError, login, newUserInput, signedUpUser, type TestUser } from '../support/api';
import { databaseConnection } from '../support/db';
import { linkToken, mailsTo, waitForMail } from '../support/mail-catcher';

/*
 * Issue 20: email change confirmed by the new address, the revert link that
 * the original owner always wins with, and the recovery paths around it. Each
 * test is written as the attack.
 */

const db = databaseConnection();
const mailDir = () => inject('mailDir');
const CONFIRM = /Confirm your new email address/;
const REQUESTED = /Someone asked to change your email address/;
const CHANGED = /Your email address was changed/;
const RESET = /Reset your password/;
const VERIFY = /^Confirm your email address/;

/** Each test its own client address, so the per-client throttles of one test never trip another. */
const client = () => ({ 'x-forwarded-for': `198.51.100.${1 + Math.floor(Math.random() * 250)}` });
const address = (tag: string) => `${tag}-${randomBytes(5).toString('hex')}@example.test`;

async function requestChange(user: { token: string; password: string }, newEmail: string) {
  return api<{ message: string; email: string; pendingEmail: string | null }>('/api/changeEmail', {
    json: { newEmail, currentPassword: user.password },
    token: user.token,
  });
}

async function confirmToken(newEmail: string) {
  return linkToken(await waitForMail(mailDir(), newEmail, CONFIRM), '/confirm-email');
}

/** Requested by the signed-in owner and confirmed from the new mailbox; the revert link mailed to the old address. */
async function moveTo(user: { token: string; password: string; email: string }, newEmail: string) {
  expect((await requestChange(user, newEmail)).status).toBe(200);
  const confirmed = await api('/api/confirmEmailChange', { json: { token: await confirmToken(newEmail) } });
  expect(confirmed.status).toBe(200);
  const revert = linkToken(await waitForMail(mailDir(), user.email, CHANGED), '/revert-email');
  const moved = { ...user, email: newEmail };
  return { moved, revert };
}

async function profileOf(token: string) {
  return api<{ Email: string; EmailVerified: boolean }>('/api/getProfile', { token });
}

async function canLogin(email: string, password: string) {
  return (await api('/api/login', { json: { email, password }, headers: client() })).status === 200;
}

async function userId(email: string): Promise<number> {
  const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT id FROM users WHERE email = ?', [email]);
  return Number(rows[0]!.id);
}

async function resetThroughMail(email: string, newPassword: string) {
  expect((await api('/api/forgotPassword', { json: { email }, headers: client() })).status).toBe(200);
  const token = linkToken(await waitForMail(mailDir(), email, RESET), '/reset-password');
  return api('/api/resetPassword', { json: { token, newPassword } });
}

describe('email change is confirmed by the new address', () => {
  it('answers with the current address and the pending one; nothing changes until the new address confirms', async () => {
    const user = await signedUpUser();
    const next = address('next');
    const asked = await requestChange(user, next);
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ message: expect.any(String), email: user.email, pendingEmail: next });
    // The old address hears of it, with a link that stops it.
    const notice = await waitForMail(mailDir(), user.email, REQUESTED);
    expect(notice.text).toContain(next);
    linkToken(notice, '/cancel-email-change');
    expect((await profileOf(user.token)).body.Email).toBe(user.email);
    expect(await canLogin(user.email, user.password)).toBe(true);
    expect(await canLogin(next, user.password)).toBe(false);

    const token = await confirmToken(next);
    const confirmed = await api('/api/confirmEmailChange', { json: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ message: expect.any(String), email: next });
    expect((await profileOf(user.token)).body).toMatchObject({ Email: next, EmailVerified: true });
    expect(await canLogin(next, user.password)).toBe(true);
    expect(await canLogin(user.email, user.password)).toBe(false);
    expectContractError(await api('/api/confirmEmailChange', { json: { token } }), 400, 'invalid_token');
    await waitForMail(mailDir(), user.email, CHANGED);
  });

  it('a GET of /confirm-email shows a Confirm button and changes nothing (mail scanners open links)', async () => {
    const user = await signedUpUser();
    const next = address('scan');
    await requestChange(user, next);
    const token = await confirmToken(next);
    const page = await fetch(`${baseUrl()}/confirm-email?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/>Confirm</);
    expect((await profileOf(user.token)).body.Email).toBe(user.email);
    expect((await api('/api/confirmEmailChange', { json: { token } })).status).toBe(200);
  });

  it('DELETE /api/changeEmail cancels: the confirmation link dies', async () => {
    const user = await signedUpUser();
    const next = address('cancel');
    await requestChange(user, next);
    const token = await confirmToken(next);
    const cancelled = await api('/api/changeEmail', { method: 'DELETE', token: user.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ message: expect.any(String) });
    expectContractError(await api('/api/confirmEmailChange', { json: { token } }), 400, 'invalid_token');
    expect((await profileOf(user.token)).body.Email).toBe(user.email);
    expectContractError(await api('/api/changeEmail', { method: 'DELETE' }), 401, 'unauthenticated');
  });

  it('pre-hijack: an attacker moving onto a victim address cannot hold it; the victim signs up and keeps the account', async () => {
    const attacker = await signedUpUser({ email: address('attacker') });
    const victimEmail = address('victim');
    const asked = await requestChange(attacker, victimEmail);
    expect(asked.status).toBe(200);
    // The confirmation lies in the victim's mailbox: the attacker cannot open it.
    const attackerLink = await confirmToken(victimEmail);

    // A pending address reserves nothing: the victim's sign-up succeeds and kills the pending change.
    const victim = newUserInput({ email: victimEmail });
    expect((await api('/api/creare-cont', { json: victim })).status).toBe(201);
    expectContractError(await api('/api/confirmEmailChange', { json: { token: attackerLink } }), 400, 'invalid_token');

    // The victim recovers through a reset to their own address and uses the account.
    expect((await resetThroughMail(victimEmail, 'Victim owns this 1')).status).toBe(200);
    const victimSession = await login(victimEmail, 'Victim owns this 1');
    // The attacker never got a revert link (no change ever happened) and their account stayed on A.
    expect((await mailsTo(mailDir(), attacker.email)).some((mail) => CHANGED.test(mail.subject))).toBe(false);
    expect((await profileOf(attacker.token)).body.Email).toBe(attacker.email);
    expect((await profileOf(victimSession)).body.Email).toBe(victimEmail);
    expect(await canLogin(victimEmail, 'Victim owns this 1')).toBe(true);
  });

  it('the stop link mailed to the old address cancels the change', async () => {
    const user = await signedUpUser();
    const next = address('stop');
    await requestChange(user, next);
    const token = await confirmToken(next);
    const stop = linkToken(await waitForMail(mailDir(), user.email, REQUESTED), '/cancel-email-change');
    const page = await fetch(`${baseUrl()}/cancel-email-change?token=${stop}`);
    expect(page.status).toBe(200);
    // A GET changed nothing; the link still confirms until the button is pressed. The domain call is the button's.
    const { cancelEmailChangeByLink } = await import('@/lib/account/accounts');
    expect((await cancelEmailChangeByLink(stop)).ok).toBe(true);
    expectContractError(await api('/api/confirmEmailChange', { json: { token } }), 400, 'invalid_token');
    expect((await cancelEmailChangeByLink(stop)).ok).toBe(false);
  });

  it('an address held by another account is refused at request time', async () => {
    const user = await signedUpUser();
    const other = await signedUpUser();
    expectContractError(await requestChange(user, other.email), 409, 'email_taken');
    expectContractError(
      await api('/api/changeEmail', {
        json: { newEmail: address('x'), currentPassword: 'not my password' },
        token: user.token,
      }),
      400,
      'incorrect_password',
    );
  });
});

describe('the revert link: the original owner wins', () => {
  it('A→B→C, then B revert does not delete A revert: the owner still restores A', async () => {
    const owner = await signedUpUser({ email: address('a') });
    const { moved: atB, revert: revertA } = await moveTo(owner, address('b'));
    const { revert: revertB } = await moveTo(atB, address('c'));

    // Whoever moved it on (and knows the password) uses B's revert link.
    const defuse = await api('/api/revertEmailChange', { json: { token: revertB, newPassword: 'Defuser password 1' } });
    expect(defuse.status).toBe(200);
    expect(defuse.body).toMatchObject({ email: atB.email });

    const restored = await api('/api/revertEmailChange', {
      json: { token: revertA, newPassword: 'Owner is back here 2' },
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ email: owner.email });
    expect(await canLogin(owner.email, 'Owner is back here 2')).toBe(true);
    expect(await canLogin(atB.email, 'Defuser password 1')).toBe(false);
  });

  it('using an older revert link kills the newer ones', async () => {
    const owner = await signedUpUser({ email: address('a') });
    const { moved: atB, revert: revertA } = await moveTo(owner, address('b'));
    const { revert: revertB } = await moveTo(atB, address('c'));
    expect(
      (await api('/api/revertEmailChange', { json: { token: revertA, newPassword: 'Owner first here 3' } })).status,
    ).toBe(200);
    expectContractError(
      await api('/api/revertEmailChange', { json: { token: revertB, newPassword: 'Too late here 4' } }),
      400,
      'invalid_token',
    );
    expect(await canLogin(owner.email, 'Owner first here 3')).toBe(true);
  });

  it('the old address is reserved for 7 days: a throwaway sign-up or another account cannot take it', async () => {
    const owner = await signedUpUser({ email: address('a') });
    const { revert } = await moveTo(owner, address('b'));
    const throwaway = newUserInput({ email: owner.email });
    expectContractError(await api('/api/creare-cont', { json: throwaway }), 409, 'email_taken');
    const other = await signedUpUser();
    expectContractError(await requestChange(other, owner.email), 409, 'email_taken');
    const available = await api<{ available: boolean }>(`/api/checkEmail?email=${encodeURIComponent(owner.email)}`, {
      headers: client(),
    });
    expect(available.body).toEqual({ available: false });
    expect(
      (await api('/api/revertEmailChange', { json: { token: revert, newPassword: 'Owner restores it 5' } })).status,
    ).toBe(200);
    expect(await canLogin(owner.email, 'Owner restores it 5')).toBe(true);
  });

  it('a password change, a reset and verification leave the revert link alive; the revert ends every session', async () => {
    const owner = await signedUpUser({ email: address('a') });
    const { moved, revert } = await moveTo(owner, address('b'));
    await api('/api/changePassword', {
      json: { currentPassword: owner.password, newPassword: 'Thief changed it 6' },
      token: owner.token,
    });
    expect((await resetThroughMail(moved.email, 'Thief reset it 7')).status).toBe(200);
    const thief = await login(moved.email, 'Thief reset it 7');
    await api('/api/resendVerification', { method: 'POST', token: thief });
    const reverted = await api('/api/revertEmailChange', { json: { token: revert, newPassword: 'Owner wins here 8' } });
    expect(reverted.status).toBe(200);
    expectContractError(await api('/api/getProfile', { token: thief }), 401, 'unauthenticated');
    expect(await canLogin(owner.email, 'Owner wins here 8')).toBe(true);
  });
});

describe('a password reset proves the current address', () => {
  it('kills outstanding email-change and verification links', async () => {
    const user = await signedUpUser();
    const verify = linkToken(await waitForMail(mailDir(), user.email, VERIFY), '/verify-email');
    const next = address('pending');
    await requestChange(user, next);
    const change = await confirmToken(next);
    expect((await resetThroughMail(user.email, 'Reset kills links 9')).status).toBe(200);
    expectContractError(await api('/api/confirmEmailChange', { json: { token: change } }), 400, 'invalid_token');
    expectContractError(await api('/api/verifyEmail', { json: { token: verify } }), 400, 'invalid_token');
  });

  it('a completed reset lifts the login pause a stranger keeps running', async () => {
    const user = await signedUpUser();
    const id = await userId(user.email);
    // The stranger's guesses have paused the account for 15 minutes.
    await db().query(
      'INSERT INTO login_throttles (`key`, failures, locked_until) VALUES (?, 30, NOW(3) + INTERVAL 15 MINUTE) ' +
        'ON DUPLICATE KEY UPDATE failures = 30, locked_until = NOW(3) + INTERVAL 15 MINUTE',
      [hashKey(`account:${id}`)],
    );
    expect((await api('/api/login', { json: { email: user.email, password: user.password } })).status).toBe(429);
    expect((await resetThroughMail(user.email, 'Unpaused at last 10')).status).toBe(200);
    expect((await api('/api/login', { json: { email: user.email, password: 'Unpaused at last 10' } })).status).toBe(
      200,
    );
  });

  it("the owner's known device gets a reset mail even when a stranger spent the address's quota", async () => {
    const user = await signedUpUser();
    const device = await api<{ deviceToken: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api('/api/forgotPassword', { json: { email: user.email }, headers: client() })).status);
    expect(statuses.at(-1)).toBe(429);
    const before = (await mailsTo(mailDir(), user.email)).filter((mail) => RESET.test(mail.subject)).length;
    const owner = await api('/api/forgotPassword', {
      json: { email: user.email },
      headers: { ...client(), 'x-device-token': device.body.deviceToken },
    });
    expect(owner.status).toBe(200);
    await expect
      .poll(async () => (await mailsTo(mailDir(), user.email)).filter((mail) => RESET.test(mail.subject)).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(before);
  });
});

describe('device tokens can be revoked', () => {
  async function pause(user: TestUser) {
    await db().query(
      'INSERT INTO login_throttles (`key`, failures, locked_until) VALUES (?, 30, NOW(3) + INTERVAL 15 MINUTE) ' +
        'ON DUPLICATE KEY UPDATE failures = 30, locked_until = NOW(3) + INTERVAL 15 MINUTE',
      [hashKey(`account:${await userId(user.email)}`)],
    );
  }
  const loginWith = (email: string, password: string, deviceToken: string) =>
    api<{ deviceToken: string }>('/api/login', {
      json: { email, password },
      headers: { 'x-device-token': deviceToken },
    });

  it('a device token stops giving its allowance after a password change', async () => {
    const user = await signedUpUser();
    const first = await api<{ deviceToken: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    const stolen = first.body.deviceToken;
    await pause(user);
    // While valid, the token passes the account's pause: that is its purpose.
    expect((await loginWith(user.email, user.password, stolen)).status).toBe(200);
    expect(
      (
        await api('/api/changePassword', {
          json: { currentPassword: user.password, newPassword: 'Device tokens die 11' },
          token: user.token,
          // The owner's client: the account is paused, and its device token lets the current password through.
          headers: { 'x-device-token': stolen },
        })
      ).status,
    ).toBe(200);
    await pause(user);
    expect((await loginWith(user.email, 'Device tokens die 11', stolen)).status).toBe(429);
  });

  it('"sign out everywhere" ends device tokens too', async () => {
    const user = await signedUpUser();
    const first = await api<{ deviceToken: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    expect((await api('/api/sessions', { method: 'DELETE', token: user.token })).status).toBe(200);
    await pause(user);
    expect((await loginWith(user.email, user.password, first.body.deviceToken)).status).toBe(429);
  });
});

describe('verification by POST', () => {
  it('a GET of the verification link verifies nothing; the page offers Confirm; the POST verifies', async () => {
    const user = await signedUpUser();
    const token = linkToken(await waitForMail(mailDir(), user.email, VERIFY), '/verify-email');
    const page = await fetch(`${baseUrl()}/verify-email?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/>Confirm</);
    expect((await profileOf(user.token)).body.EmailVerified).toBe(false);
    expect((await api('/api/verifyEmail', { json: { token } })).status).toBe(200);
    expect((await profileOf(user.token)).body.EmailVerified).toBe(true);
  });
});

describe('recovery leaves a trace', () => {
  // A sign-in from a client without a device token is also a new_device_sign_in event: not what this test reads.
  const types = async (token: string) =>
    (await api<{ events: { type: string }[] }>('/api/activity', { token })).body.events
      .map((event) => event.type)
      .filter((type) => type !== 'new_device_sign_in');

  it('email-change request, cancel, confirm, revert and password reset are security events', async () => {
    const user = await signedUpUser();
    const first = address('first');
    await requestChange(user, first);
    await api('/api/changeEmail', { method: 'DELETE', token: user.token });
    expect((await types(user.token)).slice(0, 2)).toEqual(['email_change_cancelled', 'email_change_requested']);

    const { moved, revert } = await moveTo(user, address('second'));
    expect((await types(user.token)).slice(0, 2)).toEqual(['email_changed', 'email_change_requested']);

    expect((await resetThroughMail(moved.email, 'Traces are kept 12')).status).toBe(200);
    const afterReset = await login(moved.email, 'Traces are kept 12');
    expect((await types(afterReset)).slice(0, 2)).toEqual(['login_success', 'password_reset']);

    expect(
      (await api('/api/revertEmailChange', { json: { token: revert, newPassword: 'Traces are kept 13' } })).status,
    ).toBe(200);
    const back = await login(user.email, 'Traces are kept 13');
    expect((await types(back)).slice(0, 2)).toEqual(['login_success', 'email_reverted']);
  });
});
