import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { linkToken, waitForMail } from '../support/mail-catcher';
import { api, expectContractError, login, signedUpUser } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();

describe('POST /api/changePassword', () => {
  it('refuses a wrong current password and a new password equal to the username', async () => {
    const user = await signedUpUser();
    expectContractError(
      await api('/api/changePassword', {
        token: user.token,
        json: { currentPassword: 'nope nope', newPassword: 'Another fine password' },
      }),
      400,
      'incorrect_password',
    );
    const same = await api<{ fields: Record<string, string> }>('/api/changePassword', {
      token: user.token,
      json: { currentPassword: user.password, newPassword: `${user.username.toUpperCase()}` + '' },
    });
    expectContractError(same, 400, 'validation_failed');
    expectContractError(
      await api('/api/changePassword', {
        token: user.token,
        json: { currentPassword: user.password, newPassword: 'password1' },
      }),
      400,
      'validation_failed',
    );
    expectContractError(
      await api('/api/changePassword', {
        token: user.token,
        json: { currentPassword: user.password, newPassword: user.email.toUpperCase() },
      }),
      400,
      'validation_failed',
    );
    // Nothing changed: the old password still logs in.
    expect((await api('/api/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
  });

  it('keeps this session, ends every other one, and swaps which password works', async () => {
    const user = await signedUpUser();
    const other = await login(user.email, user.password);
    const response = await api('/api/changePassword', {
      token: user.token,
      json: { currentPassword: user.password, newPassword: 'Quiet rivers run deep' },
    });
    expect(response.status).toBe(200);
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
    expectContractError(await api('/api/getProfile', { token: other }), 401, 'unauthenticated');
    expectContractError(
      await api('/api/login', { json: { email: user.email, password: user.password } }),
      401,
      'invalid_credentials',
    );
    expect((await api('/api/login', { json: { email: user.email, password: 'Quiet rivers run deep' } })).status).toBe(
      200,
    );
  });

  it('treats passwords that differ only after byte 72 as different passwords', async () => {
    const prefix = 'a'.repeat(72);
    const user = await signedUpUser({ password: `${prefix}-one` });
    expectContractError(
      await api('/api/login', { json: { email: user.email, password: `${prefix}-two` } }),
      401,
      'invalid_credentials',
    );
    expect((await api('/api/login', { json: { email: user.email, password: `${prefix}-one` } })).status).toBe(200);
  });
});

describe('POST /api/changeEmail', () => {
  it('needs the current password, refuses a taken email in any case, stores lower-case', async () => {
    const user = await signedUpUser();
    const other = await signedUpUser();
    expectContractError(
      await api('/api/changeEmail', {
        token: user.token,
        json: { newEmail: 'fresh@example.test', currentPassword: 'wrong one' },
      }),
      400,
      'incorrect_password',
    );
    expectContractError(
      await api('/api/changeEmail', {
        token: user.token,
        json: { newEmail: other.email.toUpperCase(), currentPassword: user.password },
      }),
      409,
      'email_taken',
    );
    const fresh = `Fresh.${user.username}@Example.TEST`;
    const response = await api<{ email: string; pendingEmail: string }>('/api/changeEmail', {
      token: user.token,
      json: { newEmail: ` ${fresh} `, currentPassword: user.password },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: user.email, pendingEmail: fresh.toLowerCase() });
    const confirmation = await waitForMail(inject('mailDir'), fresh.toLowerCase(), /Confirm your new email address/);
    const token = linkToken(confirmation, '/confirm-email');
    expect((await api('/api/confirmEmailChange', { json: { token } })).status).toBe(200);
    const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT email FROM users WHERE username = ?', [
      user.username,
    ]);
    expect(rows.map((r) => r.email)).toEqual([fresh.toLowerCase()]);
    expect((await api('/api/login', { json: { email: fresh, password: user.password } })).status).toBe(200);
  });
});

describe('POST /api/changeUsername', () => {
  it('refuses a taken username ignoring case and changes to a free one', async () => {
    const user = await signedUpUser();
    const other = await signedUpUser();
    expectContractError(
      await api('/api/changeUsername', { token: user.token, json: { newUsername: other.username.toUpperCase() } }),
      409,
      'username_taken',
    );
    const response = await api<{ username: string }>('/api/changeUsername', {
      token: user.token,
      json: { newUsername: `${user.username}_new` },
    });
    expect(response.status).toBe(200);
    expect(response.body.username).toBe(`${user.username}_new`);
    // Changing only the case of one's own name is allowed.
    expect(
      (await api('/api/changeUsername', { token: user.token, json: { newUsername: `${user.username}_NEW` } })).status,
    ).toBe(200);
  });
});

describe('DELETE /api/deleteAccount', () => {
  it('needs the current password', async () => {
    const user = await signedUpUser();
    expectContractError(
      await api('/api/deleteAccount', { method: 'DELETE', token: user.token, json: { currentPassword: 'wrong one' } }),
      400,
      'incorrect_password',
    );
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
  });

  it('ends every session at once and schedules the removal (the grace period: tests/api/account-deletion.test.ts)', async () => {
    const user = await signedUpUser();
    const other = await login(user.email, user.password);
    const [[row]] = (await db().query('SELECT id FROM users WHERE username = ?', [user.username])) as unknown as [
      mysql.RowDataPacket[],
    ];
    const response = await api('/api/deleteAccount', {
      method: 'DELETE',
      token: user.token,
      json: { currentPassword: user.password },
    });
    expect(response.status).toBe(200);
    expect(Number.isNaN(Date.parse(String(response.body.deletesAt)))).toBe(false);
    const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', [
      row!.id,
    ]);
    expect(Number(rows[0]!.n)).toBe(0);
    expectContractError(await api('/api/getProfile', { token: other }), 401, 'unauthenticated');
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');
    expectContractError(
      await api('/api/login', { json: { email: user.email, password: user.password } }),
      403,
      'deletion_scheduled',
    );
    // Reserved until the purge.
    expect((await api(`/api/checkUsername?username=${user.username}`)).body).toEqual({ available: false });
  });
});
