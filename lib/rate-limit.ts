import { and, eq, lt, sql } from 'drizzle-orm';
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
 * Counts this attempt first and only then reads the count, so attempts that
 * arrive together cannot all pass a check made before any of them was
 * recorded: at most `limit` attempts per window get through.
 */
export async function takeRateLimitHit(rule: RateLimitRule, key: string): Promise<RateLimitState> {
  const now = Date.now();
  const start = windowStart(rule, now);
  const bucket = `${rule.name}:${key}`;
  await db()
    .insert(rateLimits)
    .values({ bucket, windowStart: start, hits: 1 })
    .onDuplicateKeyUpdate({ set: { hits: sql`${rateLimits.hits} + 1` } });
  const [row] = await db()
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, bucket), eq(rateLimits.windowStart, start)));
  const limited = (row?.hits ?? 1) > rule.limit;
  return { limited, retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + rule.windowMs - now) / 1000)) };
}

export async function clearRateLimit(rule: RateLimitRule, key: string): Promise<void> {
  await db().delete(rateLimits).where(eq(rateLimits.bucket, `${rule.name}:${key}`));
}

export async function deleteOldRateLimitWindows(olderThan: Date): Promise<void> {
  await db().delete(rateLimits).where(lt(rateLimits.windowStart, olderThan));
}
