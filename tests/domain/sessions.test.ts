import { decodeJwt, SignJWT } from 'jose';
import mysql from 'mysql2/promise';
import { describe, expect, it, vi } from 'vitest';
import { createAccount, verifyCredentials } from '@/lib/account/accounts';
import {
  createSession,
  endSession,
  listSessions,
  MAX_SESSIONS_PER_ACCOUNT,
  resolveSession,
  SESSIONS_PAGE_SIZE,
} from '@/lib/auth/sessions';
import { listEvents } from '@/lib/security/events';
import { hashSessionCode, signSessionToken } from '@/lib/auth/tokens';
import { signUpSchema } from '@/lib/validation/account';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();
// In-process calls have no client address, so no per-address limit applies.
const noAddress = { ip: '' };

async function countSessions(userId: number): Promise<number> {
  const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', [
    userId,
  ]);
  return Number(rows[0]!.n);
}

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
    // The old backend created a profile card on every login; logging in here reads only.
    const input = newUserInput();
    const created = await createAccount(signUpSchema.parse(input), noAddress);
    if (!created.ok) throw new Error(created.code);
    const byEmail = await verifyCredentials({ email: input.email, password: input.password }, noAddress);
    const byUsername = await verifyCredentials({ username: input.username, password: input.password }, noAddress);
    expect(byEmail).toEqual({
      ok: true,
      value: { kind: 'signed_in', user: expect.objectContaining({ id: created.value.id, email: input.email }) },
    });
    expect(byUsername).toEqual({
      ok: true,
      value: { kind: 'signed_in', user: expect.objectContaining({ id: created.value.id, username: input.username }) },
    });
    expect(await verifyCredentials({ email: input.email, password: `${input.password}x` }, noAddress)).toMatchObject({
      ok: false,
      code: 'invalid_credentials',
    });
    // Still exactly the rows sign-up made: one card, one links row, and no session (logging in is not a session).
    const [own] = await db().query<mysql.RowDataPacket[]>(
      `SELECT (SELECT COUNT(*) FROM profile_cards WHERE user_id = ?) AS cards,
              (SELECT COUNT(*) FROM social_links WHERE user_id = ?) AS links,
              (SELECT COUNT(*) FROM sessions WHERE user_id = ?) AS sessions`,
      [created.value.id, created.value.id, created.value.id],
    );
    expect({ cards: Number(own[0]!.cards), links: Number(own[0]!.links), sessions: Number(own[0]!.sessions) }).toEqual({
      cards: 1,
      links: 1,
      sessions: 0,
    });
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

    // A JWT signed with another key is refused even though the row exists. Every other claim is what the
    // app itself signs (issuer, audience, subject, session id, times), so only the key can be what fails.
    const forged = await createSession(user.id);
    const [[genuine]] = (await db().query<mysql.RowDataPacket[]>('SELECT jwt FROM sessions WHERE id = ?', [
      forged.sessionId,
    ])) as unknown as [mysql.RowDataPacket[]];
    expect((await resolveSession(forged.code))?.user.id).toBe(user.id);
    const claims = decodeJwt(genuine!.jwt);
    expect(claims).toMatchObject({ iss: 'profile-hub', aud: 'profile-hub:session', sid: forged.sessionId });
    const jwt = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    expect(decodeJwt(jwt)).toEqual(claims);
    await db().query('UPDATE sessions SET jwt = ? WHERE id = ?', [jwt, forged.sessionId]);
    expect(await resolveSession(forged.code)).toBeNull();

    const other = await account();
    const swapped = await createSession(user.id);
    expect((await resolveSession(swapped.code))?.user.id).toBe(user.id);
    // The row now points at another user, but its JWT still names the first: refused, not handed to either.
    await db().query('UPDATE sessions SET user_id = ? WHERE id = ?', [other.id, swapped.sessionId]);
    expect(await resolveSession(swapped.code)).toBeNull();
  });

  it('refuses a session whose JWT has expired, even one this process verified before', async () => {
    const user = await account();
    const session = await createSession(user.id);
    const now = Date.now();
    // A token that expires in a minute, in a row that lives on: only the token's own expiry can end it.
    const jwt = await signSessionToken({
      userId: user.id,
      sessionId: session.sessionId,
      issuedAt: new Date(now),
      expiresAt: new Date(now + 60_000),
    });
    await db().query('UPDATE sessions SET jwt = ? WHERE id = ?', [jwt, session.sessionId]);
    expect((await resolveSession(session.code))?.user.id).toBe(user.id);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(now + 120_000);
      expect(await resolveSession(session.code)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('lists the current session first and never exposes codes', async () => {
    const user = await account();
    const first = await createSession(user.id, { userAgent: 'A' });
    const second = await createSession(user.id, { userAgent: 'B' });
    const { sessions: list } = await listSessions((await resolveSession(first.code))!);
    expect(list.map((s) => s.id)).toEqual([first.sessionId, second.sessionId]);
    expect(list[0]!.current).toBe(true);
    expect(JSON.stringify(list)).not.toContain(first.code);
  });

  it('pages the list: 20 at a time, this session first', async () => {
    const user = await account();
    const created = [];
    for (let i = 0; i < 25; i++) created.push(await createSession(user.id, { userAgent: `UA ${i}` }));
    const current = (await resolveSession(created[3]!.code))!;
    const first = await listSessions(current);
    expect(first.sessions).toHaveLength(SESSIONS_PAGE_SIZE);
    expect(first.sessions[0]!.id).toBe(created[3]!.sessionId);
    expect(first.next).toBe(SESSIONS_PAGE_SIZE);
    const second = await listSessions(current, first.next!);
    expect(second.next).toBeNull();
    const ids = [...first.sessions, ...second.sessions].map((s) => s.id);
    expect(new Set(ids).size).toBe(25);
  });

  it(`caps an account at ${MAX_SESSIONS_PER_ACCOUNT} sessions: the least recently used ends, and that is an event`, async () => {
    const user = await account();
    const oldest = await createSession(user.id, { userAgent: 'oldest' });
    await db().query('UPDATE sessions SET last_seen_at = NOW(3) - INTERVAL 1 MINUTE WHERE id = ?', [oldest.sessionId]);
    const rows = Array.from({ length: MAX_SESSIONS_PER_ACCOUNT - 1 }, (_, i) => [
      `cap${user.id}_${i}`.padEnd(22, 'x').slice(0, 22),
      hashSessionCode(`cap-${user.id}-${i}`),
      user.id,
      'x',
    ]);
    await db().query(
      'INSERT INTO sessions (id, code_hash, user_id, jwt, expires_at) VALUES ' +
        rows.map(() => '(?, ?, ?, ?, NOW(3) + INTERVAL 1 HOUR)').join(', '),
      rows.flat(),
    );
    expect(await countSessions(user.id)).toBe(MAX_SESSIONS_PER_ACCOUNT);
    const newest = await createSession(user.id, { userAgent: 'newest' });
    expect(await countSessions(user.id)).toBe(MAX_SESSIONS_PER_ACCOUNT);
    expect(await resolveSession(oldest.code)).toBeNull();
    expect(await resolveSession(newest.code)).not.toBeNull();
    const events = await listEvents(user.id);
    expect(events.events.map((event) => event.type)).toContain('session_evicted');
  });
});
