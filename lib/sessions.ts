import { and, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { db, type Database, type Executor } from '@/db/client';
import { profileCards, sessions, socialLinks, users } from '@/db/schema';
import { config } from './config';
import type { Profile } from './profile-schema';
import { profileColumns, toProfile, toProfileView, type ProfileImageColumns, type ProfileView } from './profiles';
import { fail, ok, type Result } from './result';
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

// last_seen_at is refreshed at most this often, so reads do not become writes.
const LAST_SEEN_RESOLUTION_MS = 60_000;

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

const sessionColumns = {
  sessionId: sessions.id,
  jwt: sessions.jwt,
  expiresAt: sessions.expiresAt,
  lastSeenAt: sessions.lastSeenAt,
  user: {
    id: users.id,
    username: users.username,
    email: users.email,
    firstName: users.firstName,
    lastName: users.lastName,
  },
};
const byLiveCode = and(
  eq(sessions.codeHash, sql.placeholder('codeHash')),
  gt(sessions.expiresAt, sql`CURRENT_TIMESTAMP(3)`),
);

/*
 * The hot path: built once per database handle (not per request) and run as
 * one round trip each — the session with its user, and where a request shows
 * the profile, the profile card and links in the same query.
 */
function buildQueries(database: Database) {
  const profile = (image: ProfileImageColumns) =>
    database
      .select({ ...sessionColumns, profile: profileColumns(image) })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(profileCards, eq(profileCards.userId, sessions.userId))
      .leftJoin(socialLinks, eq(socialLinks.userId, sessions.userId))
      .where(byLiveCode)
      .prepare();
  return {
    session: database
      .select(sessionColumns)
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(byLiveCode)
      .prepare(),
    withImageHash: profile('hash'),
    withImageBytes: profile('bytes'),
  };
}
const queries = new WeakMap<Database, ReturnType<typeof buildQueries>>();
function prepared() {
  const database = db();
  let built = queries.get(database);
  if (!built) queries.set(database, (built = buildQueries(database)));
  return built;
}

type SessionRow = { sessionId: string; jwt: string; lastSeenAt: Date; expiresAt: Date; user: SessionUser };

/** The row is only half the proof: its JWT must verify and name the same user and session. */
async function confirm(row: SessionRow | undefined): Promise<boolean> {
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

/** Session code → sessions row → verified JWT → user; null for anything dead, forged or malformed. */
export async function resolveSession(code: string | null | undefined): Promise<ResolvedSession | null> {
  if (!code || !isWellFormedSessionCode(code)) return null;
  const [row] = await prepared().session.execute({ codeHash: hashSessionCode(code) });
  if (!row || !(await confirm(row))) return null;
  return { sessionId: row.sessionId, expiresAt: row.expiresAt, user: row.user };
}

/** The image's content hash and type; its bytes too when they were asked for. */
export type ProfileImage = { hash: string; type: string; bytes: Buffer | null };
export type SessionWithProfile<I extends ProfileImageColumns> = ResolvedSession & {
  profile: I extends 'bytes' ? Profile : ProfileView;
  image: ProfileImage | null;
};

/**
 * resolveSession and the caller's profile in the same round trip: with the
 * image bytes (the API's inline `Image`) or only their hash (pages link to the image).
 */
export async function resolveSessionWithProfile<I extends ProfileImageColumns>(
  code: string | null | undefined,
  image: I,
): Promise<SessionWithProfile<I> | null> {
  if (!code || !isWellFormedSessionCode(code)) return null;
  const query = image === 'bytes' ? prepared().withImageBytes : prepared().withImageHash;
  const [row] = await query.execute({ codeHash: hashSessionCode(code) });
  if (!row || !(await confirm(row))) return null;
  const profile = image === 'bytes' ? toProfile(row.user, row.profile) : toProfileView(row.user, row.profile);
  const { imageHash, imageType } = row.profile;
  const bytes = 'image' in row.profile ? (row.profile.image as Buffer | null) : null;
  return {
    sessionId: row.sessionId,
    expiresAt: row.expiresAt,
    user: row.user,
    profile,
    image: imageHash ? { hash: imageHash, type: imageType ?? '', bytes } : null,
  } as SessionWithProfile<I>;
}

/** Ends the given session (logging out): the code dies at once. */
export async function endSession(session: ResolvedSession): Promise<void> {
  await db().delete(sessions).where(eq(sessions.id, session.sessionId));
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
): Promise<Result<RevokedSession, 'not_found'>> {
  // Ids are 22 base64url characters; anything else (e.g. non-ASCII, which the ascii column cannot even
  // compare) is no session.
  if (!isWellFormedSessionId(sessionId)) return fail('not_found', { message: NO_SUCH_SESSION });
  const [result] = await db()
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, session.user.id)));
  if (result.affectedRows === 0) return fail('not_found', { message: NO_SUCH_SESSION });
  return ok({ current: sessionId === session.sessionId });
}

/** Ends every session of the user but the given one; the number ended. */
export async function revokeOtherSessions(session: ResolvedSession, tx: Executor = db()): Promise<number> {
  const [result] = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, session.user.id), ne(sessions.id, session.sessionId)));
  return result.affectedRows;
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

export async function listSessions(session: ResolvedSession): Promise<SessionSummary[]> {
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
    .where(and(eq(sessions.userId, session.user.id), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .map((row) => ({ ...row, current: row.id === session.sessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Expired rows are already dead (resolveSession ignores them); this only reclaims space. */
export async function deleteExpiredSessions(): Promise<number> {
  const [result] = await db()
    .delete(sessions)
    .where(lt(sessions.expiresAt, sql`CURRENT_TIMESTAMP(3)`));
  return result.affectedRows;
}
