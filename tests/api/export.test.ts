import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import yauzl from 'yauzl';
import { throttleKey } from '@/lib/auth/login-throttle';
import { api, baseUrl, expectContractError, signedUpUser, type TestUser } from '../support/api';
import { databaseConnection } from '../support/db';
import { png } from '../support/images';
import { waitForMail } from '../support/mail-catcher';

/*
 * GET /api/export (issue 22), written as the attack: a stolen, older session must not walk away with the data, and
 * the archive must hold every part the app keeps and not one secret.
 */
const db = databaseConnection();
const mailDir = () => inject('mailDir');

async function download(token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}/api/export`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Every entry of a ZIP, decompressed (yauzl checks each entry's CRC). */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function userRow(user: TestUser) {
  const [[row]] = (await db().query('SELECT id, password_hash FROM users WHERE email = ?', [
    user.email,
  ])) as unknown as [mysql.RowDataPacket[]];
  return { id: Number(row!.id), passwordHash: String(row!.password_hash) };
}

/** The parts of account.json: one list, for the archive and for its OpenAPI schema. */
const EXPORT_PARTS = [
  'account',
  'exportedAt',
  'format',
  'linkedProviders',
  'passkeys',
  'profileCard',
  'publicCard',
  'securityEvents',
  'sessions',
  'socialLinks',
  'twoStepSignIn',
];

/** A registered passkey as registration stores it (its key is never verified here), with its secrets returned. */
async function registeredPasskey(userId: number) {
  const credentialId = randomBytes(32).toString('base64url');
  const publicKey = randomBytes(77).toString('base64url');
  const counter = 987_654_321;
  await db().query(
    `INSERT INTO passkeys (user_id, credential_id, public_key, counter, transports, backup_eligible, backup_state, name)
     VALUES (?, ?, ?, ?, 'hybrid,internal', 1, 1, 'Work laptop')`,
    [userId, credentialId, publicKey, counter],
  );
  return { credentialId, publicKey, counter };
}

const makeStale = (id: number) =>
  db().query('UPDATE sessions SET created_at = NOW(3) - INTERVAL 11 MINUTE WHERE user_id = ?', [id]);

describe('GET /api/export', () => {
  it('a fresh session gets a ZIP of account.json (every part, passkeys too) and the image, with no secret in it', async () => {
    const user = await signedUpUser();
    const image = png();
    await api('/api/setContactDetail', {
      token: user.token,
      json: { occupation: 'Analyst', homeAddress: '1 Main St', image: image.toString('base64') },
    });
    await api('/api/setSocialLink', {
      token: user.token,
      json: { gitHub: 'https://github.com/ada', description: 'Hello' },
    });
    await api('/api/publicCard', { token: user.token, json: { published: true, showEmail: true } });
    // A pending link token exists too (forgot password), so its hash is in the database to look for.
    await api('/api/forgotPassword', { json: { email: user.email } });
    const login = await api<Record<string, string>>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    const { id, passwordHash } = await userRow(user);
    const passkey = await registeredPasskey(id);

    const { response, bytes } = await download(user.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="profile-hub-.+\.zip"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');

    const entries = await unzip(bytes);
    expect([...entries.keys()].sort()).toEqual(['account.json', 'profile-image.png']);
    expect(entries.get('profile-image.png')!.subarray(0, 8)).toEqual(image.subarray(0, 8));
    const data = JSON.parse(entries.get('account.json')!.toString('utf8'));
    expect(Object.keys(data).sort()).toEqual(EXPORT_PARTS);
    expect(data.linkedProviders).toEqual([]);
    // No authenticator app, but the passkey registered above is a second step after the password.
    expect(data.twoStepSignIn).toEqual({ enabled: false, since: null, recoveryCodesLeft: 0, methods: ['passkey'] });
    // The passkey: what it is, never how it proves itself (no credential id, public key or counter).
    expect(data.passkeys).toEqual([
      {
        name: 'Work laptop',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        lastUsedAt: null,
        deviceType: 'multiDevice',
        backedUp: true,
        transports: ['hybrid', 'internal'],
      },
    ]);
    expect(data.account).toMatchObject({
      id,
      username: user.username,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      deletesAt: null,
    });
    expect(data.profileCard).toMatchObject({
      occupation: 'Analyst',
      homeAddress: '1 Main St',
      imageType: 'image/png',
      imageFile: 'profile-image.png',
    });
    expect(data.socialLinks).toMatchObject({ gitHub: 'https://github.com/ada', description: 'Hello' });
    expect(data.publicCard).toMatchObject({ published: true, showEmail: true });
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(data.securityEvents.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['signup', 'login_success']),
    );

    // No secret: not in any entry, not in the raw bytes.
    const [sessionRows] = await db().query<mysql.RowDataPacket[]>(
      'SELECT code_hash, jwt FROM sessions WHERE user_id = ?',
      [id],
    );
    const [tokenRows] = await db().query<mysql.RowDataPacket[]>(
      'SELECT token_hash FROM email_tokens WHERE user_id = ?',
      [id],
    );
    expect(tokenRows.length).toBeGreaterThan(0);
    const secrets = [
      passwordHash,
      user.password,
      user.token,
      login.body.sessionCode!,
      login.body.deviceToken!,
      ...sessionRows.flatMap((row) => [String(row.code_hash), String(row.jwt)]),
      ...tokenRows.map((row) => String(row.token_hash)),
      passkey.credentialId,
      passkey.publicKey,
      String(passkey.counter),
    ];
    const haystacks = [bytes.toString('latin1'), ...[...entries.values()].map((entry) => entry.toString('latin1'))];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(7);
      for (const haystack of haystacks) expect(haystack.includes(secret), `a secret in the export`).toBe(false);
    }
    expect(JSON.stringify(data)).not.toMatch(/hash|jwt|secret|token|credential|publicKey|counter/i);

    await waitForMail(mailDir(), user.email, /Your data was downloaded/);
    const activity = await api<{ events: { type: string }[] }>('/api/activity', { token: user.token });
    expect(activity.body.events[0]!.type).toBe('data_exported');
  });

  it('a stale session is refused without the current password; a wrong one counts as a failed log-in', async () => {
    const user = await signedUpUser();
    const { id } = await userRow(user);
    await makeStale(id);
    const stale = await download(user.token);
    expect(stale.response.status).toBe(403);
    expect(JSON.parse(stale.bytes.toString()).code).toBe('reauthentication_required');

    const wrong = await download(user.token, { 'x-current-password': 'not my password 1' });
    expect(wrong.response.status).toBe(400);
    expect(JSON.parse(wrong.bytes.toString()).code).toBe('incorrect_password');
    // Counted on the account's log-in back-off, like a wrong password at the log-in form.
    const [[throttle]] = (await db().query('SELECT failures FROM login_throttles WHERE `key` = ?', [
      throttleKey({ userId: id, deviceId: null }),
    ])) as unknown as [mysql.RowDataPacket[]];
    expect(Number(throttle!.failures)).toBe(1);

    const right = await download(user.token, { 'x-current-password': user.password });
    expect(right.response.status).toBe(200);
    expect((await unzip(right.bytes)).has('account.json')).toBe(true);
  });

  it('is limited per account (5 an hour), and needs a session', async () => {
    expectContractError(await api('/api/export'), 401, 'unauthenticated');
    const user = await signedUpUser();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await download(user.token)).response.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api('/api/export', { token: user.token });
    expectContractError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('is documented in the OpenAPI document with the schema of account.json', async () => {
    const doc = (
      await api<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('/api/openapi.json')
    ).body;
    const ok = doc.paths['/api/export']!.get!.responses['200'] as {
      content: Record<string, { schema: { 'x-archive-entries': Record<string, { properties: object }> } }>;
    };
    const entries = ok.content['application/zip']!.schema['x-archive-entries'];
    expect(Object.keys(entries['account.json']!.properties).sort()).toEqual(EXPORT_PARTS);
    const passkey = (entries['account.json']!.properties as Record<string, { items: { properties: object } }>).passkeys!
      .items.properties;
    expect(Object.keys(passkey).sort()).toEqual(
      ['backedUp', 'createdAt', 'deviceType', 'lastUsedAt', 'name', 'transports'].sort(),
    );
    expect(doc.paths['/api/cancelDeletion']!.post).toBeDefined();
    expect(Object.keys(doc.paths['/api/deleteAccount']!.delete!.responses)).toContain('200');
  });
});
