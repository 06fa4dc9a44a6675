import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { emailTokens, type TokenPurpose } from '@/db/schema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * HOUR,
  reset_password: 30 * MINUTE,
  revert_email: 7 * 24 * HOUR,
  // The one offered at sign-in once the password is proven; the mailed one lives until the deletion (lifetimeMs).
  cancel_deletion: 15 * MINUTE,
};

const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new link token for one purpose, one user and one address: 32 random bytes
 * (base64url, 43 characters) handed to the caller for the mail; only its hash
 * is stored. A new reset token kills the user's older ones.
 */
export async function issueEmailToken(
  tx: Executor,
  purpose: TokenPurpose,
  userId: number,
  email: string,
  now = new Date(),
  lifetimeMs = TOKEN_LIFETIME_MS[purpose],
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  if (purpose === 'reset_password' || purpose === 'verify_email') {
    // Only the newest link of these kinds works: an older one lying in a mailbox is dead.
    await deleteUserTokens(tx, userId, purpose);
  }
  await tx.insert(emailTokens).values({
    tokenHash: hashEmailToken(token),
    purpose,
    userId,
    email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs),
  });
  return token;
}

export type LiveToken = { id: number; userId: number; email: string };

/** The live token of this purpose, or null (malformed, unknown, tampered, expired, used or of another purpose). */
export async function findLiveToken(
  purpose: TokenPurpose,
  token: string,
  tx: Executor = db(),
): Promise<LiveToken | null> {
  if (typeof token !== 'string' || !WELL_FORMED.test(token)) return null;
  const [row] = await tx
    .select({ id: emailTokens.id, userId: emailTokens.userId, email: emailTokens.email })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashEmailToken(token)),
        eq(emailTokens.purpose, purpose),
        gt(emailTokens.expiresAt, new Date()),
      ),
    )
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
export async function deleteUserTokens(tx: Executor, userId: number, purpose?: TokenPurpose) {
  const rows = await tx
    .select({ id: emailTokens.id })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), purpose ? eq(emailTokens.purpose, purpose) : undefined));
  if (rows.length)
    await tx.delete(emailTokens).where(
      inArray(
        emailTokens.id,
        rows.map((row) => row.id),
      ),
    );
}

/** Expired tokens are already dead (findLiveToken ignores them); this only reclaims their rows. */
export async function deleteExpiredEmailTokens(): Promise<void> {
  await db().delete(emailTokens).where(lt(emailTokens.expiresAt, new Date()));
}
