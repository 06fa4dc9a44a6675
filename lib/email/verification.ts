import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { users, type TokenPurpose } from '@/db/schema';
import { config } from '../platform/config';
import { consumeEmailToken, findLiveToken, issueEmailToken } from './tokens';
import { enqueueMail, takeMailAllowance, wakeOutbox } from './outbox';
import { takeRateLimitHit, type RateLimitRule } from '../security/rate-limit';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import type { SessionUser } from '../auth/sessions';

export function mailLink(pathname: string, token: string): string {
  return `${config().mail.appUrl}${pathname}?token=${token}`;
}

export function mailConfigured(): boolean {
  return config().mail.mode !== 'off';
}

export const MAIL_OFF_MESSAGE = 'Email is not configured on this server, so no link can be sent. Ask its operator.';

/** The mails that carry one link to the address they go to: its token's purpose and the page it opens. */
const LINK_MAILS = {
  verify_email: { purpose: 'verify_email', path: '/verify-email' },
  reset_password: { purpose: 'reset_password', path: '/reset-password' },
  confirm_email_change: { purpose: 'change_email', path: '/confirm-email' },
} as const satisfies Record<string, { purpose: TokenPurpose; path: string }>;

/** Inside the caller's transaction: a fresh link token for `to` (older ones of its kind die) and the mail with it. */
export async function queueLinkMail(
  tx: Executor,
  kind: keyof typeof LINK_MAILS,
  user: Pick<SessionUser, 'id' | 'firstName'>,
  to: string,
): Promise<void> {
  const { purpose, path } = LINK_MAILS[kind];
  const token = await issueEmailToken(tx, purpose, user.id, to);
  await enqueueMail(tx, { kind, to, name: user.firstName, link: mailLink(path, token) });
}

/** Inside the caller's transaction: a fresh verification link (older ones die) to the address on file. */
export async function queueVerificationMail(tx: Executor, user: Pick<SessionUser, 'id' | 'email' | 'firstName'>) {
  if (!mailConfigured()) return;
  await queueLinkMail(tx, 'verify_email', user, user.email);
}

/**
 * A sign-up's verification mail counts against RATE_LIMIT_MAIL_PER_HOUR like every request that sends mail (issue
 * 20: one address signing up accounts with other people's addresses would flood them). Once the client address has
 * spent it the account is still created, but no link goes out: the owner asks for one later ("Resend the link",
 * `POST /api/resendVerification`). True when the mail may go (with mail off nothing goes, and nothing is counted).
 * Not the account's daily budget: the account is new. docs/rate-limits.md.
 */
export async function signUpMailAllowed(client: { ip: string }): Promise<boolean> {
  return (await takeMailAllowance({ ip: client.ip })) === null;
}

/** What a sign-up whose verification mail was held back says (the API's 201 message). */
export const SIGN_UP_MAIL_HELD_MESSAGE =
  'Account created, but no verification email was sent: too many emails were asked for from your network in the ' +
  'last hour. Ask for a new link later (POST /api/resendVerification once signed in).';

export async function isEmailVerified(userId: number): Promise<boolean> {
  const [row] = await db().select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).limit(1);
  return Boolean(row?.at);
}

const RESENDS: RateLimitRule = { name: 'verify-resend', limit: 3, windowMs: 15 * 60_000 };

/** A new link for the signed-in user: three per quarter hour, and the mail limits. Verified: nothing to send. */
export async function resendVerification(
  user: SessionUser,
  client: { ip: string },
): Promise<Result<{ alreadyVerified: boolean }, 'rate_limited' | 'unavailable'>> {
  if (!mailConfigured()) return fail('unavailable', { message: MAIL_OFF_MESSAGE });
  if (await isEmailVerified(user.id)) return ok({ alreadyVerified: true });
  const mailLimited = await takeMailAllowance({ ip: client.ip, userId: user.id });
  if (mailLimited) return mailLimited;
  const limit = await takeRateLimitHit(RESENDS, `user:${user.id}`);
  if (limit.limited) {
    return fail('rate_limited', {
      message: 'A link was sent a moment ago. Check your inbox (and spam folder) or try again in a few minutes.',
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }
  await inTransaction((tx) => queueVerificationMail(tx, user));
  wakeOutbox();
  return ok({ alreadyVerified: false });
}

export function resendVerificationMessage(sent: { alreadyVerified: boolean }, user: SessionUser): string {
  return sent.alreadyVerified
    ? 'Your email address is already verified.'
    : `A new link is on its way to ${user.email}.`;
}

/** Confirms the address the link was sent to, if it is still the one on file. The token dies either way. */
export async function verifyEmail(token: string): Promise<Result<{ email: string }, 'invalid_token'>> {
  const live = await findLiveToken('verify_email', token);
  if (!live) return fail('invalid_token');
  const verified = await inTransaction(async (tx) => {
    if (!(await consumeEmailToken(tx, live))) return false;
    const [result] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`COALESCE(${users.emailVerifiedAt}, CURRENT_TIMESTAMP(3))` })
      .where(and(eq(users.id, live.userId), eq(users.email, live.email)));
    return result.affectedRows === 1;
  });
  return verified ? ok({ email: live.email }) : fail('invalid_token');
}
