import { and, desc, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { config } from './config';
import { recordEvent, type EventClient } from './security-events';
import {
  generateSessionCode,
  generateSessionId,
  hashSessionCode,
  isWellFormedSessionCode,
  isWellFormedSessionId,
  signSessionToken,
  verifySessionToken,
} from './tokens';

export type SessionUser = { id: number; username: string; email: string; firstName: string; lastName: string };
export type ResolvedSession = { sessionId: string; expiresAt: Date; user: SessionUser };
export type NewSession = { code: string; sessionId: string; expiresAt: Date };
export type ClientInfo = { userAgent?: string | null; ip?: string | null };

// last_seen_at is refreshed at most this often, so reads do not become writes;
// the idle timeout is therefore exact to within this.
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

export async function createSession(userId: number, client: ClientInfo = {}): Promise<NewSession> {
  const code = generateSessionCode();
  const sessionId = generateSessionId();
  const issuedAt = new Date();
  const expiresAt = new Date(issuedAt.getTime() + config().sessionTtlMs);
  const jwt = await signSessionToken({ userId, sessionId, issuedAt, expiresAt });
  await db()
    .insert(sessions)
    .values({
      id: sessionId,
      codeHash: hashSessionCode(code),
      userId,
      jwt,
      createdAt: issuedAt,
      lastSeenAt: issuedAt,
      expiresAt,
      userAgent: (client.userAgent ?? '').slice(0, 512),
      ip: (client.ip ?? '').slice(0, 45),
    });
  return { code, sessionId, expiresAt };
}

/**
 * Session code → sessions row → verified JWT → user; null for anything dead,
 * forged or malformed. Dead also means idle: unused for SESSION_IDLE_DAYS,
 * whatever its absolute expiry (SESSION_TTL_HOURS).
 */
export async function resolveSession(code: string | null | undefined): Promise<ResolvedSession | null> {
  if (!code || !isWellFormedSessionCode(code)) return null;
  const now = new Date();
  const idleSince = new Date(now.getTime() - config().sessionIdleMs);
  const [row] = await db()
    .select({
      sessionId: sessions.id,
      jwt: sessions.jwt,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      user: { id: users.id, username: users.username, email: users.email, firstName: users.firstName, lastName: users.lastName },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.codeHash, hashSessionCode(code)), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince)))
    .limit(1);
  if (!row) return null;
  const claims = await verifySessionToken(row.jwt);
  if (!claims || claims.userId !== row.user.id || claims.sessionId !== row.sessionId) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return { sessionId: row.sessionId, expiresAt: row.expiresAt, user: row.user };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db().delete(sessions).where(eq(sessions.id, sessionId));
}

/** Logout: this session ends, and the account's activity says so. */
export async function endSession(session: { sessionId: string; user: { id: number } }, client: EventClient = {}) {
  await revokeSession(session.sessionId);
  await recordEvent(session.user.id, 'logout', client);
}

/** Revokes one of the user's own sessions; false when the id is not theirs (or not a session). */
export async function revokeUserSession(userId: number, sessionId: string, client: EventClient = {}): Promise<boolean> {
  // Ids are 22 base64url characters; anything else (e.g. non-ASCII, which the ascii column cannot even compare) is no session.
  if (!isWellFormedSessionId(sessionId)) return false;
  const [result] = await db()
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  if (result.affectedRows === 0) return false;
  await recordEvent(userId, 'session_revoked', client);
  return true;
}

export async function revokeOtherSessions(userId: number, keepSessionId: string, tx: Executor = db()): Promise<number> {
  const [result] = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
  return result.affectedRows;
}

/** "Sign out everywhere else", asked for by the user: recorded when it ended any session. */
export async function revokeOtherSessionsOnRequest(userId: number, keepSessionId: string, client: EventClient = {}) {
  const count = await revokeOtherSessions(userId, keepSessionId);
  if (count > 0) await recordEvent(userId, 'session_revoked', client);
  return count;
}

export type SessionSummary = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
  ip: string;
  current: boolean;
};

export async function listSessions(userId: number, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await db()
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, new Date()),
        gt(sessions.lastSeenAt, new Date(Date.now() - config().sessionIdleMs)),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .map((row) => ({ ...row, current: row.id === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Expired and idle rows are already dead (resolveSession ignores them); this only reclaims space. */
export async function deleteExpiredSessions(): Promise<number> {
  const idleSince = new Date(Date.now() - config().sessionIdleMs);
  const [result] = await db()
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`CURRENT_TIMESTAMP(3)`), lt(sessions.lastSeenAt, idleSince)));
  return result.affectedRows;
}
