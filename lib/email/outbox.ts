import 'server-only';
import { and, asc, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { outbox } from '@/db/schema';
import { config } from '../platform/config';
import { open, seal } from '../security/sealed';
import { fail, type Failure } from '../platform/result';
import { DAY_MS, limitClient, takeRateLimitHit } from '../security/rate-limit';
import type { OutboxBacklog } from '../platform/metrics';
import type { MailMessage } from './kinds';

/*
 * The outbox: mail is written in the same transaction as the change it
 * reports and delivered later by a worker (lib/email/worker.ts), so a slow or
 * dead SMTP server never slows a request and a crash loses nothing. The
 * payload can hold a link token, so it is sealed (AES-256-GCM, key derived
 * from JWT_SECRET) and cleared once sent: a database dump holds no usable link.
 */

const LEASE_MS = 2 * 60_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

const PAYLOAD_LABEL = 'profile-hub/outbox/v1';

export function sealPayload(message: MailMessage): string {
  return seal(PAYLOAD_LABEL, JSON.stringify(message));
}

/** Opened with the current JWT_SECRET, or else JWT_SECRET_PREVIOUS: mail queued before a rotation still goes out. */
export function openPayload(sealed: string): MailMessage {
  return JSON.parse(open(PAYLOAD_LABEL, sealed)) as MailMessage;
}

/**
 * Counts one request that sends mail, before it sends any: against
 * RATE_LIMIT_MAIL_PER_HOUR for the client address (when given) and
 * MAIL_PER_ACCOUNT_PER_DAY for the account (when given; each request sends at
 * most two mails). With mail off nothing is sent, so nothing is counted.
 * docs/rate-limits.md.
 */
export async function takeMailAllowance(who: {
  ip?: string;
  userId?: number;
}): Promise<Failure<'rate_limited'> | null> {
  const settings = config();
  if (settings.mail.mode === 'off') return null;
  if (who.ip !== undefined) {
    const byAddress = await limitClient('mail', who.ip);
    if (byAddress) return byAddress;
  }
  if (who.userId === undefined) return null;
  const rule = { name: 'mail-account', limit: settings.mailPerAccountPerDay, windowMs: DAY_MS };
  const byAccount = await takeRateLimitHit(rule, String(who.userId));
  if (!byAccount.limited) return null;
  return fail('rate_limited', {
    message: 'This account has sent as many emails as it may for today. Please try again later.',
    retryAfterSeconds: byAccount.retryAfterSeconds,
  });
}

const wakeHook = globalThis as unknown as { profileHubWakeOutbox?: () => void };

/** Queues a message inside the caller's transaction. With mail off (production without SMTP_URL) nothing is queued. */
export async function enqueueMail(tx: Executor, message: MailMessage): Promise<void> {
  if (config().mail.mode === 'off') return;
  await tx.insert(outbox).values({ kind: message.kind, recipient: message.to, payload: sealPayload(message) });
}

/** Asks this instance's worker to look now, after the caller's transaction committed; never waits for the send. */
export function wakeOutbox(): void {
  wakeHook.profileHubWakeOutbox?.();
}

export function onOutboxWake(listener: () => void): void {
  wakeHook.profileHubWakeOutbox = listener;
}

export type ClaimedMail = { id: number; attempt: number; message: MailMessage | null };

/**
 * Due rows, each claimed by pushing its due time past a lease and counting the
 * attempt; the conditional update makes a row go to one instance only.
 */
export async function claimDueMail(limit = 10): Promise<ClaimedMail[]> {
  const now = new Date();
  const due = await db()
    .select({ id: outbox.id, attempts: outbox.attempts, nextAttemptAt: outbox.nextAttemptAt, payload: outbox.payload })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), isNull(outbox.failedAt), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  const claimed: ClaimedMail[] = [];
  for (const row of due) {
    const [result] = await db()
      .update(outbox)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1` })
      .where(and(eq(outbox.id, row.id), eq(outbox.nextAttemptAt, row.nextAttemptAt), isNull(outbox.sentAt)));
    if (result.affectedRows !== 1) continue;
    let message: MailMessage | null = null;
    try {
      message = openPayload(row.payload);
    } catch {
      // Sealed under neither JWT_SECRET nor JWT_SECRET_PREVIOUS: it can never be opened; markFailed gives up on it.
    }
    claimed.push({ id: row.id, attempt: row.attempts + 1, message });
  }
  return claimed;
}

export async function markSent(id: number): Promise<void> {
  await db().update(outbox).set({ sentAt: new Date(), payload: '', lastError: '' }).where(eq(outbox.id, id));
}

/** Exponential backoff from OUTBOX_RETRY_BASE_MS, capped; after OUTBOX_MAX_ATTEMPTS the row is given up. */
export async function markFailed(id: number, attempt: number, reason: string, permanent = false): Promise<Date | null> {
  const { retryBaseMs, maxAttempts } = config().mail;
  const lastError = reason.slice(0, 255);
  if (permanent || attempt >= maxAttempts) {
    await db().update(outbox).set({ failedAt: new Date(), payload: '', lastError }).where(eq(outbox.id, id));
    return null;
  }
  const next = new Date(Date.now() + Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1)));
  await db().update(outbox).set({ nextAttemptAt: next, lastError }).where(eq(outbox.id, id));
  return next;
}

/** Sent and given-up rows are kept a week for inspection, then reclaimed. */
export async function deleteOldOutboxRows(olderThan: Date): Promise<void> {
  await db()
    .delete(outbox)
    .where(and(lt(outbox.createdAt, olderThan), sql`(${outbox.sentAt} IS NOT NULL OR ${outbox.failedAt} IS NOT NULL)`));
}

/** Mail still to send (neither sent nor given up) and the age of the oldest, on the database's clock. */
export async function outboxBacklog(): Promise<OutboxBacklog> {
  const [row] = await db()
    .select({
      depth: sql<number>`count(*)`,
      oldestMs: sql<number | null>`timestampdiff(microsecond, min(${outbox.createdAt}), current_timestamp(3)) div 1000`,
    })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), isNull(outbox.failedAt)));
  return { depth: Number(row?.depth ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.oldestMs ?? 0) / 1000) };
}
