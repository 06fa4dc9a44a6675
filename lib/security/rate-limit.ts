import 'server-only';
import { createHash } from 'node:crypto';
import { isIP, isIPv6 } from 'node:net';
import { and, eq, lt, not, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { config, type ClientLimits } from '../platform/config';
import { countRefusal } from '../platform/metrics';
import { fail, type Failure } from '../platform/result';
import { retryOnConflict } from '../platform/transaction';
import { takeBatchedHit } from './batched-counter';

export type ClientLimitKind = keyof ClientLimits;
export type RateLimitState = { limited: boolean; retryAfterSeconds: number };

const MINUTE = 60_000;
const WINDOWS: Record<ClientLimitKind, number> = {
  login: MINUTE,
  signup: 60 * MINUTE,
  availability: MINUTE,
  api: MINUTE,
  mail: 60 * MINUTE,
};
/** The longest per-address window: rows older than twice it can no longer count and are purged by housekeeping. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(WINDOWS));
/** Day-long windows (a per-account budget) start at 00:00 UTC and are kept two days; see deleteOldRateLimitWindows. */
export const DAY_MS = 24 * 60 * MINUTE;

/** A fixed-width key (43 characters) whatever a client sends, so the table's rows stay small. */
export function hashKey(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/**
 * The unit a limit counts: an IPv4 address, or an IPv6 /64 (one subscriber's
 * usual allocation, which they can rotate through freely). Empty when unknown.
 */
export function addressUnit(address: string): string {
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * A sliding-window counter in MySQL (shared by every instance): this window's
 * count plus the previous window's, weighted by how much of it still overlaps
 * the last `windowMs`, so a burst at a fixed window's edge gets no double
 * allowance. The attempt is counted before the comparison, so parallel
 * attempts cannot all slip past one check made before any was recorded.
 */
export async function takeHit(bucket: string, limit: number, windowMs: number): Promise<RateLimitState> {
  const now = Date.now();
  const start = Math.floor(now / windowMs) * windowMs;
  const key = hashKey(bucket);
  // LAST_INSERT_ID(expr) hands back this attempt's own count, so of parallel attempts exactly the first `limit` pass
  // (reading the row afterwards would show every one of them the final count and refuse them all).
  const [result] = await retryOnConflict(() =>
    db()
      .insert(rateLimits)
      .values({ bucket: key, windowStart: new Date(start), hits: sql`LAST_INSERT_ID(1)` })
      .onDuplicateKeyUpdate({ set: { hits: sql`LAST_INSERT_ID(${rateLimits.hits} + 1)` } }),
  );
  const current = Number(result.insertId) || 1;
  const [earlier] = await db()
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, key), eq(rateLimits.windowStart, new Date(start - windowMs))));
  const previous = earlier?.hits ?? 0;
  const overlap = 1 - (now - start) / windowMs;
  const weighted = current + previous * overlap;
  if (weighted <= limit) return { limited: false, retryAfterSeconds: 0 };
  // Until enough of the previous window has slid out, or else until this one ends.
  const waitMs = current < limit && previous > 0 ? ((weighted - limit) / previous) * windowMs : start + windowMs - now;
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** Where requests whose client address is unknown are counted: all together, never exempt. */
export const UNKNOWN_ADDRESS_UNIT = 'unknown';

function exempt(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && config().exemptAddresses.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Counts one request of this kind from this client address against its limit
 * (RATE_LIMIT_<KIND>_PER_…); a `rate_limited` failure with Retry-After once
 * over. Requests whose address is unknown all share one bucket; addresses in
 * RATE_LIMIT_EXEMPT_ADDRESSES are not counted. The coarse API limit is counted
 * in memory and written to MySQL in batches (batched-counter.ts); the others
 * exactly, one statement per request.
 */
export async function limitClient(kind: ClientLimitKind, address: string): Promise<Failure<'rate_limited'> | null> {
  const settings = config();
  if (settings.rateLimitDisabled || exempt(address)) return null;
  const unit = isIP(address) ? addressUnit(address) : UNKNOWN_ADDRESS_UNIT;
  const state =
    kind === 'api'
      ? await takeBatchedHit(hashKey(`${kind}:${unit}`), settings.clientLimits[kind], WINDOWS[kind])
      : await takeHit(`${kind}:${unit}`, settings.clientLimits[kind], WINDOWS[kind]);
  if (state.limited) countRefusal(kind);
  return state.limited ? fail('rate_limited', { retryAfterSeconds: state.retryAfterSeconds }) : null;
}

/**
 * Rows older than `olderThan` can no longer count, except those of day-long
 * windows: they start at 00:00 UTC (so do a few shorter windows, kept along)
 * and are purged once older than two days.
 */
export async function deleteOldRateLimitWindows(olderThan: Date): Promise<void> {
  const dayWindows = sql`MOD(UNIX_TIMESTAMP(${rateLimits.windowStart}), 86400) = 0`;
  await db()
    .delete(rateLimits)
    .where(
      and(
        lt(rateLimits.windowStart, olderThan),
        or(not(dayWindows), lt(rateLimits.windowStart, new Date(olderThan.getTime() - 2 * DAY_MS))),
      ),
    );
}

/** A limit on something other than a client address (an email address, a user), counted like the rest. */
export type RateLimitRule = { name: string; limit: number; windowMs: number };

export async function takeRateLimitHit(rule: RateLimitRule, key: string): Promise<RateLimitState> {
  if (config().rateLimitDisabled) return { limited: false, retryAfterSeconds: 0 };
  const state = await takeHit(`${rule.name}:${key}`, rule.limit, rule.windowMs);
  if (state.limited) countRefusal(rule.name);
  return state;
}
