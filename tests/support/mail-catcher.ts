import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for the tests: every message the app delivers is kept
 * as an .eml file in `dir` (named by arrival), so test processes other than
 * the one running the server can read the mailbox.
 */
export async function startMailCatcher(options: { port?: number; dir: string; clean?: boolean }) {
  if (options.clean !== false) rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        const name = `${Date.now()}-${String(++count).padStart(5, '0')}.eml`;
        writeFileSync(
          path.join(options.dir, name),
          Buffer.concat([Buffer.from(`X-Envelope-To: ${to}\r\n`), ...chunks]),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type CaughtMail = { file: string; to: string; subject: string; text: string; html: string; from: string };

const parsed = new Map<string, CaughtMail>();

export async function readMailbox(dir: string): Promise<CaughtMail[]> {
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.eml'))
      .sort();
  } catch {
    return [];
  }
  const mails: CaughtMail[] = [];
  for (const file of files) {
    const key = path.join(dir, file);
    if (!parsed.has(key)) {
      const mail = await simpleParser(readFileSync(key));
      parsed.set(key, {
        file,
        to: String(mail.headers.get('x-envelope-to') ?? '').toLowerCase(),
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        html: typeof mail.html === 'string' ? mail.html : '',
        from: mail.from?.text ?? '',
      });
    }
    mails.push(parsed.get(key)!);
  }
  return mails;
}

/** The newest mail to `to` whose subject matches, waiting for it to arrive. */
export async function waitForMail(dir: string, to: string, subject: RegExp, timeoutMs = 20_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMailbox(dir)).filter((mail) => mail.to === to.toLowerCase() && subject.test(mail.subject));
    if (found.length) return found[found.length - 1]!;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function mailsTo(dir: string, to: string): Promise<CaughtMail[]> {
  return (await readMailbox(dir)).filter((mail) => mail.to === to.toLowerCase());
}

/** The token of the first app link in a mail's text part (what a text-only reader would open). */
export function linkToken(mail: CaughtMail, pathname: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${pathname}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${pathname} link in mail "${mail.subject}"`);
  return match[1]!;
}

export function linkUrl(mail: CaughtMail, pathname: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${pathname}\\?token=[A-Za-z0-9_-]+`).exec(mail.text);
  if (!match) throw new Error(`no ${pathname} link in mail "${mail.subject}"`);
  return match[0];
}
