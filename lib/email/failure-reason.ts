import { scrub } from '../platform/log';

/**
 * What a failure may say in logs and in the outbox row: the error's code and first line, through the
 * log's redaction rule (an SMTP server may echo a link's token back), never the message content.
 */
export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
    const firstLine = (message ?? '').split('\n')[0]!.slice(0, 160);
    return scrub([code, responseCode, firstLine].filter(Boolean).join(' '));
  }
  return scrub(String(error).slice(0, 160));
}
