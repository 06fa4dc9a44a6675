import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { retryOnConflict } from '../platform/transaction';

/*
 * The coarse per-address API limit without a database write per request.
 *
 * Each process takes hits for a bucket from MySQL in leases: one upsert adds
 * `n` to the window's shared count (the same sliding-window rows as every
 * other limit, rate_limits) and hands back the total, so the process knows
 * how many of those `n` fit under the limit and spends them from memory.
 * A lease is at most a quarter of what the limit still allows and at most
 * LEASE_SHARE of the limit, so the database sees one write per lease, not per
 * request, and leases shrink as the limit nears.
 *
 * Tolerance: the shared count grows only by leases (it shrinks only by hits
 * handed back unused), and a process only
 * admits hits inside the total its own upsert saw under the limit, so N
 * processes or instances together never admit more than the limit (plus the
 * sliding window's usual rounding at a window's edge). What a lease may cost
 * is the other way round: hits leased by one instance and not used there
 * still count until the window turns (then each process hands its unused
 * hits back), so with N instances refusals can start up to (N − 1) leases
 * early: at most (N − 1) × 5 % of the limit, less near it. A refused hit is
 * not counted (it costs no write); the exact counters (logins, sign-ups,
 * mail) count refusals too.
 */

/** A lease is at most this share of the limit (and at least one hit). */
export const LEASE_SHARE = 0.05;

type Bucket = {
  windowStart: number;
  /** The previous window's shared count, read once per window (null: not read yet). */
  previous: number | null;
  /** The shared count of this window as this process last saw it. */
  total: number;
  /** Leased hits not yet spent here. */
  left: number;
  /** The lease being taken, which parallel requests of this bucket wait for. */
  leasing: Promise<void> | null;
  /** The last lease found the limit reached; the next request leases again (the window slides). */
  full: boolean;
  /** Hits this process leased in the previous window and never used: handed back before that window is read. */
  unused: number;
};

export type LeasedState = { limited: boolean; retryAfterSeconds: number };

const buckets = new Map<string, Bucket>();
let sinceSweep = 0;

/** Every 1,000 hits, buckets of windows that can no longer count are dropped, so memory stays bounded. */
function sweep(now: number, windowMs: number) {
  if (++sinceSweep < 1000) return;
  sinceSweep = 0;
  for (const [key, bucket] of buckets) {
    if (bucket.windowStart < now - 2 * windowMs && !bucket.leasing) buckets.delete(key);
  }
}

function overlap(now: number, windowStart: number, windowMs: number) {
  return 1 - (now - windowStart) / windowMs;
}

/** What the sliding window still allows in this window, as a whole number of hits. */
function allowance(bucket: Bucket, limit: number, now: number, windowMs: number) {
  return Math.floor(limit - (bucket.previous ?? 0) * overlap(now, bucket.windowStart, windowMs));
}

function refusal(bucket: Bucket, limit: number, now: number, windowMs: number): LeasedState {
  const previous = bucket.previous ?? 0;
  const current = bucket.total + 1;
  const weighted = current + previous * overlap(now, bucket.windowStart, windowMs);
  // Until enough of the previous window has slid out, or else until this one ends.
  const waitMs =
    current < limit && previous > 0 && weighted > limit
      ? ((weighted - limit) / previous) * windowMs
      : bucket.windowStart + windowMs - now;
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

async function lease(key: string, bucket: Bucket, limit: number, windowMs: number): Promise<void> {
  if (bucket.previous === null) {
    const previousStart = new Date(bucket.windowStart - windowMs);
    if (bucket.unused > 0) {
      // Else they would count against the sliding window as hits that never came.
      const unused = bucket.unused;
      bucket.unused = 0;
      await retryOnConflict(() =>
        db()
          .update(rateLimits)
          .set({ hits: sql`GREATEST(CAST(${rateLimits.hits} AS SIGNED) - ${unused}, 0)` })
          .where(and(eq(rateLimits.bucket, key), eq(rateLimits.windowStart, previousStart))),
      );
    }
    const [earlier] = await db()
      .select({ hits: rateLimits.hits })
      .from(rateLimits)
      .where(and(eq(rateLimits.bucket, key), eq(rateLimits.windowStart, previousStart)));
    bucket.previous = earlier?.hits ?? 0;
  }
  const allowed = allowance(bucket, limit, Date.now(), windowMs);
  const remaining = allowed - bucket.total;
  bucket.full = remaining < 1;
  if (bucket.full) return;
  const size = Math.max(1, Math.min(Math.ceil(remaining / 4), Math.floor(limit * LEASE_SHARE)));
  // LAST_INSERT_ID(expr) hands back the total after this very lease, whatever other instances add at once.
  const [result] = await retryOnConflict(() =>
    db()
      .insert(rateLimits)
      .values({ bucket: key, windowStart: new Date(bucket.windowStart), hits: sql`LAST_INSERT_ID(${size})` })
      .onDuplicateKeyUpdate({ set: { hits: sql`LAST_INSERT_ID(${rateLimits.hits} + ${size})` } }),
  );
  const total = Number(result.insertId) || size;
  bucket.total = Math.max(bucket.total, total);
  const granted = Math.max(0, Math.min(size, allowed - (total - size)));
  bucket.left += granted;
  bucket.full = granted === 0;
}

/**
 * One hit on `key` (already hashed) against `limit` per sliding `windowMs`,
 * counted in this process's memory and in MySQL one lease at a time.
 */
export async function takeLeasedHit(key: string, limit: number, windowMs: number): Promise<LeasedState> {
  const now = Date.now();
  const windowStart = Math.floor(now / windowMs) * windowMs;
  sweep(now, windowMs);
  let bucket = buckets.get(key);
  if (!bucket || bucket.windowStart !== windowStart) {
    const unused = bucket && bucket.windowStart === windowStart - windowMs ? bucket.left : 0;
    bucket = { windowStart, previous: null, total: 0, left: 0, leasing: null, full: false, unused };
    buckets.set(key, bucket);
  }
  // Every lease either grants at least one hit (others may spend it first: then lease again) or finds the
  // limit reached (then refuse), so this ends.
  let waited = false;
  for (;;) {
    if (bucket.left > 0) {
      bucket.left--;
      return { limited: false, retryAfterSeconds: 0 };
    }
    if (waited && bucket.full) break;
    waited = true;
    if (bucket.leasing) {
      await bucket.leasing;
      continue;
    }
    if (bucket.previous !== null && allowance(bucket, limit, Date.now(), windowMs) - bucket.total < 1) break;
    const current = bucket;
    current.leasing = lease(key, current, limit, windowMs).finally(() => {
      current.leasing = null;
    });
    await current.leasing;
  }
  return refusal(bucket, limit, Date.now(), windowMs);
}
