import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { linkToken, waitForMail } from '../support/mail-catcher';
import { deleteOldEvents } from '@/lib/security/events';
import { purgeAccount } from '@/lib/account/deletion';
import { inTransaction } from '@/lib/platform/transaction';
import { api, expectContractError, login, signedUpUser } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();
type Activity = {
  events: { id: number; type: string; at: string; ip: string; userAgent: string }[];
  next: string | null;
};
const activity = (token: string, query = '') => api<Activity>(`/api/activity${query}`, { token });
// A sign-in from a client without a device token also records new_device_sign_in (tests/api/new-device.test.ts);
// these lists are about the other events.
const types = async (token: string) =>
  (await activity(token)).body.events.map((event) => event.type).filter((type) => type !== 'new_device_sign_in');

describe('GET /api/activity', () => {
  it('records sign-up, logins, failures, changes, revocations and logout, newest first, with address and device', async () => {
    const user = await signedUpUser();
    expect(await types(user.token)).toEqual(['login_success', 'signup']);

    await api('/api/login', {
      json: { email: user.email, password: 'wrong wrong wrong' },
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
    });
    await expect.poll(() => types(user.token)).toEqual(['login_failure', 'login_success', 'signup']);
    const failure = (await activity(user.token)).body.events[0]!;
    expect(failure.userAgent).toContain('Firefox');
    expect(failure.ip).toMatch(/^[0-9a-f.:]+$/i);
    expect(Number.isNaN(Date.parse(failure.at))).toBe(false);

    const second = await login(user.email, user.password);
    const listed = await api<{ sessions: { id: string; current: boolean }[] }>('/api/sessions', { token: user.token });
    const other = listed.body.sessions.find((session) => !session.current)!;
    expect((await api(`/api/sessions/${other.id}`, { method: 'DELETE', token: user.token })).status).toBe(200);
    expect(
      (await api('/api/changeUsername', { token: user.token, json: { newUsername: `${user.username}x` } })).status,
    ).toBe(200);
    expect(
      (
        await api('/api/changeEmail', {
          token: user.token,
          json: { newEmail: `x${user.email}`, currentPassword: user.password },
        })
      ).status,
    ).toBe(200);
    const confirmation = await waitForMail(inject('mailDir'), `x${user.email}`, /Confirm your new email address/);
    const confirmed = await api('/api/confirmEmailChange', {
      json: { token: linkToken(confirmation, '/confirm-email') },
    });
    expect(confirmed.status).toBe(200);
    const third = await login(`x${user.email}`, user.password);
    expect(
      (
        await api('/api/changePassword', {
          token: user.token,
          json: { currentPassword: user.password, newPassword: 'A whole new passphrase 42' },
        })
      ).status,
    ).toBe(200);
    expect(second).not.toBe(third);
    const last = await login(`x${user.email}`, 'A whole new passphrase 42');
    expect((await api('/api/logout', { method: 'POST', token: last })).status).toBe(200);

    expect(await types(user.token)).toEqual([
      'logout',
      'login_success',
      'password_changed',
      'login_success',
      'email_changed',
      'email_change_requested',
      'username_changed',
      'session_revoked',
      'login_success',
      'login_failure',
      'login_success',
      'signup',
    ]);
  });

  it("shows only the caller's own events, a page of 20 at a time with a cursor", async () => {
    const user = await signedUpUser();
    const stranger = await signedUpUser();
    // From a known client (its device token), so each sign-in is one event.
    const known = await api<{ deviceToken: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    const device = { 'x-device-token': known.body.deviceToken };
    for (let i = 0; i < 21; i++) {
      await api('/api/login', { json: { email: user.email, password: user.password }, headers: device });
    }
    const first = await activity(user.token);
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(20);
    expect(first.body.next).toMatch(/^\d+$/);
    const second = await activity(user.token, `?before=${first.body.next}`);
    // signup, then two sign-ins from new clients (signedUpUser's and the first above), then 21 from a known one.
    expect(second.body.events.map((event) => event.type)).toEqual([
      'login_success',
      'new_device_sign_in',
      'login_success',
      'new_device_sign_in',
      'login_success',
      'signup',
    ]);
    expect(second.body.next).toBeNull();
    const ids = [...first.body.events, ...second.body.events].map((event) => event.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const theirs = await activity(stranger.token);
    expect(theirs.body.events.some((event) => ids.includes(event.id))).toBe(false);
    expectContractError(await activity(user.token, '?before=abc'), 400, 'validation_failed');
    expectContractError(await api('/api/activity'), 401, 'unauthenticated');
  });

  it('purges events past the retention period (90 days by default) and deletes them with the account', async () => {
    const user = await signedUpUser();
    const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT id FROM users WHERE username = ?', [user.username]);
    const userId = Number(rows[0]!.id);
    await db().query(
      "INSERT INTO security_events (user_id, type, at) VALUES (?, 'login_success', NOW(3) - INTERVAL 91 DAY)",
      [userId],
    );
    await db().query("INSERT INTO security_events (user_id, type, at) VALUES (?, 'logout', NOW(3) - INTERVAL 89 DAY)", [
      userId,
    ]);
    expect(await deleteOldEvents()).toBeGreaterThanOrEqual(1);
    expect(await types(user.token)).toEqual(['logout', 'login_success', 'signup']);

    expect(
      (
        await api('/api/deleteAccount', {
          method: 'DELETE',
          token: user.token,
          json: { currentPassword: user.password },
        })
      ).status,
    ).toBe(200);
    // The grace period's purge, for this account only (tests/api/account-deletion.test.ts runs the sweep).
    await inTransaction((tx) => purgeAccount(tx, userId));
    const [left] = await db().query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM security_events WHERE user_id = ?',
      [userId],
    );
    expect(Number(left[0]!.n)).toBe(0);
  });
});
