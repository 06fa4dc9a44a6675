import { eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rateLimits } from '@/db/schema';

export type RateLimitRule = { name: string; limit: number; windowMs: number };
export type RateLimitState = { limited: boolean; retryAfterSeconds: number };

function windowStart(rule: RateLimitRule, now: number) {
  return new Date(Math.floor(now / rule.windowMs) * rule.windowMs);
}

/**
 * Fixed windows in MySQL rather than memory, so the limit holds across every
 * app instance; the key is hashed upstream by callers when it is personal data.
 * Counts this attempt first and only then compares, so attempts that arrive
 * together cannot all pass a check made before any of them was recorded: at
 * most `limit` attempts per window get through. LAST_INSERT_ID(expr) hands the
 * new count back in the insert's own result (MySQL's and MariaDB's counter
 * idiom), so this is one round trip, not an insert and a select.
 */
export async function takeRateLimitHit(rule: RateLimitRule, key: string): Promise<RateLimitState> {
  const now = Date.now();
  const start = windowStart(rule, now);
  const [result] = await db()
    .insert(rateLimits)
    .values({ bucket: `${rule.name}:${key}`, windowStart: start, hits: sql`LAST_INSERT_ID(1)` })
    .onDuplicateKeyUpdate({ set: { hits: sql`LAST_INSERT_ID(${rateLimits.hits} + 1)` } });
  const limited = Number(result.insertId) > rule.limit;
  return { limited, retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + rule.windowMs - now) / 1000)) };
}

export async function clearRateLimit(rule: RateLimitRule, key: string): Promise<void> {
  await db()
    .delete(rateLimits)
    .where(eq(rateLimits.bucket, `${rule.name}:${key}`));
}

export async function deleteOldRateLimitWindows(olderThan: Date): Promise<void> {
  await db().delete(rateLimits).where(lt(rateLimits.windowStart, olderThan));
}
