import { config } from '../config';
import { claimDueMail, markFailed, markSent, onOutboxWake } from '../outbox';
import { deliver } from './deliver';

/** What a failure may say in logs and in the outbox row: the error's code or first line, never the message content. */
function reasonOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
    const firstLine = (message ?? '').split('\n')[0]!.slice(0, 160);
    return [code, responseCode, firstLine].filter(Boolean).join(' ');
  }
  return String(error).slice(0, 160);
}

let running = false;
let again = false;

/** One pass over the due mail; overlapping calls fold into one extra pass. */
export async function drainOutbox(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      const batch = await claimDueMail();
      for (const mail of batch) {
        if (!mail.message) {
          await markFailed(mail.id, mail.attempt, 'payload cannot be opened (JWT_SECRET changed?)', true);
          console.error(`[mail] message ${mail.id} given up: its payload cannot be opened`);
          continue;
        }
        try {
          await deliver(mail.message);
          await markSent(mail.id);
        } catch (error) {
          const reason = reasonOf(error);
          const next = await markFailed(mail.id, mail.attempt, reason);
          console.error(
            `[mail] ${mail.message.kind} message ${mail.id} not delivered (attempt ${mail.attempt}): ${reason}; ` +
              (next ? `next try at ${next.toISOString()}` : 'giving up'),
          );
        }
      }
      if (batch.length === 10) again = true;
    } while (again);
  } finally {
    running = false;
  }
}

/** Polls the outbox (and wakes at once when a request queued mail) for the life of the process. */
export function startOutboxWorker(): void {
  const { mode, pollMs } = config().mail;
  if (mode === 'off') {
    console.warn(
      '[mail] Email is not configured (SMTP_URL is not set): no mail is sent, and password reset is unavailable.',
    );
    return;
  }
  if (mode === 'files')
    console.log('[mail] No SMTP_URL: mail is written as .eml files under .data/mail/ and links are logged.');
  const tick = () => {
    drainOutbox().catch((error) => console.error('[mail] outbox pass failed:', reasonOf(error)));
  };
  onOutboxWake(() => setImmediate(tick));
  setInterval(tick, pollMs).unref();
  tick();
}
