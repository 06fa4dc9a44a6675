import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { profileCards, sessions, socialLinks, users } from '@/db/schema';
import { duplicateKeyIndex } from '../platform/db-errors';
import { consumeEmailToken, deleteUserTokens, findLiveToken, issueEmailToken } from '../email/tokens';
import { mailConfigured, mailLink, queueVerificationMail } from '../email/verification';
import { logError } from '../platform/log';
import { enqueueMail, wakeOutbox } from '../email/outbox';
import { burnPasswordCheck, hashPassword, needsRehash, newPasswordProblem, verifyPassword } from '../auth/passwords';
import { deviceIdFor } from '../auth/device-token';
import { clearLoginFailures, takeLoginAttempt, throttleKey } from '../auth/login-throttle';
import { limitClient } from '../security/rate-limit';
import { recordEvent, type EventClient } from '../security/events';
import { fail, ok, type Failure, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { revokeOtherSessions, type ResolvedSession, type SessionUser } from '../auth/sessions';
import type {
  ChangeEmailInput,
  ChangePasswordInput,
  ChangeUsernameInput,
  DeleteAccountInput,
  LoginInput,
  SignUpInput,
} from '../validation/account';
import type { RevertEmailChangeInput } from '../validation/email';

const userColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
};

function takenFailure(error: unknown): Failure<'email_taken' | 'username_taken'> | null {
  const index = duplicateKeyIndex(error);
  if (index === 'users_email_unique') {
    return fail('email_taken', { fields: { email: 'An account with this email address already exists.' } });
  }
  if (index === 'users_username_unique') {
    return fail('username_taken', { fields: { username: 'This username is taken.' } });
  }
  return null;
}

/** Where a request comes from: its address (as resolved for this deployment), user agent and device token. */
export type RequestClient = EventClient & { ip: string; deviceToken?: string | null };

/**
 * The user, an empty profile card and empty social links, together and once.
 * The unique indexes decide races. Sign-ups are limited per client address.
 */
export async function createAccount(
  input: SignUpInput,
  client: RequestClient,
): Promise<Result<SessionUser, 'email_taken' | 'username_taken' | 'validation_failed' | 'rate_limited'>> {
  const limited = await limitClient('signup', client.ip);
  if (limited) return limited;
  const problem = newPasswordProblem(input.password, input);
  if (problem) return fail('validation_failed', { fields: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await inTransaction(async (tx) => {
      const [{ id }] = (await tx
        .insert(users)
        .values({
          email: input.email,
          username: input.username,
          firstName: input.firstName,
          lastName: input.lastName,
          passwordHash,
        })
        .$returningId()) as [{ id: number }];
      await tx.insert(profileCards).values({ userId: id });
      await tx.insert(socialLinks).values({ userId: id });
      await recordEvent(id, 'signup', client, tx);
      await queueVerificationMail(tx, { id, email: input.email, firstName: input.firstName });
      return id;
    });
    wakeOutbox();
    return ok({
      id,
      email: input.email,
      username: input.username,
      firstName: input.firstName,
      lastName: input.lastName,
    });
  } catch (error) {
    const taken = takenFailure(error);
    if (taken) return taken;
    throw error;
  }
}

/** Says whether a name is free, so each answer reveals an account: limited per client address. */
export async function isUsernameAvailable(
  username: string,
  client: RequestClient,
): Promise<Result<boolean, 'rate_limited'>> {
  const limited = await limitClient('availability', client.ip);
  if (limited) return limited;
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  return ok(!row);
}

export async function isEmailAvailable(email: string, client: RequestClient): Promise<Result<boolean, 'rate_limited'>> {
  const limited = await limitClient('availability', client.ip);
  if (limited) return limited;
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return ok(!row);
}

/** Failure events are written after the answer's timing is settled, so they cannot tell accounts apart by time. */
function recordLater(userId: number, type: 'login_failure' | 'login_throttled', client: RequestClient) {
  recordEvent(userId, type, client).catch((error: unknown) => {
    logError('activity event not recorded', error, { type });
  });
}

/**
 * Email or username + password. An unknown account, a wrong password and a
 * legacy hash all answer the same and take the same time. Limits, in order:
 * login attempts per client address; then consecutive failures, counted per
 * account (whichever of its names was typed; per typed name when there is no
 * such account, so both behave alike), except that a client presenting a
 * valid device token for the account has a count of its own. From the 5th
 * consecutive failure, attempts on that count pause for 1 s, doubling to 15 min.
 */
export async function verifyCredentials(
  input: LoginInput,
  client: RequestClient,
): Promise<Result<SessionUser, 'invalid_credentials' | 'rate_limited'>> {
  const perAddress = await limitClient('login', client.ip);
  if (perAddress) return perAddress;
  const identifier = (input.email || input.username || '').trim();
  const byEmail = identifier.includes('@');
  const [row] = await db()
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(byEmail ? eq(users.email, identifier.toLowerCase()) : eq(users.username, identifier))
    .limit(1);
  const key = row
    ? throttleKey({ userId: row.id, deviceId: await deviceIdFor(client.deviceToken, row.id) })
    : throttleKey({ identifier });
  const attempt = await takeLoginAttempt(key);
  if (!attempt.allowed) return fail('rate_limited', { retryAfterSeconds: attempt.retryAfterSeconds });

  if (!row) {
    await burnPasswordCheck(input.password);
  }
  if (!row || !(await verifyPassword(input.password, row.passwordHash))) {
    if (row) recordLater(row.id, attempt.pausedMs ? 'login_throttled' : 'login_failure', client);
    return fail('invalid_credentials');
  }
  await clearLoginFailures(key);
  if (needsRehash(row.passwordHash)) await upgradePasswordHash(row.id, row.passwordHash, input.password);
  await recordEvent(row.id, 'login_success', client);
  const { passwordHash: _omit, ...user } = row;
  return ok(user);
}

/**
 * An imported Werkzeug hash (or an outdated bcrypt cost) becomes today's hash
 * at the first successful login. Only if the row still holds the hash just
 * checked: a password changed meanwhile is never overwritten. A failure here
 * costs the user nothing (the old hash still works), so the login goes on.
 */
async function upgradePasswordHash(userId: number, checkedHash: string, password: string): Promise<void> {
  try {
    const passwordHash = await hashPassword(password);
    await db()
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, userId), eq(users.passwordHash, checkedHash)));
  } catch (error) {
    // Through the redaction rule: drizzle's message would carry the new hash as a parameter.
    logError('password hash upgrade failed', error, { userId });
  }
}

async function checkCurrentPassword(userId: number, password: string): Promise<Failure<'incorrect_password'> | null> {
  const [row] = await db()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (row && (await verifyPassword(password, row.passwordHash))) return null;
  return fail('incorrect_password', { fields: { currentPassword: 'Your current password is not correct.' } });
}

/** Every other session of the user dies; the one making the change lives. */
export async function changePassword(
  session: ResolvedSession,
  input: ChangePasswordInput,
  client: EventClient = {},
): Promise<Result<null, 'incorrect_password' | 'validation_failed'>> {
  const problem = newPasswordProblem(input.newPassword, session.user);
  if (problem) return fail('validation_failed', { fields: { newPassword: problem } });
  const wrong = await checkCurrentPassword(session.user.id, input.currentPassword);
  if (wrong) return wrong;
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(eq(users.id, session.user.id));
    await revokeOtherSessions(session, tx);
    await recordEvent(session.user.id, 'password_changed', client, tx);
    await enqueueMail(tx, { kind: 'password_changed', to: session.user.email, name: session.user.firstName });
  });
  wakeOutbox();
  return ok(null);
}

export async function changeEmail(
  session: ResolvedSession,
  input: ChangeEmailInput,
  client: EventClient = {},
): Promise<Result<{ email: string }, 'incorrect_password' | 'email_taken'>> {
  const wrong = await checkCurrentPassword(session.user.id, input.currentPassword);
  if (wrong) return wrong;
  const { user } = session;
  if (input.newEmail === user.email) return ok({ email: user.email });
  try {
    await inTransaction(async (tx) => {
      await tx
        .update(users)
        .set({ email: input.newEmail, emailVerifiedAt: null, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(eq(users.id, user.id));
      // The new address is unproven: a link to it; the old one hears of the change and can undo it for 7 days.
      await queueVerificationMail(tx, { ...user, email: input.newEmail });
      if (mailConfigured()) {
        const revert = await issueEmailToken(tx, 'revert_email', user.id, user.email);
        await enqueueMail(tx, {
          kind: 'email_changed',
          to: user.email,
          name: user.firstName,
          newEmail: input.newEmail,
          revertLink: mailLink('/revert-email', revert),
        });
      }
      await recordEvent(user.id, 'email_changed', client, tx);
    });
    wakeOutbox();
  } catch (error) {
    if (duplicateKeyIndex(error) === 'users_email_unique') {
      return fail('email_taken', { fields: { newEmail: 'An account with this email address already exists.' } });
    }
    throw error;
  }
  return ok({ email: input.newEmail });
}

export async function changeUsername(
  session: ResolvedSession,
  input: ChangeUsernameInput,
  client: EventClient = {},
): Promise<Result<{ username: string }, 'username_taken'>> {
  try {
    await inTransaction(async (tx) => {
      await tx
        .update(users)
        .set({ username: input.newUsername, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(eq(users.id, session.user.id));
      await enqueueMail(tx, {
        kind: 'username_changed',
        to: session.user.email,
        name: session.user.firstName,
        username: input.newUsername,
      });
      await recordEvent(session.user.id, 'username_changed', client, tx);
    });
    wakeOutbox();
  } catch (error) {
    if (duplicateKeyIndex(error) === 'users_username_unique') {
      return fail('username_taken', { fields: { newUsername: 'This username is taken.' } });
    }
    throw error;
  }
  // The card moves with the username: the old address answers 404 at once (cards are read per view; no redirect:
  // the old name could be taken by someone else).
  return ok({ username: input.newUsername });
}

/** The user, the profile card, the social links and every session, in one transaction. */
export async function deleteAccount(
  session: ResolvedSession,
  input: DeleteAccountInput,
): Promise<Result<null, 'incorrect_password'>> {
  const wrong = await checkCurrentPassword(session.user.id, input.currentPassword);
  if (wrong) return wrong;
  const userId = session.user.id;
  await inTransaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(socialLinks).where(eq(socialLinks.userId, userId));
    await tx.delete(profileCards).where(eq(profileCards.userId, userId));
    await tx.delete(users).where(eq(users.id, userId));
    await enqueueMail(tx, { kind: 'account_deleted', to: session.user.email, name: session.user.firstName });
  });
  wakeOutbox();
  return ok(null);
}

export function revertEmailChangeMessage(email: string): string {
  return `Your account uses ${email} again, your new password is set and every session was signed out. Log in again.`;
}

/**
 * The owner's way back after someone moved the account to another address:
 * the link mailed to the old address restores it (as verified: the link
 * proves it), sets a new password whatever the current one is, ends every
 * session and kills every other link of the account.
 */
export async function revertEmailChange(
  input: RevertEmailChangeInput,
): Promise<Result<{ email: string }, 'invalid_token' | 'validation_failed' | 'email_taken'>> {
  const live = await findLiveToken('revert_email', input.token);
  if (!live) return fail('invalid_token');
  const [user] = await db().select({ username: users.username }).from(users).where(eq(users.id, live.userId)).limit(1);
  if (!user) return fail('invalid_token');
  const problem = newPasswordProblem(input.newPassword, { username: user.username, email: live.email });
  if (problem) return fail('validation_failed', { fields: { newPassword: problem } });
  const passwordHash = await hashPassword(input.newPassword);
  try {
    const done = await inTransaction(async (tx) => {
      if (!(await consumeEmailToken(tx, live))) return false;
      await tx
        .update(users)
        .set({
          email: live.email,
          emailVerifiedAt: sql`CURRENT_TIMESTAMP(3)`,
          passwordHash,
          updatedAt: sql`CURRENT_TIMESTAMP(3)`,
        })
        .where(eq(users.id, live.userId));
      await tx.delete(sessions).where(eq(sessions.userId, live.userId));
      await deleteUserTokens(tx, live.userId);
      return true;
    });
    if (!done) return fail('invalid_token');
    return ok({ email: live.email });
  } catch (error) {
    if (duplicateKeyIndex(error) === 'users_email_unique') {
      return fail('email_taken', {
        message: 'Your old address now belongs to another account, so it cannot be restored. Nothing was changed.',
      });
    }
    throw error;
  }
}
