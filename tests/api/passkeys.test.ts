import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, expectContractError, signedUpUser, type TestUser } from '../support/api';
import { databaseConnection, userIdOf } from '../support/db';
import { waitForMail } from '../support/mail-catcher';

/*
 * Passkeys over HTTP, written as the attacks: a stale (stolen) session adding a passkey, removing the last way
 * in, removing someone else's passkey, a forged or replayed assertion. The ceremonies with a real authenticator
 * are in e2e/passkeys.spec.ts (Chromium's virtual authenticator).
 */

const mailDir = () => inject('mailDir');
const db = databaseConnection();
type Rows = import('mysql2').RowDataPacket[];

const userId = (user: TestUser) => userIdOf(db(), user.email);

/** A stored passkey row, as registration leaves it (its key does not matter: these tests never verify it). */
async function storedPasskey(user: TestUser, name: string): Promise<number> {
  const [result] = await db().query<import('mysql2').ResultSetHeader>(
    'INSERT INTO passkeys (user_id, credential_id, public_key, name) VALUES (?, ?, ?, ?)',
    [await userId(user), randomBytes(16).toString('base64url'), randomBytes(77).toString('base64url'), name],
  );
  return result.insertId;
}

async function ageSessions(user: TestUser, minutes: number) {
  await db().query('UPDATE sessions SET created_at = created_at - INTERVAL ? MINUTE WHERE user_id = ?', [
    minutes,
    await userId(user),
  ]);
}

const forgedAssertion = (id: string) => ({
  id,
  rawId: id,
  type: 'public-key',
  response: {
    clientDataJSON: Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: 'x'.repeat(43), origin: 'https://evil.example' }),
    ).toString('base64url'),
    authenticatorData: randomBytes(37).toString('base64url'),
    signature: randomBytes(70).toString('base64url'),
  },
  clientExtensionResults: {},
});

describe('adding a passkey', () => {
  it('a session older than 10 minutes needs the current password; a fresh one gets options with a stored challenge', async () => {
    const user = await signedUpUser();
    const fresh = await api<{ challenge: string; rp: { id: string }; authenticatorSelection: { residentKey: string } }>(
      '/api/passkeys/register/options',
      { token: user.token, json: {} },
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body.authenticatorSelection.residentKey).toBe('required');
    const [stored] = await db().query<Rows>('SELECT purpose FROM passkey_challenges WHERE challenge = ?', [
      fresh.body.challenge,
    ]);
    expect(stored[0]?.purpose).toBe('register');

    await ageSessions(user, 11);
    expectContractError(
      await api('/api/passkeys/register/options', { token: user.token, json: {} }),
      403,
      'reauthentication_required',
    );
    expectContractError(
      await api('/api/passkeys/register/options', { token: user.token, json: { currentPassword: 'not it' } }),
      400,
      'incorrect_password',
    );
    const withPassword = await api('/api/passkeys/register/options', {
      token: user.token,
      json: { currentPassword: user.password },
    });
    expect(withPassword.status).toBe(200);
  });

  it('a credential that does not verify is refused and stores nothing', async () => {
    const user = await signedUpUser();
    expect((await api('/api/passkeys/register/options', { token: user.token, json: {} })).status).toBe(200);
    const id = randomBytes(16).toString('base64url');
    const refused = await api('/api/passkeys/register/verify', {
      token: user.token,
      json: {
        name: 'Forged',
        credential: { ...forgedAssertion(id), response: { clientDataJSON: 'e30', attestationObject: 'AAAA' } },
      },
    });
    expectContractError(refused, 400, 'validation_failed');
    const [rows] = await db().query<Rows>('SELECT id FROM passkeys WHERE user_id = ?', [await userId(user)]);
    expect(rows).toHaveLength(0);
  });
});

describe('removing a passkey', () => {
  it("someone else's passkey is not found; one's own is removed, recorded and told by mail", async () => {
    const owner = await signedUpUser();
    const other = await signedUpUser();
    const id = await storedPasskey(owner, 'Laptop');
    expectContractError(await api(`/api/passkeys/${id}`, { token: other.token, method: 'DELETE' }), 404, 'not_found');
    const listed = await api<{ passkeys: { id: number; name: string; lastUsedAt: string | null }[] }>('/api/passkeys', {
      token: owner.token,
    });
    expect(listed.body.passkeys).toEqual([expect.objectContaining({ id, name: 'Laptop', lastUsedAt: null })]);
    expect((await api(`/api/passkeys/${id}`, { token: owner.token, method: 'DELETE' })).status).toBe(200);
    await waitForMail(mailDir(), owner.email, /A passkey was removed/);
    const [events] = await db().query<Rows>(
      "SELECT id FROM security_events WHERE user_id = ? AND type = 'passkey_removed'",
      [await userId(owner)],
    );
    expect(events).toHaveLength(1);
  });

  it('the last way in (no password, no provider, one passkey) is refused; with a second passkey one may go', async () => {
    const user = await signedUpUser();
    await db().query("UPDATE users SET password_hash = '!no-password' WHERE email = ?", [user.email]);
    const first = await storedPasskey(user, 'Only one');
    expectContractError(
      await api(`/api/passkeys/${first}`, { token: user.token, method: 'DELETE' }),
      400,
      'validation_failed',
    );
    await storedPasskey(user, 'Second');
    expect((await api(`/api/passkeys/${first}`, { token: user.token, method: 'DELETE' })).status).toBe(200);
    const [rows] = await db().query<Rows>('SELECT name FROM passkeys WHERE user_id = ?', [await userId(user)]);
    expect(rows.map((row) => row.name)).toEqual(['Second']);
  });
});

describe('signing in with a passkey', () => {
  it('a forged assertion for a registered credential signs nobody in, and its challenge is spent', async () => {
    const user = await signedUpUser();
    await storedPasskey(user, 'Laptop');
    const [keys] = await db().query<Rows>('SELECT credential_id FROM passkeys WHERE user_id = ?', [await userId(user)]);
    const options = await api<{ challenge: string; allowCredentials?: unknown[] }>('/api/login/passkey/options', {
      json: {},
    });
    expect(options.status).toBe(200);
    expect(options.body.allowCredentials ?? []).toEqual([]);
    const credential = forgedAssertion(String(keys[0]!.credential_id));
    const clientData = { type: 'webauthn.get', challenge: options.body.challenge, origin: 'http://localhost' };
    credential.response.clientDataJSON = Buffer.from(JSON.stringify(clientData)).toString('base64url');
    const refused = await api('/api/login/passkey/verify', { json: { credential } });
    expectContractError(refused, 401, 'invalid_credentials');
    expect(refused.text).not.toContain('sessionCode');
  });

  it('the passkey options for a second step need a live mfaToken', async () => {
    expectContractError(
      await api('/api/login/passkey/options', { json: { mfaToken: randomBytes(32).toString('base64url') } }),
      401,
      'invalid_credentials',
    );
  });

  it('the OpenAPI document lists every passkey endpoint', async () => {
    const doc = await api<{ paths: Record<string, unknown> }>('/api/openapi.json');
    for (const path of [
      '/api/passkeys',
      '/api/passkeys/{id}',
      '/api/passkeys/register/options',
      '/api/passkeys/register/verify',
      '/api/login/passkey/options',
      '/api/login/passkey/verify',
    ]) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
  });
});
