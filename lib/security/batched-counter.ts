import 'server-only';
import { and, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { logError } from '../platform/log';
import { onShutdown } from '../platform/shutdown';
import { retryOnConflict } from '../platform/transaction';

/*
 * The coarse per-address API limit without a database round trip per request.
 *
 * Each process counts hits in memory and writes them to the shared sliding-window rows (rate_limits, as every
 * other limit) in batches: one multi-row upsert of every address's new hits, then one read of those addresses'
 * shared counts (this window and the previous one), at most every SYNC_INTERVAL_MS. A request waits for the
 * database only when its address has used up its credit: the hits this process may admit beyond the shared
 * count it last read. A credit is at most a quarter of what the limit still allows and at most CREDIT_SHARE of
 * the limit; an address this process has not read yet this window gets that credit blind (less if the previous
 * window, as this process saw it, leaves less room).
 *
 * Tolerance, with N processes (workers × instances) on one database: a process admits only while the count it
 * knows (the shared count it read plus its own unwritten hits) is under the limit, so what it does not know is at
 * most the other processes' credits: at most (N − 1) × 2.5 % of the limit over (7.5 % with two instances of two
 * workers), and near the limit each credit shrinks to a quarter of the room left, so up to four processes do not
 * go over at all. Unwritten hits of a process that dies are lost (at most its credit per address). A refused hit
 * is not counted; the exact counters (logins, sign-ups, mail) count refusals too.
 */

/** A process's credit per address is at most this share of the limit (and at least one hit). */
export const CREDIT_SHARE = 0.025;
/**
 * New hits wait at most this long in memory before they are written (a request out of credit does not wait for it):
 * once a second keeps the commits few, and how stale another process's view may be is bounded by the credits.
 */
export const SYNC_INTERVAL_MS = 1000;
/** Rows per upsert, so a statement stays small whatever the number of addresses. */
const ROWS_PER_STATEMENT = 500;

type Bucket = {
  key: string;
  limit: number;
  windowMs: number;
  windowStart: number;
  /** The previous window's shared count at the last sync; until then, what this process saw of it (a floor). */
  previous: number;
  /** This window's shared count at the last sync, this process's written hits included. */
  shared: number;
  /** Hits admitted here and not yet written. */
  pending: number;
  /** Hits in the write under way. */
  writing: number;
  /** How many unwritten hits this process may admit before it must read the shared count again. */
  credit: number;
};

export type BatchedState = { limited: boolean; retryAfterSeconds: number };

const buckets = new Map<string, Bucket>();
/** Buckets with hits to write or a reader waiting for their shared count. */
const dirty = new Set<Bucket>();
let sinceSweep = 0;

function overlap(now: number, bucket: Bucket) {
  return 1 - (now - bucket.windowStart) / bucket.windowMs;
}

/** Hits counted against this window as far as this process knows. */
const known = (bucket: Bucket) => bucket.shared + bucket.writing + bucket.pending;

/** What the sliding window still allows in this window, as a whole number of hits, minus what is known counted. */
function room(bucket: Bucket, now: number) {
  return Math.floor(bucket.limit - bucket.previous * overlap(now, bucket)) - known(bucket);
}

function creditOf(bucket: Bucket, now: number) {
  const left = room(bucket, now);
  if (left < 1) return 0;
  return Math.max(1, Math.min(Math.ceil(left / 4), Math.floor(bucket.limit * CREDIT_SHARE)));
}

function refusal(bucket: Bucket, now: number): BatchedState {
  const { limit, previous, windowMs, windowStart } = bucket;
  const current = known(bucket) + 1;
  const weighted = current + previous * overlap(now, bucket);
  // Until enough of the previous window has slid out, or else until this one ends.
  const waitMs =
    current < limit && previous > 0 && weighted > limit
      ? ((weighted - limit) / previous) * windowMs
      : windowStart + windowMs - now;
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** Writes the batch's new hits, then reads the shared counts back; on failure the hits stay to be written later. */
async function syncBatch(batch: Bucket[]) {
  if (batch.length === 0) return;
  const writes = batch.filter((bucket) => bucket.pending > 0);
  for (const bucket of writes) {
    bucket.writing = bucket.pending;
    bucket.pending = 0;
  }
  // One order for every process, so two upserts of the same rows cannot deadlock each other.
  const rows = writes
    .map((bucket) => ({ bucket: bucket.key, windowStart: new Date(bucket.windowStart), hits: bucket.writing }))
    .sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : +a.windowStart - +b.windowStart));
  try {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      // VALUES(col) is the one spelling MariaDB and MySQL 8 share (MySQL deprecates it for an alias MariaDB lacks).
      await retryOnConflict(() =>
        db()
          .insert(rateLimits)
          .values(chunk)
          .onDuplicateKeyUpdate({ set: { hits: sql`${rateLimits.hits} + VALUES(${rateLimits.hits})` } }),
      );
    }
  } catch (error) {
    for (const bucket of writes) {
      bucket.pending += bucket.writing;
      bucket.writing = 0;
      dirty.add(bucket);
    }
    throw error;
  }
  for (const bucket of writes) {
    bucket.shared += bucket.writing;
    bucket.writing = 0;
  }
  const starts = new Set<number>();
  for (const bucket of batch) starts.add(bucket.windowStart).add(bucket.windowStart - bucket.windowMs);
  const found = await db()
    .select({ bucket: rateLimits.bucket, windowStart: rateLimits.windowStart, hits: rateLimits.hits })
    .from(rateLimits)
    .where(
      and(
        inArray(rateLimits.bucket, [...new Set(batch.map((bucket) => bucket.key))]),
        inArray(
          rateLimits.windowStart,
          [...starts].map((start) => new Date(start)),
        ),
      ),
    );
  const hitsAt = new Map(found.map((row) => [`${row.bucket} ${row.windowStart.getTime()}`, row.hits]));
  const now = Date.now();
  for (const bucket of batch) {
    // Counts only grow within a window; a row not found yet (another node has not applied it) keeps what was known.
    bucket.shared = Math.max(bucket.shared, hitsAt.get(`${bucket.key} ${bucket.windowStart}`) ?? 0);
    bucket.previous = Math.max(
      bucket.previous,
      hitsAt.get(`${bucket.key} ${bucket.windowStart - bucket.windowMs}`) ?? 0,
    );
    bucket.credit = creditOf(bucket, now);
  }
}

type Waiters = { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void };
/** The readers waiting for the next sync (one not started yet). */
let waiting: Waiters | null = null;
let syncing = false;
let timer: NodeJS.Timeout | null = null;

async function runSync() {
  if (timer) clearTimeout(timer);
  timer = null;
  if (syncing) return;
  syncing = true;
  const waiters = waiting;
  waiting = null;
  const batch = [...dirty];
  dirty.clear();
  try {
    await syncBatch(batch);
    waiters?.resolve();
  } catch (error) {
    if (waiters) waiters.reject(error);
    else logError('the per-address API counts could not be written; kept to write later', error);
  } finally {
    syncing = false;
    if (waiting) setImmediate(runSync);
    else if (dirty.size > 0) scheduleSync();
  }
}

let flushesOnShutdown = false;

/** Writes what is dirty within SYNC_INTERVAL_MS, off the request path (and at the latest when the process stops). */
function scheduleSync() {
  if (!timer && !syncing) timer = setTimeout(runSync, SYNC_INTERVAL_MS).unref();
  if (flushesOnShutdown) return;
  flushesOnShutdown = true;
  onShutdown('per-address API counts', () => (dirty.size > 0 ? nextSync().catch(() => {}) : undefined));
}

/** A sync that starts after this call (what is dirty written, shared counts read), as soon as possible. */
function nextSync(): Promise<void> {
  if (!waiting) {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    waiting = { promise, resolve, reject };
    // Callers of this same turn of the event loop share the sync.
    if (!syncing) setImmediate(runSync);
  }
  return waiting.promise;
}

/** Every 1,000 hits, buckets of windows that can no longer count are dropped, so memory stays bounded. */
function sweep(now: number) {
  if (++sinceSweep < 1000) return;
  sinceSweep = 0;
  for (const [key, bucket] of buckets) {
    if (bucket.windowStart < now - 2 * bucket.windowMs) buckets.delete(key);
  }
}

function currentBucket(key: string, limit: number, windowMs: number, now: number): Bucket {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const last = buckets.get(key);
  if (last && last.windowStart === windowStart) return last;
  // What this process saw of the window that just ended bounds the blind credit of the new one.
  const previous = last && last.windowStart === windowStart - windowMs ? known(last) : 0;
  const bucket: Bucket = { key, limit, windowMs, windowStart, previous, shared: 0, pending: 0, writing: 0, credit: 0 };
  bucket.credit = creditOf(bucket, now);
  buckets.set(key, bucket);
  return bucket;
}

/**
 * One hit on `key` (already hashed) against `limit` per sliding `windowMs`, counted in this process's memory and
 * written to MySQL in batches.
 */
export async function takeBatchedHit(key: string, limit: number, windowMs: number): Promise<BatchedState> {
  const now = Date.now();
  sweep(now);
  let bucket = currentBucket(key, limit, windowMs, now);
  // Each sync either writes admitted hits (so the room shrinks) or finds the limit reached, so this ends.
  for (;;) {
    const at = Date.now();
    if (room(bucket, at) < 1) return refusal(bucket, at);
    if (bucket.pending + bucket.writing < bucket.credit) {
      bucket.pending++;
      dirty.add(bucket);
      scheduleSync();
      return { limited: false, retryAfterSeconds: 0 };
    }
    dirty.add(bucket);
    await nextSync();
    // The window may have turned while it waited.
    bucket = currentBucket(key, limit, windowMs, Date.now());
  }
}
