import { randomBytes } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { api, signedUpUser } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();
const original = { current: process.env.JWT_SECRET, previous: process.env.JWT_SECRET_PREVIOUS };
const key = () => randomBytes(32).toString('base64url');

/** The session module as an app instance started with these keys would have it (config and keys are read once). */
async function instanceWith(current: string, previous?: string) {
  process.env.JWT_SECRET = current;
  if (previous) process.env.JWT_SECRET_PREVIOUS = previous;
  else delete process.env.JWT_SECRET_PREVIOUS;
  vi.resetModules();
  return import('@/lib/auth/sessions');
}

afterAll(() => {
  process.env.JWT_SECRET = original.current;
  if (original.previous) process.env.JWT_SECRET_PREVIOUS = original.previous;
  vi.resetModules();
});

async function userId() {
  const user = await signedUpUser();
  const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT id FROM users WHERE username = ?', [user.username]);
  return Number(rows[0]!.id);
}

async function storedJwt(sessionId: string): Promise<string> {
  const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT jwt FROM sessions WHERE id = ?', [sessionId]);
  return String(rows[0]!.jwt);
}

describe('JWT key rotation', () => {
  it('keeps sessions signed with the previous key valid, signs new ones with the new key, and refuses any other key', async () => {
    const [a, b, c] = [key(), key(), key()];
    const id = await userId();
    const before = await (await instanceWith(a)).createSession(id);

    const rotated = await instanceWith(b, a);
    expect((await rotated.resolveSession(before.code))?.sessionId).toBe(before.sessionId);
    const after = await rotated.createSession(id);
    await expect(jwtVerify(await storedJwt(after.sessionId), new TextEncoder().encode(b))).resolves.toBeTruthy();
    await expect(jwtVerify(await storedJwt(after.sessionId), new TextEncoder().encode(a))).rejects.toThrow();

    // Rotated again: the first key is no longer known, so its sessions end; the second key's still verify.
    const again = await instanceWith(c, b);
    expect(await again.resolveSession(before.code)).toBeNull();
    expect((await again.resolveSession(after.code))?.sessionId).toBe(after.sessionId);
    expect(await (await instanceWith(c)).resolveSession(after.code)).toBeNull();
  });

  it('names the session in the JWT: jti = sid = the session id', async () => {
    const sessions = await instanceWith(key());
    const created = await sessions.createSession(await userId());
    const claims = decodeJwt(await storedJwt(created.sessionId));
    expect(claims.jti).toBe(created.sessionId);
    expect(claims.sid).toBe(created.sessionId);
  });
});

describe('idle timeout (SESSION_IDLE_DAYS, default 7)', () => {
  it('ends a session unused for 7 days even before it expires, and keeps one used within them', async () => {
    const user = await signedUpUser();
    const other = await signedUpUser();
    const move = async (username: string, hoursAgo: number) =>
      db().query(
        `UPDATE sessions s JOIN users u ON u.id = s.user_id
         SET s.last_seen_at = NOW(3) - INTERVAL ${hoursAgo} HOUR, s.expires_at = NOW(3) + INTERVAL 30 DAY WHERE u.username = ?`,
        [username],
      );
    await move(user.username, 7 * 24 - 1);
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
    await move(other.username, 7 * 24 + 1);
    expect((await api('/api/getProfile', { token: other.token })).status).toBe(401);
    // Being used moved last_seen_at forward (at most every few minutes, so reads stay cheap).
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      'SELECT TIMESTAMPDIFF(SECOND, s.last_seen_at, NOW(3)) AS idle FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?',
      [user.username],
    );
    expect(Number(rows[0]!.idle)).toBeLessThan(60);
  });
});
