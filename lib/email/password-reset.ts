import 'server-only';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { consumeEmailToken, deleteUserTokens, findLiveToken } from './tokens';
import { ADDRESS_LINKS, tokenLifetimeText } from './token-purposes';
import { MAIL_OFF_MESSAGE, mailConfigured, queueLinkMail } from './verification';
import { enqueueMail, takeMailAllowance, wakeOutbox } from './outbox';
import { hashPassword, newPasswordProblem } from '../auth/passwords';
import { deviceIdFor, revokeDeviceTokens } from '../auth/device-token';
import { clearLoginFailures, throttleKey } from '../auth/login-throttle';
import { recordEvent, type EventClient } from '../security/events';
import { hashKey, takeRateLimitHit, type RateLimitRule } from '../security/rate-limit';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import type { ForgotPasswordInput, ResetPasswordInput } from '../validation/email';

export const FORGOT_PASSWORD_ANSWER = `If an account uses that address, a link to reset its password is on its way. It works for ${tokenLifetimeText('reset_password')}.`;

export const RESET_PASSWORD_DONE =
  'Your password is changed and every session was signed out. Log in with your new password.';

const PER_ADDRESS: RateLimitRule = { name: 'forgot-address', limit: 5, windowMs: 60 * 60_000 };
// The owner's known device (a valid device token for the account) has a quota of its own: a stranger spending the
// address's quota cannot deny the owner a reset.
const PER_DEVICE: RateLimitRule = { name: 'forgot-device', limit: 5, windowMs: 60 * 60_000 };
// Every answer takes at least this long, so the extra writes for a known address cannot be timed.
const ANSWER_FLOOR_MS = 250;

function addressKey(email: string) {
  return createHash('sha256').update(email.toLowerCase()).digest('base64url');
}

/**
 * Mails a reset link when the address has an account. The answer (and its
 * time) is the same either way; throttled per address and per client.
 */
export async function requestPasswordReset(
  input: ForgotPasswordInput,
  client: { ip: string; deviceToken?: string | null },
): Promise<Result<null, 'rate_limited' | 'unavailable'>> {
  if (!mailConfigured()) return fail('unavailable', { message: MAIL_OFF_MESSAGE });
  const started = Date.now();
  try {
    // Per client address: RATE_LIMIT_MAIL_PER_HOUR, shared with every mail-sending endpoint.
    const byClient = await takeMailAllowance({ ip: client.ip });
    if (byClient) return byClient;
    const [user] = await db()
      .select({
        id: users.id,
        email: users.email,
        firstName: users.firstName,
        credentialGeneration: users.credentialGeneration,
      })
      .from(users)
      .where(eq(users.email, input.email))
      .limit(1);
    const deviceId = user ? await deviceIdFor(client.deviceToken, user) : null;
    const quota = deviceId
      ? await takeRateLimitHit(PER_DEVICE, hashKey(`device:${user!.id}:${deviceId}`))
      : await takeRateLimitHit(PER_ADDRESS, addressKey(input.email));
    if (quota.limited) return fail('rate_limited', { retryAfterSeconds: quota.retryAfterSeconds });
    // The account's daily mail budget, spent: nothing is sent, and the answer says nothing different. The owner's
    // known device is not held to it, so a stranger who spends the budget cannot deny the owner a reset.
    if (user && (deviceId || !(await takeMailAllowance({ userId: user.id })))) {
      await inTransaction((tx) => queueLinkMail(tx, 'reset_password', user, user.email));
      wakeOutbox();
    }
    return ok(null);
  } finally {
    await sleep(Math.max(0, started + ANSWER_FLOOR_MS - Date.now()));
  }
}

/**
 * What a mailed link that sets a new password does (a reset, the revert of an email change), inside the caller's
 * transaction: the password, the address the link proved (verified; `email` moves the account back to it), and
 * every session and device token of the account ends.
 */
export async function setPasswordFromToken(
  tx: Executor,
  userId: number,
  passwordHash: string,
  { email }: { email?: string } = {},
): Promise<void> {
  await tx
    .update(users)
    .set({
      passwordHash,
      ...(email
        ? { email, emailVerifiedAt: sql`CURRENT_TIMESTAMP(3)` }
        : { emailVerifiedAt: sql`COALESCE(${users.emailVerifiedAt}, CURRENT_TIMESTAMP(3))` }),
      updatedAt: sql`CURRENT_TIMESTAMP(3)`,
    })
    .where(eq(users.id, userId));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await revokeDeviceTokens(tx, userId);
}

/**
 * A new password from a reset link sent to the address still on file: every
 * session and device token ends, the login pause is lifted, the owner gets a
 * notice. The link proves the address (it counts as verified), so it outranks
 * every pending claim on it: outstanding reset, verification and email-change
 * links die. A revert link held by a previous address stays: that owner wins.
 */
export async function resetPassword(
  input: ResetPasswordInput,
  client: EventClient = {},
): Promise<Result<null, 'invalid_token' | 'validation_failed'>> {
  const live = await findLiveToken('reset_password', input.token);
  if (!live) return fail('invalid_token');
  const [user] = await db()
    .select({ id: users.id, email: users.email, username: users.username, firstName: users.firstName })
    .from(users)
    .where(and(eq(users.id, live.userId), eq(users.email, live.email)))
    .limit(1);
  if (!user) return fail('invalid_token');
  const problem = newPasswordProblem(input.newPassword, user);
  if (problem) return fail('validation_failed', { fields: { newPassword: problem } });
  const passwordHash = await hashPassword(input.newPassword);
  const done = await inTransaction(async (tx) => {
    if (!(await consumeEmailToken(tx, live))) return false;
    await setPasswordFromToken(tx, user.id, passwordHash);
    await deleteUserTokens(tx, user.id, ADDRESS_LINKS);
    await recordEvent(user.id, 'password_reset', client, tx);
    await enqueueMail(tx, { kind: 'password_changed', to: user.email, name: user.firstName });
    return true;
  });
  if (!done) return fail('invalid_token');
  // Whoever kept the account's login pause running by guessing: the owner just proved the address.
  await clearLoginFailures(throttleKey({ userId: user.id, deviceId: null }));
  wakeOutbox();
  return ok(null);
}
