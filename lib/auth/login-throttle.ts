import 'server-only';
import { eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { loginThrottles } from '@/db/schema';
import { config } from '../platform/config';
import { countRefusal } from '../platform/metrics';
import { loginPauseMs } from './login-pause';
import { hashKey } from '../security/rate-limit';
import { inTransaction, retryOnConflict } from '../platform/transaction';

export type LoginAttempt =
  { allowed: true; failures: number; pausedMs: number } | { allowed: false; retryAfterSeconds: number };

/** Whose count an attempt is: one client that signed in before, or the account. */
export function throttleKey(who: { userId: number; deviceId: string | null }): string {
  return hashKey(who.deviceId ? `device:${who.userId}:${who.deviceId}` : `account:${who.userId}`);
}

/**
 * The count of a typed name no account has. Two names share it exactly when
 * the database would find the same account for both, so a name behaves alike
 * whether or not it exists: an email is looked up lower-cased and compared
 * byte for byte (utf8mb4_bin); a username under utf8mb4_unicode_ci, which
 * folds case and accents (`alicé` is `alice`), so its key is the collation's
 * own sort key (WEIGHT_STRING), asked of the database rather than imitated.
 */
export async function unknownNameKey(identifier: string): Promise<string> {
  const typed = identifier.trim();
  if (typed.includes('@')) return hashKey(`identifier:${typed.toLowerCase()}`);
  // The lookup ignores trailing spaces (PAD SPACE) and WEIGHT_STRING does not: they go first.
  const name = typed.replace(/ +$/, '');
  const [rows] = (await db().execute(
    sql`SELECT HEX(WEIGHT_STRING(CAST(${name} AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci)) AS weight`,
  )) as unknown as [{ weight: string | null }[]];
  return hashKey(`name:${rows[0]?.weight ?? ''}`);
}

/**
 * Takes one attempt on this key: refused while a pause runs; otherwise counted
 * as a failure before the password is even checked (a success then clears it),
 * so parallel guesses cannot all pass one check. The row lock (FOR UPDATE)
 * makes the read-and-count atomic across every instance; the row is created
 * beforehand, outside the transaction, since taking a duplicate insert's
 * shared lock and then upgrading it deadlocks under parallel attempts.
 */
export async function takeLoginAttempt(key: string): Promise<LoginAttempt> {
  if (config().rateLimitDisabled) return { allowed: true, failures: 0, pausedMs: 0 };
  await retryOnConflict(() => db().insert(loginThrottles).ignore().values({ key, failures: 0 }));
  const attempt = await inTransaction(async (tx) => {
    const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.key, key)).for('update');
    const now = Date.now();
    if (row?.lockedUntil && row.lockedUntil.getTime() > now) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((row.lockedUntil.getTime() - now) / 1000)),
      } as const;
    }
    const failures = Math.min((row?.failures ?? 0) + 1, 65_535);
    const pausedMs = loginPauseMs(failures);
    await tx
      .update(loginThrottles)
      .set({ failures, lockedUntil: pausedMs ? new Date(now + pausedMs) : null, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(eq(loginThrottles.key, key));
    return { allowed: true, failures, pausedMs } as const;
  });
  if (!attempt.allowed) countRefusal('login_pause');
  return attempt;
}

export async function clearLoginFailures(key: string): Promise<void> {
  await retryOnConflict(() => db().delete(loginThrottles).where(eq(loginThrottles.key, key)));
}

/** A count untouched for a day is forgotten (its pause, at most 15 minutes, is long over). */
export async function deleteStaleLoginThrottles(olderThan: Date): Promise<void> {
  await db().delete(loginThrottles).where(lt(loginThrottles.updatedAt, olderThan));
}
