import { describe, expect, inject, it } from 'vitest';
import { api, expectContractError, signedUpUser, type TestUser } from '../support/api';
import { databaseConnection } from '../support/db';
import { enrolledUser, expectRecoveryCodeNotice, threeCodes } from '../support/two-step';
import { mailsTo, waitForMail } from '../support/mail-catcher';

const mailDir = () => inject('mailDir');
const db = databaseConnection();

async function passwordStep(user: TestUser, headers: Record<string, string> = {}) {
  return api<{ mfaRequired?: boolean; mfaToken: string; methods: string[]; sessionCode?: string }>('/api/login', {
    json: { email: user.email, password: user.password },
    headers,
  });
}

describe('turning on two-step sign-in (TOTP)', () => {
  it('needs the password, is not active until a code confirms it, then answers ten recovery codes once', async () => {
    const user = await signedUpUser();
    expectContractError(
      await api('/api/mfa/totp', { token: user.token, json: { currentPassword: 'not the password' } }),
      400,
      'incorrect_password',
    );
    const started = await api<{ secret: string; otpauthUrl: string }>('/api/mfa/totp', {
      token: user.token,
      json: { currentPassword: user.password },
    });
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(started.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(started.body.secret);

    // Not confirmed yet: the password alone still signs in.
    expect((await passwordStep(user)).body.sessionCode).toEqual(expect.any(String));

    // The secret is sealed in the database, readable by no API.
    const [rows] = await db().query<import('mysql2').RowDataPacket[]>(
      'SELECT t.secret_sealed FROM totp_credentials t JOIN users u ON u.id = t.user_id WHERE u.email = ?',
      [user.email],
    );
    expect(String(rows[0]!.secret_sealed)).not.toContain(started.body.secret);
    expect((await api('/api/getProfile', { token: user.token })).text).not.toContain(started.body.secret);

    const codes = await threeCodes(started.body.secret);
    expectContractError(
      await api('/api/mfa/totp/confirm', {
        token: user.token,
        json: { code: '000000' === codes[1] ? '111111' : '000000' },
      }),
      400,
      'incorrect_code',
    );
    const confirmed = await api<{ recoveryCodes: string[] }>('/api/mfa/totp/confirm', {
      token: user.token,
      json: { code: codes[1] },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    // Stored as keyed hashes only.
    const [stored] = await db().query<import('mysql2').RowDataPacket[]>(
      'SELECT r.code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = ?',
      [user.email],
    );
    expect(stored).toHaveLength(10);
    const hashes = stored.map((row) => String(row.code_hash)).join(' ');
    for (const code of confirmed.body.recoveryCodes) expect(hashes).not.toContain(code.replace('-', ''));

    // On now: a second setup is refused, the owner got a notice, and it is in the activity.
    expectContractError(
      await api('/api/mfa/totp', { token: user.token, json: { currentPassword: user.password } }),
      409,
      'mfa_already_enabled',
    );
    await waitForMail(mailDir(), user.email, /Two-step sign-in was turned on/);
    const activity = await api<{ events: { type: string }[] }>('/api/activity', { token: user.token });
    expect(activity.body.events.map((e) => e.type)).toContain('mfa_enabled');
  });
});

describe('signing in with two steps over the API', () => {
  it('answers mfaRequired with no session; a code finishes it once; the token and the code are single-use', async () => {
    const user = await enrolledUser();
    const first = await passwordStep(user);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), methods: ['totp', 'recovery'] });
    expect(first.text).not.toContain('sessionCode');

    // The pending sign-in is no session, however it is presented.
    expectContractError(await api('/api/getProfile', { token: first.body.mfaToken }), 401, 'unauthenticated');
    expectContractError(
      await api('/api/getProfile', { headers: { cookie: `session=${first.body.mfaToken}` } }),
      401,
      'unauthenticated',
    );

    const wrong = user.codes[1] === '123456' ? '654321' : '123456';
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: first.body.mfaToken, code: wrong } }),
      401,
      'invalid_code',
    );
    const done = await api<{ sessionCode: string; message: string; expiresAt: string; deviceToken: string }>(
      '/api/login/mfa',
      { json: { mfaToken: first.body.mfaToken, code: user.codes[1] } },
    );
    expect(done.status).toBe(200);
    expect(done.body.message).toBe(done.body.sessionCode);
    expect((await api('/api/getProfile', { token: done.body.sessionCode })).status).toBe(200);

    // The same mfaToken again, even with a fresh code: dead.
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: first.body.mfaToken, code: user.codes[2] } }),
      401,
      'invalid_credentials',
    );
    // The code just used, replayed on a new pending sign-in within its window: refused.
    const second = await passwordStep(user);
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: second.body.mfaToken, code: user.codes[1] } }),
      401,
      'invalid_code',
    );
    // So is the older code (the one that confirmed the setup), though still inside the ±1 window.
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: second.body.mfaToken, code: user.codes[0] } }),
      401,
      'invalid_code',
    );
    expect(
      (await api('/api/login/mfa', { json: { mfaToken: second.body.mfaToken, code: user.codes[2] } })).status,
    ).toBe(200);
  });

  it('takes a recovery code once only, mails a notice, and new codes kill the old ones', async () => {
    const user = await enrolledUser();
    const [code, other] = user.recoveryCodes as [string, string];
    const first = await passwordStep(user);
    // Typed in capitals and without its dash: still the same code.
    const used = await api<{ sessionCode: string }>('/api/login/mfa', {
      json: { mfaToken: first.body.mfaToken, recoveryCode: code.toUpperCase().replace('-', '') },
    });
    expect(used.status).toBe(200);
    await expectRecoveryCodeNotice(mailDir(), user.email, 'sign_in', 9);
    const again = await passwordStep(user);
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: again.body.mfaToken, recoveryCode: code } }),
      401,
      'invalid_code',
    );

    // New codes need the password and a current code; the old set dies.
    expectContractError(
      await api('/api/mfa/recoveryCodes', { token: used.body.sessionCode, json: { currentPassword: user.password } }),
      400,
      'validation_failed',
    );
    const fresh = await api<{ recoveryCodes: string[] }>('/api/mfa/recoveryCodes', {
      token: used.body.sessionCode,
      json: { currentPassword: user.password, code: user.codes[1] },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    await waitForMail(mailDir(), user.email, /New recovery codes were made/);
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: again.body.mfaToken, recoveryCode: other } }),
      401,
      'invalid_code',
    );
    expect(
      (
        await api('/api/login/mfa', {
          json: { mfaToken: again.body.mfaToken, recoveryCode: fresh.body.recoveryCodes[0] },
        })
      ).status,
    ).toBe(200);
  });

  it('counts wrong codes in the account’s back-off; a correct password in between does not reset it', async () => {
    const user = await enrolledUser();
    const wrong = user.codes[1] === '123456' ? '654321' : '123456';
    // The attack: knowing the password, alternate it with guesses, hoping each correct password clears the count.
    const answers: number[] = [];
    for (let i = 0; i < 5 && !answers.includes(429); i++) {
      const step = await passwordStep(user);
      answers.push(step.status);
      if (step.status !== 200) break;
      const guess = await api('/api/login/mfa', { json: { mfaToken: step.body.mfaToken, code: wrong } });
      answers.push(guess.status);
    }
    expect(answers).toContain(429);
    expect(answers.filter((status) => status === 401).length).toBeLessThanOrEqual(4);
  });

  it('a client with its device token keeps its own allowance while a stranger’s wrong codes pause the account', async () => {
    const user = await enrolledUser();
    // The owner's earlier sign-in gave this client a device token.
    const ownerStep = await passwordStep(user);
    const owner = await api<{ deviceToken: string }>('/api/login/mfa', {
      json: { mfaToken: ownerStep.body.mfaToken, code: user.codes[1] },
    });
    expect(owner.status).toBe(200);
    const device = { 'x-device-token': owner.body.deviceToken };

    const stranger = await passwordStep(user);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await api('/api/login/mfa', { json: { mfaToken: stranger.body.mfaToken, code: '000001' } })).status,
      );
    }
    expect(statuses).toContain(429);
    const mine = await passwordStep(user, device);
    expect(mine.status).toBe(200);
    const finished = await api('/api/login/mfa', {
      json: { mfaToken: mine.body.mfaToken, code: user.codes[2] },
      headers: device,
    });
    expect(finished.status).toBe(200);
  });
});

describe('turning two-step sign-in off', () => {
  it('needs the password and a current code; then the password alone signs in again', async () => {
    const user = await enrolledUser();
    expectContractError(
      await api('/api/mfa/totp', { method: 'DELETE', token: user.token, json: { currentPassword: user.password } }),
      400,
      'validation_failed',
    );
    expectContractError(
      await api('/api/mfa/totp', {
        method: 'DELETE',
        token: user.token,
        json: { currentPassword: 'wrong password', code: user.codes[1] },
      }),
      400,
      'incorrect_password',
    );
    expectContractError(
      await api('/api/mfa/totp', {
        method: 'DELETE',
        token: user.token,
        json: { currentPassword: user.password, code: user.codes[0] },
      }),
      400,
      'incorrect_code',
    );
    expect((await passwordStep(user)).body.mfaRequired).toBe(true);
    const off = await api('/api/mfa/totp', {
      method: 'DELETE',
      token: user.token,
      json: { currentPassword: user.password, code: user.codes[1] },
    });
    expect(off.status).toBe(200);
    await waitForMail(mailDir(), user.email, /Two-step sign-in was turned off/);
    const plain = await passwordStep(user);
    expect(plain.body.sessionCode).toEqual(expect.any(String));
    expect(plain.body.mfaRequired).toBeUndefined();
    expectContractError(
      await api('/api/mfa/recoveryCodes', {
        token: user.token,
        json: { currentPassword: user.password, code: user.codes[2] },
      }),
      409,
      'mfa_not_enabled',
    );
    expect((await mailsTo(mailDir(), user.email)).length).toBeGreaterThan(0);
  });
});
