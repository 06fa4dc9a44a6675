import 'server-only';
import { and, asc, eq, gt, is, isNotNull, isNull, lte } from 'drizzle-orm';
import { getTableConfig, MySqlTable } from 'drizzle-orm/mysql-core';
import { db, type Executor } from '@/db/client';
import * as schema from '@/db/schema';
import { loginThrottles, rateLimits, sessions, users } from '@/db/schema';
import { config } from '../platform/config';
import { utcDateTime } from '../platform/dates';
import { fail, ok, type Failure, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { logError } from '../platform/log';
import { revokeDeviceTokens } from '../auth/device-token';
import { throttleKey } from '../auth/login-throttle';
import type { ResolvedSession } from '../auth/sessions';
import { hashKey } from '../security/rate-limit';
import { recordEvent, type EventClient } from '../security/events';
import { enqueueMail, wakeOutbox } from '../email/outbox';
import { consumeEmailToken, deleteUserTokens, findLiveToken, issueEmailToken } from '../email/tokens';
import { mailConfigured, mailLink } from '../email/verification';
import { EXPORT_RATE_LIMIT } from './export';
import { checkStepUp, type StepUpFailure } from './step-up';
import type { RequestClient } from './accounts';
import type { DeleteAccountInput } from '../validation/account';
import type { CancelDeletionInput } from '../validation/email';

/*
 * Deletion with a grace period (issue 22). "Delete account" sets users.deletes_at: at once every session ends,
 * device tokens stop counting, the public card is gone and sign-in is refused with an offer to cancel; the row
 * itself (so its email and username) stays until the purge removes it with everything tied to it.
 * ACCOUNT_DELETION_GRACE_DAYS=0 removes it in the same request.
 */

/** How API messages name the moment of a scheduled deletion. */
export const deletionDate = utcDateTime;

export function deletionScheduledMessage(deletesAt: Date): string {
  return `This account is scheduled for deletion on ${deletionDate(deletesAt)}. You can cancel the deletion until then.`;
}

/** When the account goes; `deleted` when it is already gone (no grace period). */
export type ScheduledDeletion = { deletesAt: Date; deleted: boolean };

/**
 * The owner deletes the account (the step-up proof, lib/account/step-up.ts: the current password and a second
 * factor if it has one, or a passkey). With a grace period the account is scheduled and hidden; without one it is
 * removed now. Either way every session ends in the same transaction.
 */
export async function deleteAccount(
  session: ResolvedSession,
  input: DeleteAccountInput,
  client: RequestClient,
  now = new Date(),
): Promise<Result<ScheduledDeletion, StepUpFailure['code']>> {
  const refused = await checkStepUp(session, input, client);
  if (refused) return refused;
  const { user } = session;
  const graceMs = config().deletionGraceMs;
  const deletesAt = new Date(now.getTime() + graceMs);
  await inTransaction(async (tx) => {
    if (graceMs === 0) {
      await purgeAccount(tx, user.id);
      return;
    }
    await tx
      .update(users)
      .set({ deletesAt })
      .where(and(eq(users.id, user.id), isNull(users.deletesAt)));
    await revokeDeviceTokens(tx, user.id);
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordEvent(user.id, 'deletion_scheduled', client, tx);
    if (mailConfigured()) {
      const token = await issueEmailToken(tx, 'cancel_deletion', user.id, user.email, now, deletesAt);
      await enqueueMail(tx, {
        kind: 'deletion_scheduled',
        to: user.email,
        name: user.firstName,
        deletesAt: deletesAt.toISOString(),
        cancelLink: mailLink('/cancel-deletion', token),
      });
    }
  });
  wakeOutbox();
  return ok({ deletesAt, deleted: graceMs === 0 });
}

/**
 * Sign-in to a scheduled account, once its password is proven: refused, with the date and a short-lived token
 * (TOKEN_PURPOSES.cancel_deletion) that cancels the deletion (POST /api/cancelDeletion, or the login page's
 * "Cancel deletion" button).
 */
export async function deletionScheduledFailure(
  user: { id: number; email: string },
  deletesAt: Date,
): Promise<Failure<'deletion_scheduled'>> {
  const cancelToken = await issueEmailToken(db(), 'cancel_deletion', user.id, user.email);
  return fail('deletion_scheduled', {
    message: deletionScheduledMessage(deletesAt),
    details: { deletesAt: deletesAt.toISOString(), cancelToken },
  });
}

export const DELETION_CANCELLED_MESSAGE = 'The deletion is cancelled and your account is as it was. Log in again.';

/**
 * The mailed link (or the token offered at sign-in) takes the account back: deletes_at cleared, the card back as
 * it was, every cancel token of the account used up. Sessions stay ended. Refused once the deletion is past due,
 * even if the purge has not run yet.
 */
export async function cancelDeletion(
  input: CancelDeletionInput,
  client: EventClient = {},
  now = new Date(),
): Promise<Result<null, 'invalid_token'>> {
  const live = await findLiveToken('cancel_deletion', input.token);
  if (!live) return fail('invalid_token');
  const username = await inTransaction(async (tx) => {
    if (!(await consumeEmailToken(tx, live))) return null;
    const [row] = await tx
      .select({ username: users.username })
      .from(users)
      .where(and(eq(users.id, live.userId), gt(users.deletesAt, now)))
      .for('update');
    if (!row) return null;
    await tx.update(users).set({ deletesAt: null }).where(eq(users.id, live.userId));
    await deleteUserTokens(tx, live.userId, 'cancel_deletion');
    await recordEvent(live.userId, 'deletion_cancelled', client, tx);
    return row.username;
  });
  if (username === null) return fail('invalid_token');
  return ok(null);
}

/** Every table of db/schema.ts with a user_id column: the purge removes the user's rows from each. */
export function tablesWithUserRows(): { table: MySqlTable; name: string }[] {
  return (Object.values(schema) as unknown[])
    .filter((value): value is MySqlTable => is(value, MySqlTable))
    .flatMap((table) => {
      const { name, columns } = getTableConfig(table);
      return columns.some((column) => column.name === 'user_id') && name !== 'users' ? [{ table, name }] : [];
    });
}

/**
 * Removes the account and everything tied to it inside the caller's transaction: each table's rows by user_id
 * (legacy_users keeps its row with user_id NULL: the import's memory that this user left), the login failure
 * count and the export limit's counters, then the user; a last mail says it is done. False when there was no
 * such user (another instance purged it first).
 */
export async function purgeAccount(tx: Executor, userId: number): Promise<boolean> {
  const [user] = await tx
    .select({ id: users.id, email: users.email, firstName: users.firstName })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!user) return false;
  for (const { table, name } of tablesWithUserRows()) {
    if (name === 'legacy_users') continue; // ON DELETE SET NULL
    const userColumn = getTableConfig(table).columns.find((column) => column.name === 'user_id')!;
    await tx.delete(table).where(eq(userColumn, userId));
  }
  await tx.delete(loginThrottles).where(eq(loginThrottles.key, throttleKey({ userId, deviceId: null })));
  await tx.delete(rateLimits).where(eq(rateLimits.bucket, hashKey(`${EXPORT_RATE_LIMIT.name}:${userId}`)));
  await tx.delete(users).where(eq(users.id, userId));
  await enqueueMail(tx, { kind: 'account_deleted', to: user.email, name: user.firstName });
  return true;
}

const PURGE_BATCH = 50;

/**
 * The housekeeping job: removes every account whose deletion is due at `now`, each in its own transaction.
 * Idempotent and safe on several instances (and Galera nodes) at once: each transaction locks the user row and
 * checks again that it is still due, so a cancelled or already-purged account is left alone; a certification
 * conflict between nodes is retried by inTransaction and then finds nothing to do. The number removed.
 */
export async function purgeDueDeletions(now = new Date()): Promise<number> {
  let removed = 0;
  for (;;) {
    const due = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(isNotNull(users.deletesAt), lte(users.deletesAt, now)))
      .orderBy(asc(users.deletesAt))
      .limit(PURGE_BATCH);
    let batchRemoved = 0;
    for (const { id } of due) {
      try {
        const done = await inTransaction(async (tx) => {
          const [still] = await tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.id, id), lte(users.deletesAt, now)))
            .for('update');
          return still ? purgeAccount(tx, id) : false;
        });
        if (done) batchRemoved++;
      } catch (error) {
        logError('account purge failed', error, { userId: id });
      }
    }
    removed += batchRemoved;
    // A full batch of failures is not retried in a loop: the next sweep tries again.
    if (due.length < PURGE_BATCH || batchRemoved === 0) break;
  }
  if (removed) wakeOutbox();
  return removed;
}
