import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { emailTokens, type TokenPurpose } from '@/db/schema';
import { TOKEN_PURPOSES } from './token-purposes';

const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new link token for one purpose, one user and one address: 32 random bytes
 * (base64url, 43 characters) handed to the caller for the mail; only its hash
 * is stored. Its life and whether it replaces the user's older ones are its
 * purpose's row in TOKEN_PURPOSES; `deletesAt` is the end of the mailed undo of
 * a scheduled deletion (purposes with mailedLivesUntilDeletion only).
 */
export async function issueEmailToken(
  tx: Executor,
  purpose: TokenPurpose,
  userId: number,
  email: string,
  now = new Date(),
  deletesAt?: Date,
): Promise<string> {
  const rule = TOKEN_PURPOSES[purpose];
  if (deletesAt && !rule.mailedLivesUntilDeletion) throw new Error(`a ${purpose} link does not live until a deletion`);
  const token = randomBytes(32).toString('base64url');
  // Only the newest link of these kinds works: an older one lying in a mailbox is dead.
  if (rule.newestOnly) await deleteUserTokens(tx, userId, purpose);
  await tx.insert(emailTokens).values({
    tokenHash: hashEmailToken(token),
    purpose,
    userId,
    email,
    createdAt: now,
    expiresAt: deletesAt ?? new Date(now.getTime() + rule.lifetimeMs),
  });
  return token;
}

/**
 * Expiry on the database's clock, as a session's (lib/auth/sessions.ts liveSession): app servers whose clocks
 * drift apart still agree on whether a link is live.
 */
function unexpired() {
  return gt(emailTokens.expiresAt, sql`CURRENT_TIMESTAMP(3)`);
}

export type LiveToken = { id: number; userId: number; email: string; createdAt: Date };

const liveTokenColumns = {
  id: emailTokens.id,
  userId: emailTokens.userId,
  email: emailTokens.email,
  createdAt: emailTokens.createdAt,
};

/** The live token of this purpose, or null (malformed, unknown, tampered, expired, used or of another purpose). */
export async function findLiveToken(
  purpose: TokenPurpose,
  token: string,
  tx: Executor = db(),
): Promise<LiveToken | null> {
  if (typeof token !== 'string' || !WELL_FORMED.test(token)) return null;
  const [row] = await tx
    .select(liveTokenColumns)
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashEmailToken(token)), eq(emailTokens.purpose, purpose), unexpired()))
    .limit(1);
  return row ?? null;
}

/** The user's newest live link of this purpose, or null (none sent, all expired or used: a used one is deleted). */
export async function liveTokenOf(
  userId: number,
  purpose: TokenPurpose,
  tx: Executor = db(),
): Promise<LiveToken | null> {
  const [row] = await tx
    .select(liveTokenColumns)
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), unexpired()))
    .orderBy(desc(emailTokens.createdAt), desc(emailTokens.id))
    .limit(1);
  return row ?? null;
}

/**
 * Uses the token up inside the caller's transaction. False when another
 * request used it first, so of two racing uses exactly one wins.
 */
export async function consumeEmailToken(tx: Executor, token: LiveToken): Promise<boolean> {
  const [result] = await tx.delete(emailTokens).where(eq(emailTokens.id, token.id));
  return result.affectedRows === 1;
}

/**
 * Found by a plain read, deleted by primary key: a DELETE ranging over the
 * (user, purpose) index would take gap locks, and two sign-ups doing that at
 * once deadlock on their inserts into the same gap.
 */
export async function deleteUserTokens(tx: Executor, userId: number, purpose?: TokenPurpose | TokenPurpose[]) {
  const purposes = purpose === undefined ? null : Array.isArray(purpose) ? purpose : [purpose];
  const rows = await tx
    .select({ id: emailTokens.id })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), purposes ? inArray(emailTokens.purpose, purposes) : undefined));
  await deleteTokenRows(
    tx,
    rows.map((row) => row.id),
  );
}

async function deleteTokenRows(tx: Executor, ids: number[]) {
  if (ids.length) await tx.delete(emailTokens).where(inArray(emailTokens.id, ids));
}

/**
 * A revert link's use: every other link of the account dies except the revert links issued before it (each
 * the way back of an even older address, held by whoever owned that one): the original owner wins.
 */
export async function deleteTokensAfterRevert(tx: Executor, revert: LiveToken) {
  const rows = await tx
    .select({ id: emailTokens.id, purpose: emailTokens.purpose, createdAt: emailTokens.createdAt })
    .from(emailTokens)
    .where(eq(emailTokens.userId, revert.userId));
  const older = (row: (typeof rows)[number]) =>
    row.purpose === 'revert_email' &&
    (row.createdAt.getTime() < revert.createdAt.getTime() ||
      (row.createdAt.getTime() === revert.createdAt.getTime() && row.id < revert.id));
  await deleteTokenRows(
    tx,
    rows.filter((row) => row.id !== revert.id && !older(row)).map((row) => row.id),
  );
}

/**
 * Whether a live revert link of another account holds this address: for 7 days after an account moved off it, only
 * that account may come back to it. Call it after writing the address: that write waited for any transaction moving
 * an account off the address, so this read (the transaction's first) sees its revert link.
 */
export async function addressReserved(tx: Executor, email: string, exceptUserId: number | null): Promise<boolean> {
  const rows = await tx
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.email, email), eq(emailTokens.purpose, 'revert_email'), unexpired()));
  return rows.some((row) => row.userId !== exceptUserId);
}

/** The pending changes onto this address die: someone else now holds it (a pending address reserves nothing). */
export async function deletePendingChangesTo(tx: Executor, email: string) {
  const pending = await tx
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.email, email), eq(emailTokens.purpose, 'change_email')));
  for (const { userId } of pending) await deleteUserTokens(tx, userId, ['change_email', 'cancel_email_change']);
}

/** Expired tokens are already dead (findLiveToken ignores them); this only reclaims their rows. */
export async function deleteExpiredEmailTokens(): Promise<void> {
  await db().delete(emailTokens).where(lt(emailTokens.expiresAt, new Date()));
}
