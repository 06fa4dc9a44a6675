import 'server-only';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../platform/config';
import type { MailMessage } from './kinds';
import { renderMail } from './templates';

// A dead or stalling server must fail an attempt within seconds, not hold the worker.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
export const DEV_MAIL_DIR = path.join(process.cwd(), '.data', 'mail');

let smtp: Transporter | undefined;
let files: Transporter | undefined;

function smtpTransport(url: string): Transporter {
  smtp ??= nodemailer.createTransport({ url, ...TIMEOUTS });
  return smtp;
}

/** Development without SMTP_URL: the message as an .eml file, and its link in the log. */
async function writeEml(message: MailMessage, raw: Buffer): Promise<void> {
  await mkdir(DEV_MAIL_DIR, { recursive: true });
  const file = path.join(DEV_MAIL_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.kind}.eml`);
  await writeFile(file, raw);
  const link = 'link' in message ? message.link : 'revertLink' in message ? message.revertLink : '';
  console.log(
    `[mail] ${message.kind} for ${message.to} written to ${path.relative(process.cwd(), file)}` +
      (link ? `\n[mail] link: ${link}` : ''),
  );
}

/** Renders and hands one message to SMTP (or the development folder); throws when it could not be handed over. */
export async function deliver(message: MailMessage): Promise<void> {
  const { mode, smtpUrl, from } = config().mail;
  const rendered = await renderMail(message);
  const envelope = { from, to: message.to, subject: rendered.subject, text: rendered.text, html: rendered.html };
  if (mode === 'smtp') {
    await smtpTransport(smtpUrl!).sendMail(envelope);
    return;
  }
  files ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = (await files.sendMail(envelope)) as { message: Buffer };
  await writeEml(message, info.message);
}
