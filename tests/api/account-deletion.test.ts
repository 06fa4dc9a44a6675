import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { deviceIdFor } from '@/lib/auth/device-token';
import { throttleKey } from '@/lib/auth/login-throttle';
import { createSession } from '@/lib/auth/sessions';
import { purgeDueDeletions, tablesWithUserRows } from '@/lib/account/deletion';
import { api, baseUrl, expectContractError, newUserInput, signedUpUser, type TestUser } from '../support/api';
import { databaseConnection } from '../support/db';
import { png } from '../support/images';
import { linkToken, waitForMail } from '../support/mail-catcher';

/*
 * Deletion with a grace period (issue 22), written as the attack: a deleted account must have no way in (no
 * session, no sign-in, no card), must keep its names from being taken, must come back only through the owner's
 * token, and must leave no row behind once purged.
 */
const db = databaseConnection();
const mailDir = () => inject('mailDir');
const DAY = 24 * 3600_000;

const deleteAccount = (user: TestUser, token = user.token) =>
  api<{ message: string; deletesAt: string }>('/api/deleteAccount', {
    method: 'DELETE',
    token,
    json: { currentPassword: user.password },
  });
const loginAs = (user: TestUser, password = user.password) =>
  api<Record<string, string>>('/api/login', { json: { email: user.email, password } });
const cardStatus = async (username: string) =>
  (await fetch(`${baseUrl()}/u/${username}`, { redirect: 'manual' })).status;

async function userId(user: TestUser): Promise<number> {
  const [[row]] = (await db().query('SELECT id FROM users WHERE email = ?', [user.email])) as unknown as [
    mysql.RowDataPacket[],
  ];
  return Number(row!.id);
}

/** A user with a row in every table the app writes for an account: card, image, links, public card, events… */
async function fullUser(): Promise<TestUser> {
  const user = await signedUpUser();
  await api('/api/setContactDetail', {
    token: user.token,
    json: { occupation: 'Analyst', image: png().toString('base64') },
  });
  await api('/api/setSocialLink', { token: user.token, json: { gitHub: 'https://github.com/ada' } });
  expect((await api('/api/publicCard', { token: user.token, json: { published: true } })).status).toBe(200);
  expect(await cardStatus(user.username)).toBe(200);
  return user;
}

async function rowsLeft(id: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of tablesWithUserRows()) {
    const [rows] = await db().query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${name}\` WHERE user_id = ?`, [
      id,
    ]);
    counts[name] = Number(rows[0]!.n);
  }
  const [users] = await db().query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM users WHERE id = ?', [id]);
  counts.users = Number(users[0]!.n);
  const [throttles] = await db().query<mysql.RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM login_throttles WHERE `key` = ?',
    [throttleKey({ userId: id, deviceId: null })],
  );
  counts.login_throttles = Number(throttles[0]!.n);
  return counts;
}

describe('DELETE /api/deleteAccount with a grace period', () => {
  it('schedules: sessions and card gone, names reserved, sign-in refused with the undo offer; the mailed link restores', async () => {
    const user = await fullUser();
    const id = await userId(user);
    const deviceLogin = await loginAs(user);
    const other = deviceLogin.body.sessionCode!;
    const before = Date.now();

    const response = await deleteAccount(user);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['deletesAt', 'message']);
    const deletesAt = Date.parse(response.body.deletesAt);
    expect(deletesAt - before).toBeGreaterThanOrEqual(7 * DAY - 1000);
    expect(deletesAt - Date.now()).toBeLessThanOrEqual(7 * DAY);

    // Every session ended at once; the card is gone.
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');
    expectContractError(await api('/api/getProfile', { token: other }), 401, 'unauthenticated');
    expect(await cardStatus(user.username)).toBe(404);
    // A log-in that raced the deletion (its session written just after the sessions were deleted) gets nothing.
    const raced = await createSession(id);
    expectContractError(await api('/api/getProfile', { token: raced.code }), 401, 'unauthenticated');

    // The device token issued before the deletion no longer counts as a known device.
    const [[row]] = (await db().query('SELECT credential_generation FROM users WHERE id = ?', [id])) as unknown as [
      mysql.RowDataPacket[],
    ];
    const generation = Number(row!.credential_generation);
    expect(generation).toBeGreaterThan(0);
    expect(await deviceIdFor(deviceLogin.body.deviceToken, { id, credentialGeneration: generation - 1 })).toBeTruthy();
    expect(await deviceIdFor(deviceLogin.body.deviceToken, { id, credentialGeneration: generation })).toBeNull();

    // The names stay reserved.
    const again = newUserInput({ username: `${user.username}x` });
    expectContractError(await api('/api/creare-cont', { json: { ...again, email: user.email } }), 409, 'email_taken');
    expectContractError(
      await api('/api/creare-cont', { json: { ...newUserInput(), username: user.username.toUpperCase() } }),
      409,
      'username_taken',
    );

    // A wrong password learns nothing about the deletion; the right one hears of it, with a way to cancel.
    expectContractError(await loginAs(user, 'not the password 1'), 401, 'invalid_credentials');
    const refused = await loginAs(user);
    expectContractError(refused, 403, 'deletion_scheduled');
    expect(refused.body.sessionCode).toBeUndefined();
    expect(refused.body.deletesAt).toBe(response.body.deletesAt);
    expect(refused.body.error).toContain('scheduled for deletion on');
    expect(refused.body.cancelToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The mail has the undo link; a token of another purpose does not cancel.
    const mail = await waitForMail(mailDir(), user.email, /Your account will be deleted/);
    const token = linkToken(mail, '/cancel-deletion');
    expectContractError(await api('/api/cancelDeletion', { json: { token: 'x'.repeat(43) } }), 400, 'invalid_token');

    const cancelled = await api('/api/cancelDeletion', { json: { token } });
    expect(cancelled.status).toBe(200);
    expect(typeof cancelled.body.message).toBe('string');
    // Used up, and so is the one offered at sign-in.
    expectContractError(await api('/api/cancelDeletion', { json: { token } }), 400, 'invalid_token');
    expectContractError(
      await api('/api/cancelDeletion', { json: { token: refused.body.cancelToken } }),
      400,
      'invalid_token',
    );

    // As it was: the card is back, sign-in works; the old sessions stay ended.
    expect(await cardStatus(user.username)).toBe(200);
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');
    const back = await loginAs(user);
    expect(back.status).toBe(200);
    const profile = await api<Record<string, string>>('/api/getProfile', { token: back.body.sessionCode });
    expect(profile.body.Occupation).toBe('Analyst');
    expect(profile.body.GitHub).toBe('https://github.com/ada');
    const activity = await api<{ events: { type: string }[] }>('/api/activity', { token: back.body.sessionCode });
    expect(activity.body.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['deletion_scheduled', 'deletion_cancelled']),
    );
  });

  it('the token offered at sign-in cancels too', async () => {
    const user = await signedUpUser();
    expect((await deleteAccount(user)).status).toBe(200);
    const refused = await loginAs(user);
    expectContractError(refused, 403, 'deletion_scheduled');
    expect((await api('/api/cancelDeletion', { json: { token: refused.body.cancelToken } })).status).toBe(200);
    expect((await loginAs(user)).status).toBe(200);
  });

  it('after the period the purge removes every row of the user, table by table, once, and the names are free', async () => {
    const user = await fullUser();
    const id = await userId(user);
    const first = await deleteAccount(user);
    const token = linkToken(
      await waitForMail(mailDir(), user.email, /Your account will be deleted/),
      '/cancel-deletion',
    );
    const refused = await loginAs(user);
    expect((await api('/api/cancelDeletion', { json: { token: refused.body.cancelToken } })).status).toBe(200);

    // Delete again; before its date nothing is removed.
    const session = (await loginAs(user)).body.sessionCode!;
    const second = await deleteAccount(user, session);
    expect(second.status).toBe(200);
    expect(Date.parse(second.body.deletesAt)).toBeGreaterThanOrEqual(Date.parse(first.body.deletesAt));
    const deletesAt = new Date(second.body.deletesAt);
    await purgeDueDeletions(new Date(deletesAt.getTime() - 60_000));
    const kept = await rowsLeft(id);
    expect(kept.users).toBe(1);
    expect(kept.profile_cards).toBe(1);
    expect(kept.security_events).toBeGreaterThan(0);

    // Two instances sweeping at once: one removes it, the other finds nothing; nothing fails.
    const after = new Date(deletesAt.getTime() + 1000);
    const [a, b] = await Promise.all([purgeDueDeletions(after), purgeDueDeletions(after)]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const left = await rowsLeft(id);
    expect(Object.keys(left)).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'profile_cards',
        'social_links',
        'public_cards',
        'security_events',
        'email_tokens',
        'legacy_users',
      ]),
    );
    expect(left).toEqual(Object.fromEntries(Object.keys(left).map((table) => [table, 0])));
    // Idempotent: a later sweep has nothing of this user to do.
    await purgeDueDeletions(after);
    expect(await rowsLeft(id)).toEqual(left);

    await waitForMail(mailDir(), user.email, /Your account was deleted/);
    expectContractError(await api('/api/cancelDeletion', { json: { token } }), 400, 'invalid_token');
    expectContractError(await loginAs(user), 401, 'invalid_credentials');
    expect(await cardStatus(user.username)).toBe(404);
    expect((await api(`/api/checkUsername?username=${user.username}`)).body).toEqual({ available: true });
    expect((await api(`/api/checkEmail?email=${encodeURIComponent(user.email)}`)).body).toEqual({ available: true });
  });

  it('a cancel link used after the date (purge not yet run) does not bring the account back', async () => {
    const user = await signedUpUser();
    const id = await userId(user);
    expect((await deleteAccount(user)).status).toBe(200);
    const token = (await loginAs(user)).body.cancelToken!;
    await db().query('UPDATE users SET deletes_at = NOW(3) - INTERVAL 1 SECOND WHERE id = ?', [id]);
    expectContractError(await api('/api/cancelDeletion', { json: { token } }), 400, 'invalid_token');
    await purgeDueDeletions(new Date());
    expect((await rowsLeft(id)).users).toBe(0);
  });
});
