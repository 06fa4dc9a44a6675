import { describe, expect, inject, it } from 'vitest';
import { api, expectContractError, signedUpUser, type TestUser } from '../support/api';
import { databaseConnection, userIdOf } from '../support/db';
import { enrolledUser, expectRecoveryCodeNotice } from '../support/two-step';
import { softPasskey, type SoftPasskey } from '../support/passkey';

/*
 * Step-up (issue 21), written as the attacks: someone holding a stolen session AND the password (phished,
 * reused) tries each change that matters on an account with a second factor. Without the factor every one is
 * refused; with it, it goes through; a code is good once (sign-in and step-up share the replay rule); wrong codes
 * meet the login back-off; a passkey stands in for the password and the code. Passkey assertions are signed in
 * Node (tests/support/passkey.ts).
 */

const mailDir = () => inject('mailDir');
const db = databaseConnection();

const userId = (user: TestUser) => userIdOf(db(), user.email);

const NEW_PASSWORD = 'A brand new pass 4 me!';

/** Each change behind the step-up rule, with the stolen password and whatever proof is added. */
const changes: [string, string, string, (user: TestUser, proof: Record<string, unknown>) => Record<string, unknown>][] =
  [
    ['change the password', 'POST', '/api/changePassword', (_u, proof) => ({ ...proof, newPassword: NEW_PASSWORD })],
    ['change the email', 'POST', '/api/changeEmail', (user, proof) => ({ ...proof, newEmail: `moved-${user.email}` })],
    ['delete the account', 'DELETE', '/api/deleteAccount', (_u, proof) => proof],
    ['turn two-step sign-in off', 'DELETE', '/api/mfa/totp', (_u, proof) => proof],
    ['make new recovery codes', 'POST', '/api/mfa/recoveryCodes', (_u, proof) => proof],
  ];

async function stepUpChallenge(token: string): Promise<{ challenge: string; rpId: string }> {
  const options = await api<{ challenge: string; rpId: string; allowCredentials: { id: string }[] }>(
    '/api/passkeys/stepUp/options',
    { token, json: {} },
  );
  expect(options.status).toBe(200);
  return options.body;
}

async function assertionFor(token: string, key: SoftPasskey) {
  const { challenge, rpId } = await stepUpChallenge(token);
  return key.assert(challenge, rpId);
}

describe('attack: a stolen session and the known password against an account with an authenticator app', () => {
  for (const [what, method, path, body] of changes) {
    it(`cannot ${what} without a code; with a fresh code it can`, async () => {
      const user = await enrolledUser();
      const refused = await api(path, {
        method,
        token: user.token,
        json: body(user, { currentPassword: user.password }),
      });
      expectContractError(refused, 400, 'validation_failed');
      const accepted = await api(path, {
        method,
        token: user.token,
        json: body(user, { currentPassword: user.password, code: user.codes[1] }),
      });
      expect(accepted.status, accepted.text).toBe(200);
    });
  }

  it('cannot add a passkey from a stale session with the password alone, nor turn on a second app', async () => {
    const user = await enrolledUser();
    await db().query('UPDATE sessions SET created_at = created_at - INTERVAL 11 MINUTE WHERE user_id = ?', [
      await userId(user),
    ]);
    expectContractError(
      await api('/api/passkeys/register/options', { token: user.token, json: { currentPassword: user.password } }),
      400,
      'validation_failed',
    );
    const accepted = await api('/api/passkeys/register/options', {
      token: user.token,
      json: { currentPassword: user.password, code: user.codes[1] },
    });
    expect(accepted.status).toBe(200);
  });

  it('a code used to sign in is refused for a change in the same window (replay), and the other way round', async () => {
    const user = await enrolledUser();
    const password = await api<{ mfaToken: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    const signedIn = await api<{ sessionCode: string }>('/api/login/mfa', {
      json: { mfaToken: password.body.mfaToken, code: user.codes[1] },
    });
    expect(signedIn.status).toBe(200);
    expectContractError(
      await api('/api/changePassword', {
        token: signedIn.body.sessionCode,
        json: { currentPassword: user.password, newPassword: NEW_PASSWORD, code: user.codes[1] },
      }),
      400,
      'incorrect_code',
    );
    const changed = await api('/api/changePassword', {
      token: signedIn.body.sessionCode,
      json: { currentPassword: user.password, newPassword: NEW_PASSWORD, code: user.codes[2] },
    });
    expect(changed.status).toBe(200);
    // The code just used for the change does not sign in either.
    const again = await api<{ mfaToken: string }>('/api/login', {
      json: { email: user.email, password: NEW_PASSWORD },
    });
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: again.body.mfaToken, code: user.codes[2] } }),
      401,
      'invalid_code',
    );
  });

  it('wrong codes with the right password meet the login back-off (429 with Retry-After), each one recorded', async () => {
    const user = await enrolledUser();
    const wrong = (i: number) => String((Number(user.codes[1]) + 1 + i) % 1_000_000).padStart(6, '0');
    const statuses: number[] = [];
    for (let i = 0; i < 12 && !statuses.includes(429); i++) {
      const answer = await api('/api/changePassword', {
        token: user.token,
        json: { currentPassword: user.password, newPassword: NEW_PASSWORD, code: wrong(i) },
      });
      statuses.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    console.log(`[figures] step-up, wrong codes with the right password: ${statuses.join(' ')}`);
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses).toContain(429);
    // The right code is paused too while the pause runs.
    const right = await api('/api/changePassword', {
      token: user.token,
      json: { currentPassword: user.password, newPassword: NEW_PASSWORD, code: user.codes[2] },
    });
    expect(right.status).toBe(429);
    const activity = await api<{ events: { type: string }[] }>('/api/activity', { token: user.token });
    expect(activity.body.events.filter((event) => event.type === 'login_failure').length).toBeGreaterThanOrEqual(4);
  });

  it('a recovery code works once instead of the code, and its use for a change is mailed as such', async () => {
    const user = await enrolledUser();
    const [recovery] = user.recoveryCodes;
    const changed = await api('/api/changePassword', {
      token: user.token,
      json: { currentPassword: user.password, newPassword: NEW_PASSWORD, recoveryCode: recovery },
    });
    expect(changed.status).toBe(200);
    await expectRecoveryCodeNotice(mailDir(), user.email, 'change', 9);
    expectContractError(
      await api('/api/changePassword', {
        token: user.token,
        json: { currentPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD}2`, recoveryCode: recovery },
      }),
      400,
      'incorrect_code',
    );
  });
});

describe('a passkey as the only second factor', () => {
  async function passkeyUser() {
    const user = await signedUpUser();
    const key = await softPasskey(db, await userId(user));
    return { user, key };
  }

  it('password sign-in answers mfaRequired with methods [passkey] and finishes with the passkey; the passkey alone is one step', async () => {
    const { user, key } = await passkeyUser();
    const first = await api<{ mfaRequired: boolean; mfaToken: string; methods: string[] }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), methods: ['passkey'] });
    expect(first.text).not.toContain('sessionCode');
    // A code does not finish it: the account has no app.
    expectContractError(
      await api('/api/login/mfa', { json: { mfaToken: first.body.mfaToken, code: '123456' } }),
      401,
      'invalid_code',
    );
    const options = await api<{ challenge: string; rpId: string; allowCredentials: { id: string }[] }>(
      '/api/login/passkey/options',
      { json: { mfaToken: first.body.mfaToken } },
    );
    expect(options.body.allowCredentials.map((c) => c.id)).toEqual([key.credentialId]);
    const second = await api<{ sessionCode: string }>('/api/login/passkey/verify', {
      json: { mfaToken: first.body.mfaToken, credential: key.assert(options.body.challenge, options.body.rpId) },
    });
    expect(second.status, second.text).toBe(200);
    expect(second.body.sessionCode).toEqual(expect.any(String));

    // Signing in with the passkey alone (no password) stays one step.
    const alone = await api<{ challenge: string; rpId: string }>('/api/login/passkey/options', { json: {} });
    const direct = await api<{ sessionCode: string; mfaRequired?: boolean }>('/api/login/passkey/verify', {
      json: { credential: key.assert(alone.body.challenge, alone.body.rpId) },
    });
    expect(direct.status, direct.text).toBe(200);
    expect(direct.body.sessionCode).toEqual(expect.any(String));
    expect(direct.body.mfaRequired).toBeUndefined();
  });

  it('the stolen password is not enough to change it; the passkey alone is, once per challenge', async () => {
    const { user, key } = await passkeyUser();
    expectContractError(
      await api('/api/changePassword', {
        token: user.token,
        json: { currentPassword: user.password, newPassword: NEW_PASSWORD },
      }),
      403,
      'second_factor_required',
    );
    const assertion = await assertionFor(user.token, key);
    const changed = await api('/api/changePassword', {
      token: user.token,
      json: { newPassword: NEW_PASSWORD, passkeyAssertion: assertion },
    });
    expect(changed.status, changed.text).toBe(200);
    // The same assertion again: its challenge is spent.
    expectContractError(
      await api('/api/changeEmail', {
        token: user.token,
        json: { newEmail: `moved-${user.email}`, passkeyAssertion: assertion },
      }),
      400,
      'incorrect_code',
    );
    // A fresh one turns on an authenticator app (a passkey account's new factor asks for the passkey too).
    const started = await api('/api/mfa/totp', {
      token: user.token,
      json: { passkeyAssertion: await assertionFor(user.token, key) },
    });
    expect(started.status, started.text).toBe(200);
  });

  it("another account's passkey, or a challenge issued to another account, does not confirm a change", async () => {
    const { user, key } = await passkeyUser();
    const other = await passkeyUser();
    const mine = await stepUpChallenge(user.token);
    expectContractError(
      await api('/api/deleteAccount', {
        method: 'DELETE',
        token: user.token,
        json: { passkeyAssertion: other.key.assert(mine.challenge, mine.rpId) },
      }),
      400,
      'incorrect_code',
    );
    const theirs = await stepUpChallenge(other.user.token);
    expectContractError(
      await api('/api/deleteAccount', {
        method: 'DELETE',
        token: user.token,
        json: { passkeyAssertion: key.assert(theirs.challenge, theirs.rpId) },
      }),
      400,
      'incorrect_code',
    );
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
  });

  it('an account without a passkey gets no step-up challenge; without a second factor the password alone still works', async () => {
    const user = await signedUpUser();
    expectContractError(await api('/api/passkeys/stepUp/options', { token: user.token, json: {} }), 404, 'not_found');
    const changed = await api('/api/changePassword', {
      token: user.token,
      json: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
  });

  it('the OpenAPI document lists the step-up endpoint and the new fields', async () => {
    const doc = await api<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>('/api/openapi.json');
    expect(doc.body.paths).toHaveProperty(['/api/passkeys/stepUp/options']);
    const body = JSON.stringify(doc.body.paths['/api/changePassword']);
    for (const field of ['currentPassword', 'code', 'recoveryCode', 'passkeyAssertion']) expect(body).toContain(field);
  });
});
