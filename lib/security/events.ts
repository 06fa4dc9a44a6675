import 'server-only';
import { and, desc, eq, lt } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { securityEvents } from '@/db/schema';
import { config } from '../platform/config';
import { logError } from '../platform/log';

import type { SecurityEventType } from './event-types';
export type EventClient = { ip?: string | null; userAgent?: string | null };
export type SecurityEvent = { id: number; type: SecurityEventType; at: Date; ip: string; userAgent: string };

export const ACTIVITY_PAGE_SIZE = 20;

/** What the owner sees of an event (the activity page, the export): never more. */
export const eventColumns = {
  id: securityEvents.id,
  type: securityEvents.type,
  at: securityEvents.at,
  ip: securityEvents.ip,
  userAgent: securityEvents.userAgent,
};

export async function recordEvent(
  userId: number,
  type: SecurityEventType,
  client: EventClient = {},
  tx: Executor = db(),
) {
  await tx.insert(securityEvents).values({
    userId,
    type,
    ip: (client.ip ?? '').slice(0, 45),
    userAgent: (client.userAgent ?? '').slice(0, 512),
  });
}

/** recordEvent without holding up the answer (a failed sign-in must not wait on the activity log); errors logged. */
export function recordEventLater(userId: number, type: SecurityEventType, client: EventClient = {}): void {
  recordEvent(userId, type, client).catch((error: unknown) => {
    logError('activity event not recorded', error, { type });
  });
}

/** The user's own events, newest first; `before` is the previous page's `next` cursor (an event id). */
export async function listEvents(
  userId: number,
  before: number | null = null,
  limit = ACTIVITY_PAGE_SIZE,
): Promise<{ events: SecurityEvent[]; next: number | null }> {
  const rows = await db()
    .select(eventColumns)
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), before ? lt(securityEvents.id, before) : undefined))
    .orderBy(desc(securityEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit) as SecurityEvent[];
  return { events: page, next: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Events past SECURITY_EVENT_RETENTION_DAYS go (the housekeeping job calls this). */
export async function deleteOldEvents(now = Date.now()): Promise<number> {
  const [result] = await db()
    .delete(securityEvents)
    .where(lt(securityEvents.at, new Date(now - config().securityEventRetentionMs)));
  return result.affectedRows;
}
