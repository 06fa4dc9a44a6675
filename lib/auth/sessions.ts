import 'server-only';
import { and, desc, eq, inArray, isNull, ne, not, sql, type SQL } from 'drizzle-orm';
import { db, type Database, type Executor } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { config } from '../platform/config';
import { fail, ok, type Result } from '../platform/result';
import { recordEvent, type EventClient } from '../security/events';
import { inTransaction } from '../platform/transaction';
import { revokeDeviceTokens } from './device-token';
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
  await endSessionsOverCap(userId, client);
  return { code, sessionId, expiresAt };
}

/** Sessions one account may hold; the least recently used ends when a new one would pass it. */
export const MAX_SESSIONS_PER_ACCOUNT = 100;

/** Keeps an account within MAX_SESSIONS_PER_ACCOUNT (a scanner once left one with 1,591); an ended one is an event. */
async function endSessionsOverCap(userId: number, client: ClientInfo): Promise<void> {
  const over = await db()
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .limit(1000)
    .offset(MAX_SESSIONS_PER_ACCOUNT);
  if (over.length === 0) return;
  await db()
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        inArray(
          sessions.id,
          over.map((row) => row.id),
        ),
      ),
    );
  await recordEvent(userId, 'session_evicted', client);
}

/** The columns of a SessionUser: what every sign-in and session read selects of the account. */
export const userColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
};

export const sessionColumns = {
  sessionId: sessions.id,
  jwt: sessions.jwt,
  expiresAt: sessions.expiresAt,
  lastSeenAt: sessions.lastSeenAt,
  user: userColumns,
};

/**
 * The one rule of a live session, on the database's clock: not past its absolute
 * expiry (SESSION_TTL_HOURS) and used within SESSION_IDLE_DAYS.
 */
export function liveSession(): SQL {
  const idleMicroseconds = Math.round(config().sessionIdleMs) * 1000;
  return sql`(${sessions.expiresAt} > CURRENT_TIMESTAMP(3) and ${sessions.lastSeenAt} > CURRENT_TIMESTAMP(3) - INTERVAL ${idleMicroseconds} MICROSECOND)`;
}

/**
 * A live session by its code (a placeholder: the statement is prepared once), of an account not scheduled for
 * deletion (its sessions are deleted then; this also closes a log-in racing the deletion). Joins users.
 */
export function liveSessionByCode() {
  return and(eq(sessions.codeHash, sql.placeholder('codeHash')), liveSession(), isNull(users.deletesAt));
}

/** Builds statements once per database handle (not per request): the hot path's prepared queries. */
export function perDatabase<T>(build: (database: Database) => T): () => T {
  const built = new WeakMap<Database, T>();
  return () => {
    const database = db();
    let value = built.get(database);
    if (value === undefined) built.set(database, (value = build(database)));
    return value;
  };
}

const prepared = perDatabase((database) => ({
  session: database
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(liveSessionByCode())
    .prepare(),
}));

export type SessionRow = { sessionId: string; jwt: string; lastSeenAt: Date; expiresAt: Date; user: SessionUser };

/** The row is only half the proof: its JWT must verify and name the same user and session. */
export async function confirmSessionRow(row: SessionRow | undefined): Promise<boolean> {
  if (!row) return false;
  const claims = await verifySessionToken(row.jwt);
  if (!claims || claims.userId !== row.user.id || claims.sessionId !== row.sessionId) return false;
  const now = Date.now();
  if (now - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db()
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, row.sessionId));
  }
  return true;
}

/** The code's lookup key, or null when it cannot be a session code at all. */
export function sessionCodeKey(code: string | null | undefined): { codeHash: string } | null {
  return code && isWellFormedSessionCode(code) ? { codeHash: hashSessionCode(code) } : null;
}

/**
 * Session code → sessions row → verified JWT → user; null for anything dead,
 * forged or malformed. Dead also means idle: unused for SESSION_IDLE_DAYS,
 * whatever its absolute expiry (SESSION_TTL_HOURS).
 */
export async function resolveSession(code: string | null | undefined): Promise<ResolvedSession | null> {
  const key = sessionCodeKey(code);
  if (!key) return null;
  const [row] = await prepared().session.execute(key);
  if (!row || !(await confirmSessionRow(row))) return null;
  return { sessionId: row.sessionId, expiresAt: row.expiresAt, user: row.user };
}

/** Ends the given session (logging out): the code dies at once, and the account's activity says so. */
export async function endSession(session: ResolvedSession, client: EventClient = {}): Promise<void> {
  await db().delete(sessions).where(eq(sessions.id, session.sessionId));
  await recordEvent(session.user.id, 'logout', client);
}

const NO_SUCH_SESSION = 'That session has already ended, or it is not one of yours.';

export type RevokedSession = { current: boolean };

/**
 * Ends one of the caller's own sessions by its public id; `not_found` when the id
 * is not theirs (or not a session id at all).
 *
 * The current session may be revoked too: that is logging out from the sessions
 * list, and refusing it would make the API and the page disagree about a session
 * the caller plainly owns. `current: true` tells the adapter to finish the job
 * (the browser clears its cookie and goes to the login page).
 */
export async function revokeOwnSession(
  session: ResolvedSession,
  sessionId: string,
  client: EventClient = {},
): Promise<Result<RevokedSession, 'not_found'>> {
  // Ids are 22 base64url characters; anything else (e.g. non-ASCII, which the ascii column
  // cannot even compare) is no session.
  if (!isWellFormedSessionId(sessionId)) return fail('not_found', { message: NO_SUCH_SESSION });
  const [result] = await db()
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, session.user.id)));
  if (result.affectedRows === 0) return fail('not_found', { message: NO_SUCH_SESSION });
  const current = sessionId === session.sessionId;
  await recordEvent(session.user.id, current ? 'logout' : 'session_revoked', client);
  return ok({ current });
}

/** Ends every session of the user but the given one; the number ended. */
export async function revokeOtherSessions(session: ResolvedSession, tx: Executor = db()): Promise<number> {
  const [result] = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, session.user.id), ne(sessions.id, session.sessionId)));
  return result.affectedRows;
}

/** "Sign out everywhere else", asked for by the user: recorded when it ended any session. */
export async function revokeOtherSessionsOnRequest(
  session: ResolvedSession,
  client: EventClient = {},
): Promise<number> {
  // Device tokens go too (this browser's included): whoever held one keeps no login allowance of the owner's.
  const count = await inTransaction(async (tx) => {
    await revokeDeviceTokens(tx, session.user.id);
    return revokeOtherSessions(session, tx);
  });
  if (count > 0) await recordEvent(session.user.id, 'session_revoked', client);
  return count;
}

/** The one sentence for "sign out everywhere else", shown by the settings page and returned by the API. */
export function otherSessionsRevokedMessage(count: number): string {
  return count === 0 ? 'There were no other sessions.' : `Signed out ${count} other session${count === 1 ? '' : 's'}.`;
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

export const SESSIONS_PAGE_SIZE = 20;
export type SessionPage = { sessions: SessionSummary[]; next: number | null };

/**
 * The user's live sessions, this one first, then the most recently used; `after` is the
 * previous page's `next` (how many were already listed).
 */
export async function listSessions(
  session: ResolvedSession,
  after = 0,
  limit = SESSIONS_PAGE_SIZE,
): Promise<SessionPage> {
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
    .where(and(eq(sessions.userId, session.user.id), liveSession()))
    .orderBy(desc(sql`${sessions.id} = ${session.sessionId}`), desc(sessions.lastSeenAt), sessions.id)
    .limit(limit + 1)
    .offset(after);
  const page = rows.slice(0, limit).map((row) => ({ ...row, current: row.id === session.sessionId }));
  return { sessions: page, next: rows.length > limit ? after + limit : null };
}

/** Expired and idle rows are already dead (resolveSession ignores them); this only reclaims space. */
export async function deleteExpiredSessions(): Promise<number> {
  const [result] = await db().delete(sessions).where(not(liveSession()));
  return result.affectedRows;
}
