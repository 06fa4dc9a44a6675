import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { api, expectContractError, signedUpUser } from '../support/api';
import { databaseConnection } from '../support/db';
import { startTestApp } from '../support/server';

const db = databaseConnection();

describe('POST /api/login', () => {
  it('returns a URL-safe 256-bit code in message and sessionCode, valid for 24 hours', async () => {
    const user = await signedUpUser();
    const response = await api<{ message: string; sessionCode: string; expiresAt: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    expect(response.status).toBe(200);
    expect(response.body.sessionCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.body.message).toBe(response.body.sessionCode);
    const hours = (Date.parse(response.body.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('logs in by username too, and by email in any case', async () => {
    const user = await signedUpUser();
    expect(
      (await api('/api/login', { json: { username: user.username.toUpperCase(), password: user.password } })).status,
    ).toBe(200);
    expect(
      (await api('/api/login', { json: { email: user.email.toUpperCase(), password: user.password } })).status,
    ).toBe(200);
  });

  it('answers the same 401 for an unknown user, a wrong password and a wrong email', async () => {
    const user = await signedUpUser();
    const answers = await Promise.all([
      api('/api/login', { json: { email: 'nobody@example.test', password: user.password } }),
      api('/api/login', { json: { email: user.email, password: `${user.password}x` } }),
      api('/api/login', { json: { username: 'nobody_here', password: user.password } }),
    ]);
    for (const answer of answers) expectContractError(answer, 401, 'invalid_credentials');
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it('stores only the SHA-256 of the code, beside a JWT with sub, sid, iat and exp', async () => {
    const user = await signedUpUser();
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      'SELECT s.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?',
      [user.username],
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(JSON.stringify(row)).not.toContain(user.token);
    expect(row.code_hash).toBe(createHash('sha256').update(user.token).digest('hex'));
    const claims = decodeJwt(row.jwt);
    expect(claims).toMatchObject({ sub: String(row.user_id), sid: row.id });
    expect(typeof claims.iat).toBe('number');
    expect(claims.exp! - claims.iat!).toBe(86400);
  });

  /**
   * Wrong passwords under these names in turn until `count` failures are counted, waiting out each pause
   * (1 s from the 5th, doubling): after 7 the pause is 4 s, ample for the next request on a slow machine.
   */
  async function failLogins(names: Record<string, string | undefined>[], count: number) {
    for (let failures = 0; failures < count;) {
      const answer = await api('/api/login', {
        json: { ...names[failures % names.length], password: 'wrong wrong wrong' },
      });
      if (answer.status === 429) {
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get('retry-after')) * 1000 + 100));
        continue;
      }
      expectContractError(answer, 401, 'invalid_credentials');
      failures++;
    }
  }

  it('pauses an account from its 5th consecutive failure with 429 and Retry-After (tests/throttle/ has the rest)', async () => {
    const user = await signedUpUser();
    await failLogins([{ email: user.email }], 7);
    const limited = await api('/api/login', { json: { email: user.email, password: user.password } });
    expectContractError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are unaffected.
    const other = await signedUpUser();
    expect((await api('/api/login', { json: { email: other.email, password: other.password } })).status).toBe(200);
  });

  it('counts failures per account, whether the email or the username (in any case) was typed', async () => {
    const user = await signedUpUser();
    const names = [
      { email: user.email },
      { username: user.username },
      { email: user.email.toUpperCase() },
      { username: user.username.toUpperCase() },
    ];
    await failLogins(names, 7);
    expectContractError(
      await api('/api/login', { json: { username: user.username, password: user.password } }),
      429,
      'rate_limited',
    );
    expectContractError(
      await api('/api/login', { json: { email: user.email, password: user.password } }),
      429,
      'rate_limited',
    );
  });

  it('a bogus X-Forwarded-For neither breaks the login nor ends up as the session ip', async () => {
    for (const xff of ['\u00e9t\u00e9', 'not an ip', `${'1'.repeat(60)}`, "1.2.3.4' OR '1'='1"]) {
      const user = await signedUpUser();
      const response = await api<{ sessionCode: string }>('/api/login', {
        json: { email: user.email, password: user.password },
        headers: { 'x-forwarded-for': xff },
      });
      expect(response.status, xff).toBe(200);
      const listed = await api<{ sessions: { ip: string; current: boolean }[] }>('/api/sessions', {
        token: response.body.sessionCode,
      });
      const current = listed.body.sessions.find((s) => s.current)!;
      expect(current.ip).not.toBe(xff);
      expect(current.ip === '' || /^[0-9a-f.:]+$/i.test(current.ip)).toBe(true);
    }
  });

  it('validates its body', async () => {
    expectContractError(await api('/api/login', { json: { password: 'x' } }), 400, 'validation_failed');
    expectContractError(await api('/api/login', { json: { email: 'a@b.c' } }), 400, 'validation_failed');
    expectContractError(await api('/api/login', { json: { email: 5, password: [] } }), 400, 'validation_failed');
  });
});

describe('authentication', () => {
  it('accepts Bearer and the bare code of the old clients', async () => {
    const user = await signedUpUser();
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
    expect((await api('/api/getProfile', { headers: { authorization: user.token } })).status).toBe(200);
  });

  it.each([
    ['no header', {}],
    ['garbage', { authorization: 'Bearer nonsense' }],
    ['a well-formed unknown code', { authorization: `Bearer ${'A'.repeat(43)}` }],
    ['SQL', { authorization: "Bearer ' OR 1=1 --" }],
  ])('answers 401 unauthenticated to %s', async (_label, headers) => {
    expectContractError(await api('/api/getProfile', { headers }), 401, 'unauthenticated');
  });

  it('kills a session whose JWT was tampered with, or that expired', async () => {
    const user = await signedUpUser();
    const [[row]] = (await db().query(
      'SELECT s.id, s.jwt FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?',
      [user.username],
    )) as unknown as [mysql.RowDataPacket[]];
    const [header, payload, signature] = String(row!.jwt).split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.sub = '1';
    await db().query('UPDATE sessions SET jwt = ? WHERE id = ?', [
      `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`,
      row!.id,
    ]);
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');
    // Nor does an unsigned ("alg": "none") token with the right claims bring it back.
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await db().query('UPDATE sessions SET jwt = ? WHERE id = ?', [`${none}.${payload}.`, row!.id]);
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');
    // The untouched JWT does: the row, not the test, was what failed.
    await db().query('UPDATE sessions SET jwt = ? WHERE id = ?', [row!.jwt, row!.id]);
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
    await db().query('UPDATE sessions SET jwt = ? WHERE id = ?', [`${header}.${payload}.${signature}x`, row!.id]);
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');

    const second = await api<{ sessionCode: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    expect((await api('/api/getProfile', { token: second.body.sessionCode })).status).toBe(200);
    await db().query(
      'UPDATE sessions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id <> ? AND user_id = (SELECT id FROM users WHERE username = ?)',
      [row!.id, user.username],
    );
    expectContractError(await api('/api/getProfile', { token: second.body.sessionCode }), 401, 'unauthenticated');
  });
});

describe('POST /api/logout', () => {
  it('kills this code at once and no other', async () => {
    const user = await signedUpUser();
    const other = await api<{ sessionCode: string }>('/api/login', {
      json: { email: user.email, password: user.password },
    });
    const response = await api('/api/logout', { method: 'POST', token: user.token });
    expect(response.status).toBe(200);
    expect(response.body).toHaveProperty('message');
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');
    expectContractError(await api('/api/logout', { method: 'POST', token: user.token }), 401, 'unauthenticated');
    expect((await api('/api/getProfile', { token: other.body.sessionCode })).status).toBe(200);
  });

  it("clears the browser's cookie with the attributes it was set with", async () => {
    const user = await signedUpUser();
    const plain = await api('/api/logout', { method: 'POST', token: user.token });
    const cleared = plain.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(/^session=;/);
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(cleared).toMatch(/HttpOnly/i);
    expect(cleared).toMatch(/SameSite=Lax/i);
    expect(cleared).toMatch(/Path=\//);
    expect(cleared).not.toMatch(/Secure/i);
    const credentials = { email: user.email, password: user.password };
    const again = await api<{ sessionCode: string }>('/api/login', { json: credentials });
    // https as told by a proxy the server trusts (TRUST_PROXY); from anyone else the claim is dropped.
    const behindProxy = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      const secure = await fetch(`${behindProxy.baseUrl}/api/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${again.body.sessionCode}`, 'x-forwarded-proto': 'https' },
      });
      expect(secure.headers.get('set-cookie') ?? '').toMatch(/^__Host-session=;.*Secure/i);
    } finally {
      await behindProxy.stop();
    }
  }, 120_000);

  it('needs a session, and a refused logout ends none', async () => {
    const user = await signedUpUser();
    expectContractError(await api('/api/logout', { method: 'POST' }), 401, 'unauthenticated');
    const unknownCode = `${user.token.slice(0, -1)}${user.token.endsWith('A') ? 'B' : 'A'}`;
    expectContractError(await api('/api/logout', { method: 'POST', token: unknownCode }), 401, 'unauthenticated');
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
  });
});
