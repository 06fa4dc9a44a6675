import { decodeJwt, SignJWT } from 'jose';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { createAccount, verifyCredentials } from '@/lib/accounts';
import { createSession, endSession, listSessions, resolveSession } from '@/lib/sessions';
import { hashSessionCode } from '@/lib/tokens';
import { signUpSchema } from '@/lib/validation/account';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();
// In-process calls have no client address, so no per-address limit applies.
const noAddress = { ip: '' };

async function account() {
  const result = await createAccount(signUpSchema.parse(newUserInput()), noAddress);
  if (!result.ok) throw new Error(result.code);
  return result.value;
}

describe('createAccount', () => {
  it('creates the user, one empty profile card and one empty social-links row, once', async () => {
    const user = await account();
    for (const table of ['profile_cards', 'social_links']) {
      const [rows] = await db().query<mysql.RowDataPacket[]>(`SELECT * FROM ${table} WHERE user_id = ?`, [user.id]);
      expect(rows).toHaveLength(1);
    }
    // Logging in (the old backend's habit) adds no rows.
    const input = newUserInput();
    const created = await createAccount(signUpSchema.parse(input), noAddress);
    expect(created.ok).toBe(true);
    await verifyCredentials({ email: input.email, password: input.password }, noAddress);
    await verifyCredentials({ email: input.email, password: input.password }, noAddress);
    const [cards] = await db().query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM profile_cards p JOIN users u ON u.id = p.user_id WHERE u.email = ?',
      [input.email],
    );
    expect(Number(cards[0]!.n)).toBe(1);
  });
});

describe('sessions', () => {
  it('stores only the SHA-256 of the code, beside a JWT naming the user and session', async () => {
    const user = await account();
    const session = await createSession(user.id, { userAgent: 'test-agent', ip: '203.0.113.9' });
    expect(session.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT * FROM sessions WHERE id = ?', [session.sessionId]);
    const row = rows[0]!;
    expect(row.code_hash).toBe(hashSessionCode(session.code));
    expect(JSON.stringify(row)).not.toContain(session.code);
    const claims = decodeJwt(row.jwt);
    expect(claims.sub).toBe(String(user.id));
    expect(claims.sid).toBe(session.sessionId);
    expect(claims.exp! - claims.iat!).toBe(24 * 3600);
  });

  it('resolves a live code to its user, and nothing else', async () => {
    const user = await account();
    const session = await createSession(user.id);
    const resolved = await resolveSession(session.code);
    expect(resolved?.user.id).toBe(user.id);
    expect(resolved?.sessionId).toBe(session.sessionId);
    expect(await resolveSession(session.code.slice(0, -1) + (session.code.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await resolveSession('')).toBeNull();
    expect(await resolveSession("' OR 1=1 --")).toBeNull();
  });

  it('treats expired, revoked and re-signed sessions as dead', async () => {
    const user = await account();
    const expired = await createSession(user.id);
    await db().query('UPDATE sessions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = ?', [expired.sessionId]);
    expect(await resolveSession(expired.code)).toBeNull();

    const revoked = await createSession(user.id);
    await endSession((await resolveSession(revoked.code))!);
    expect(await resolveSession(revoked.code)).toBeNull();

    // A JWT signed with another key (or pointing at another user) is refused even though the row exists.
    const forged = await createSession(user.id);
    const jwt = await new SignJWT({ sid: forged.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    await db().query('UPDATE sessions SET jwt = ? WHERE id = ?', [jwt, forged.sessionId]);
    expect(await resolveSession(forged.code)).toBeNull();

    const other = await account();
    const swapped = await createSession(user.id);
    const [[victim]] = (await db().query<mysql.RowDataPacket[]>('SELECT jwt FROM sessions WHERE id = ?', [swapped.sessionId])) as unknown as [mysql.RowDataPacket[]];
    await db().query('UPDATE sessions SET user_id = ? WHERE id = ?', [other.id, swapped.sessionId]);
    expect(victim).toBeTruthy();
    expect(await resolveSession(swapped.code)).toBeNull();
  });

  it('lists the current session first and never exposes codes', async () => {
    const user = await account();
    const first = await createSession(user.id, { userAgent: 'A' });
    const second = await createSession(user.id, { userAgent: 'B' });
    const list = await listSessions((await resolveSession(first.code))!);
    expect(list.map((s) => s.id)).toEqual([first.sessionId, second.sessionId]);
    expect(list[0]!.current).toBe(true);
    expect(JSON.stringify(list)).not.toContain(first.code);
  });
});
