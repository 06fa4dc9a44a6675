import { and, eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rateLimits } from '@/db/schema';

export type RateLimitRule = { name: string; limit: number; windowMs: number };
export type RateLimitState = { limited: boolean; retryAfterSeconds: number };

function windowStart(rule: RateLimitRule, now: number) {
  return new Date(Math.floor(now / rule.windowMs) * rule.windowMs);
}

/*
 * Fixed windows in MySQL rather than memory, so the limit holds across every
 * app instance. The key is hashed upstream by callers when it is personal data.
 */
export async function isRateLimited(rule: RateLimitRule, key: string): Promise<RateLimitState> {
  const now = Date.now();
  const start = windowStart(rule, now);
  const [row] = await db()
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, `${rule.name}:${key}`), eq(rateLimits.windowStart, start)));
  const limited = (row?.hits ?? 0) >= rule.limit;
  return { limited, retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + rule.windowMs - now) / 1000)) };
}

export async function recordRateLimitHit(rule: RateLimitRule, key: string): Promise<void> {
  const start = windowStart(rule, Date.now());
  await db()
    .insert(rateLimits)
    .values({ bucket: `${rule.name}:${key}`, windowStart: start, hits: 1 })
    .onDuplicateKeyUpdate({ set: { hits: sql`${rateLimits.hits} + 1` } });
}

export async function clearRateLimit(rule: RateLimitRule, key: string): Promise<void> {
  await db().delete(rateLimits).where(eq(rateLimits.bucket, `${rule.name}:${key}`));
}

export async function deleteOldRateLimitWindows(olderThan: Date): Promise<void> {
  await db().delete(rateLimits).where(lt(rateLimits.windowStart, olderThan));
}
