import 'server-only';
import { config } from '../platform/config';
import { logger } from '../platform/log';
import { reportOutboxBacklog } from '../platform/metrics';
import { reasonOf } from './failure-reason';
import { claimDueMail, markFailed, markSent, onOutboxWake, outboxBacklog } from './outbox';
import { deliver } from './deliver';
import { onShutdown } from '../platform/shutdown';

let running: Promise<void> | null = null;
let again = false;

/** One pass over the due mail; overlapping calls fold into one extra pass. */
export async function drainOutbox(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  let done = () => {};
  running = new Promise<void>((resolve) => (done = resolve));
  try {
    do {
      again = false;
      const batch = await claimDueMail();
      for (const mail of batch) {
        if (!mail.message) {
          await markFailed(mail.id, mail.attempt, 'payload cannot be opened (JWT_SECRET changed?)', true);
          logger().error({ mailId: mail.id }, 'mail given up: its payload cannot be opened');
          continue;
        }
        try {
          await deliver(mail.message);
          await markSent(mail.id);
        } catch (error) {
          const reason = reasonOf(error);
          const next = await markFailed(mail.id, mail.attempt, reason);
          logger().warn(
            {
              mailId: mail.id,
              kind: mail.message.kind,
              attempt: mail.attempt,
              reason,
              nextTry: next?.toISOString() ?? null,
            },
            next ? 'mail not delivered; will retry' : 'mail not delivered; giving up',
          );
        }
      }
      if (batch.length === 10) again = true;
    } while (again);
  } finally {
    running = null;
    done();
  }
}

/** Polls the outbox (and wakes at once when a request queued mail) for the life of the process. */
export function startOutboxWorker(): void {
  const { mode, pollMs } = config().mail;
  reportOutboxBacklog(outboxBacklog);
  if (mode === 'off') {
    logger().warn('Email is not configured (SMTP_URL is not set): no mail is sent, and password reset is unavailable.');
    return;
  }
  if (mode === 'files')
    logger().info('No SMTP_URL: mail is written as .eml files under .data/mail/ and links are logged.');
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    drainOutbox().catch((error) => logger().warn({ reason: reasonOf(error) }, 'outbox pass failed'));
  };
  onOutboxWake(() => setImmediate(tick));
  const timer = setInterval(tick, pollMs).unref();
  // No new pass after shutdown begins; the one under way finishes before the pool closes (lib/platform/shutdown.ts).
  onShutdown('outbox worker', async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  });
  tick();
}
