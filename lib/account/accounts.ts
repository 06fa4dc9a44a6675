import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { profileCards, socialLinks, users } from '@/db/schema';
import { duplicateKeyIndex } from '../platform/db-errors';
import {
  addressReserved,
  consumeEmailToken,
  deletePendingChangesTo,
  deleteTokensAfterRevert,
  deleteUserTokens,
  findLiveToken,
  issueEmailToken,
  liveTokenOf,
} from '../email/tokens';
import {
  MAIL_OFF_MESSAGE,
  mailConfigured,
  mailLink,
  queueLinkMail,
  queueVerificationMail,
  signUpMailAllowed,
} from '../email/verification';
import { logError } from '../platform/log';
import { enqueueMail, takeMailAllowance, wakeOutbox } from '../email/outbox';
import { setPasswordFromToken } from '../email/password-reset';
import { burnPasswordCheck, hashPassword, needsRehash, newPasswordProblem, verifyPassword } from '../auth/passwords';
import { deviceIdFor, revokeDeviceTokens } from '../auth/device-token';
import { describeDevice } from '../auth/devices';
import {
  consumeMfaChallenge,
  createMfaChallenge,
  secondFactorMethods,
  type SecondFactorMethod,
} from '../auth/second-factor';
import { checkStepUp, type StepUpFailure } from './step-up';
import { deletionScheduledFailure } from './deletion';
import { clearLoginFailures, takeLoginAttempt, throttleKey, unknownNameKey } from '../auth/login-throttle';
import { limitClient } from '../security/rate-limit';
import { recordEvent, recordEventLater, type EventClient } from '../security/events';
import { fail, ok, type Failure, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { revokeOtherSessions, userColumns, type ResolvedSession, type SessionUser } from '../auth/sessions';
import type {
  ChangeEmailInput,
  ChangePasswordInput,
  ChangeUsernameInput,
  LoginInput,
  SignUpInput,
} from '../validation/account';
import type { RevertEmailChangeInput } from '../validation/email';

/** Thrown inside a transaction to roll it back when the address is held by another account's revert link. */
class AddressReserved extends Error {}

const TAKEN_MESSAGE = 'An account with this email address already exists.';

type TakenAnswer = { field: string } | { message: string };
type TakenAnswers = { email?: TakenAnswer; username?: TakenAnswer };
type TakenCode<A extends TakenAnswers> =
  | (A extends { email: TakenAnswer } ? 'email_taken' : never)
  | (A extends { username: TakenAnswer } ? 'username_taken' : never);

/**
 * The one reading of a taken address or username (a unique index hit, or an address a revert link holds) as its
 * `*_taken` failure, pointed at the form field or said as the message the caller names; null for any other error.
 */
export function takenFailure<A extends TakenAnswers>(error: unknown, answers: A): Failure<TakenCode<A>> | null {
  const index = error instanceof AddressReserved ? 'users_email_unique' : duplicateKeyIndex(error);
  if (index === 'users_email_unique' && answers.email) {
    return fail('email_taken', detail(answers.email, TAKEN_MESSAGE)) as Failure<TakenCode<A>>;
  }
  if (index === 'users_username_unique' && answers.username) {
    return fail('username_taken', detail(answers.username, 'This username is taken.')) as Failure<TakenCode<A>>;
  }
  return null;
}

function detail(answer: TakenAnswer, message: string): { fields: Record<string, string> } | { message: string } {
  return 'field' in answer ? { fields: { [answer.field]: message } } : answer;
}

/** A correct password: signed in, or a second step to take first (the mfaToken is that pending sign-in). */
export type SignInStep =
  | { kind: 'signed_in'; user: SessionUser }
  | { kind: 'second_step'; mfaToken: string; expiresAt: Date; methods: SecondFactorMethod[] };

/** Where a request comes from: its address (as resolved for this deployment), user agent and device token. */
export type RequestClient = EventClient & { ip: string; deviceToken?: string | null };

/** A new account, and whether its verification mail was held back by the per-address mail limit. */
export type NewAccount = SessionUser & { verificationMailHeld: boolean };

/**
 * The user, an empty profile card and empty social links, together and once.
 * The unique indexes decide races. Sign-ups are limited per client address;
 * the verification mail counts against the per-address mail limit, and once
 * that is spent the account is created without it (signUpMailAllowed).
 */
export async function createAccount(
  input: SignUpInput,
  client: RequestClient,
): Promise<Result<NewAccount, 'email_taken' | 'username_taken' | 'validation_failed' | 'rate_limited'>> {
  const limited = await limitClient('signup', client.ip);
  if (limited) return limited;
  const problem = newPasswordProblem(input.password, input);
  if (problem) return fail('validation_failed', { fields: { password: problem } });
  // Counted before the transaction (which talks to the database through tx only and may run again).
  const mailAllowed = await signUpMailAllowed(client);
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
      // After the insert (which waited for any account moving off this address): a revert link may hold it.
      if (await addressReserved(tx, input.email, null)) throw new AddressReserved();
      // A pending change onto this address reserved nothing: it dies, and its confirmation link with it.
      await deletePendingChangesTo(tx, input.email);
      await tx.insert(profileCards).values({ userId: id });
      await tx.insert(socialLinks).values({ userId: id });
      await recordEvent(id, 'signup', client, tx);
      if (mailAllowed) await queueVerificationMail(tx, { id, email: input.email, firstName: input.firstName });
      return id;
    });
    wakeOutbox();
    return ok({
      id,
      email: input.email,
      username: input.username,
      firstName: input.firstName,
      lastName: input.lastName,
      verificationMailHeld: !mailAllowed,
    });
  } catch (error) {
    const taken = takenFailure(error, { email: { field: 'email' }, username: { field: 'username' } });
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
  const address = email.toLowerCase();
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, address)).limit(1);
  // An address held by a revert link is not free either: sign-up would refuse it.
  return ok(!row && !(await addressReserved(db(), address, null)));
}

/** Failure events are written after the answer's timing is settled, so they cannot tell accounts apart by time. */
/** A security event recorded without holding up the answer (see recordEventLater). */
export const recordLater = recordEventLater;

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
): Promise<Result<SignInStep, 'invalid_credentials' | 'rate_limited' | 'deletion_scheduled'>> {
  const perAddress = await limitClient('login', client.ip);
  if (perAddress) return perAddress;
  const identifier = (input.email || input.username || '').trim();
  const byEmail = identifier.includes('@');
  const [row] = await db()
    .select({
      ...userColumns,
      passwordHash: users.passwordHash,
      credentialGeneration: users.credentialGeneration,
      deletesAt: users.deletesAt,
    })
    .from(users)
    .where(byEmail ? eq(users.email, identifier.toLowerCase()) : eq(users.username, identifier))
    .limit(1);
  const deviceId = row ? await deviceIdFor(client.deviceToken, row) : null;
  const key = row ? throttleKey({ userId: row.id, deviceId }) : await unknownNameKey(identifier);
  const attempt = await takeLoginAttempt(key);
  if (!attempt.allowed) return fail('rate_limited', { retryAfterSeconds: attempt.retryAfterSeconds });

  if (!row) {
    await burnPasswordCheck(input.password);
  }
  if (!row || !(await verifyPassword(input.password, row.passwordHash))) {
    if (row) recordLater(row.id, attempt.pausedMs ? 'login_throttled' : 'login_failure', client);
    return fail('invalid_credentials');
  }
  if (row.deletesAt) {
    // Only now, with the password proven, may the answer tell that the account is scheduled for deletion.
    await clearLoginFailures(key);
    return deletionScheduledFailure(row, row.deletesAt);
  }
  if (needsRehash(row.passwordHash)) await upgradePasswordHash(row.id, row.passwordHash, input.password);
  const { passwordHash: _omit, credentialGeneration: _generation, deletesAt: _none, ...user } = row;
  const methods = await secondFactorMethods(row.id);
  if (methods.length) {
    // The count is not cleared: a correct password is only half a sign-in, so wrong codes
    // after it keep adding to the same back-off (lib/account/two-step.ts clears it).
    const challenge = await createMfaChallenge(row.id);
    return ok({ kind: 'second_step', mfaToken: challenge.token, expiresAt: challenge.expiresAt, methods });
  }
  await finishSignIn(user, client, key, deviceId);
  return ok({ kind: 'signed_in', user });
}

/**
 * The end of every sign-in, by password alone or after the second step: the
 * failure count goes, the sign-in is recorded, and a device never seen before
 * (no valid device token for this account) gets the owner a notice.
 */
export async function finishSignIn(
  user: SessionUser,
  client: RequestClient,
  key: string,
  deviceId: string | null,
): Promise<void> {
  await clearLoginFailures(key);
  if (deviceId) {
    await recordEvent(user.id, 'login_success', client);
    return;
  }
  await inTransaction(async (tx) => {
    await recordEvent(user.id, 'login_success', client, tx);
    await recordEvent(user.id, 'new_device_sign_in', client, tx);
    await enqueueMail(tx, {
      kind: 'new_sign_in',
      to: user.email,
      name: user.firstName,
      device: describeDevice(client.userAgent ?? ''),
      ip: client.ip,
    });
  });
  wakeOutbox();
}

export const SIGN_IN_AGAIN = 'This sign-in has expired or was finished already. Sign in again with your password.';

/**
 * The end of every second step (a code, a recovery code or a passkey after a password or a provider): the pending
 * sign-in ends (two tabs finishing the same one: one wins), then the sign-in ends as every sign-in does
 * (finishSignIn: the count cleared, events, the new-device notice). The adapter then issues the session and the
 * device token (startApiSession, startBrowserSession), as after a password alone.
 */
export async function completeSignInStep(
  mfaToken: string,
  user: SessionUser,
  client: RequestClient,
  key: string,
  deviceId: string | null,
): Promise<Result<SessionUser, 'invalid_credentials'>> {
  if (!(await consumeMfaChallenge(mfaToken))) return fail('invalid_credentials', { message: SIGN_IN_AGAIN });
  await finishSignIn(user, client, key, deviceId);
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

/** Every other session of the user dies; the one making the change lives. Asks for the step-up proof (step-up.ts). */
export async function changePassword(
  session: ResolvedSession,
  input: ChangePasswordInput,
  client: RequestClient,
): Promise<Result<null, StepUpFailure['code'] | 'validation_failed'>> {
  const problem = newPasswordProblem(input.newPassword, session.user);
  if (problem) return fail('validation_failed', { fields: { newPassword: problem } });
  const refused = await checkStepUp(session, input, client);
  if (refused) return refused;
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(eq(users.id, session.user.id));
    await revokeOtherSessions(session, tx);
    await revokeDeviceTokens(tx, session.user.id);
    await recordEvent(session.user.id, 'password_changed', client, tx);
    await enqueueMail(tx, { kind: 'password_changed', to: session.user.email, name: session.user.firstName });
  });
  wakeOutbox();
  return ok(null);
}

/** Whether another account holds this address, or a revert link of another account reserves it. */
async function addressUnavailable(email: string, userId: number): Promise<boolean> {
  const [holder] = await db().select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (holder) return holder.id !== userId;
  return addressReserved(db(), email, userId);
}

/**
 * Asks to move the account to another address; nothing changes until the new
 * address confirms (a 24 h link mailed to it). The current address hears of
 * the request, with a link that stops it. The pending address reserves
 * nothing: whoever signs up with it first kills the request.
 */
export async function changeEmail(
  session: ResolvedSession,
  input: ChangeEmailInput,
  client: RequestClient,
): Promise<
  Result<{ email: string; pendingEmail: string | null }, StepUpFailure['code'] | 'email_taken' | 'unavailable'>
> {
  const refused = await checkStepUp(session, input, client);
  if (refused) return refused;
  const { user } = session;
  if (input.newEmail === user.email) {
    await cancelPendingChange(user.id, client);
    return ok({ email: user.email, pendingEmail: null });
  }
  if (!mailConfigured()) return fail('unavailable', { message: MAIL_OFF_MESSAGE });
  if (await addressUnavailable(input.newEmail, user.id)) {
    return fail('email_taken', { fields: { newEmail: TAKEN_MESSAGE } });
  }
  // Two mails (the new address, the old one): counted per client address and per account.
  const mailLimited = await takeMailAllowance({ ip: client.ip, userId: user.id });
  if (mailLimited) return mailLimited;
  await inTransaction(async (tx) => {
    await queueLinkMail(tx, 'confirm_email_change', user, input.newEmail);
    const cancel = await issueEmailToken(tx, 'cancel_email_change', user.id, input.newEmail);
    await enqueueMail(tx, {
      kind: 'email_change_requested',
      to: user.email,
      name: user.firstName,
      newEmail: input.newEmail,
      cancelLink: mailLink('/cancel-email-change', cancel),
    });
    await recordEvent(user.id, 'email_change_requested', client, tx);
  });
  wakeOutbox();
  return ok({ email: user.email, pendingEmail: input.newEmail });
}

export function changeEmailMessage(result: { email: string; pendingEmail: string | null }): string {
  return result.pendingEmail
    ? `Check ${result.pendingEmail}: open the link we sent there to confirm. Until then you sign in with ${result.email}.`
    : `Your email stays ${result.email}.`;
}

/** The address a confirmation link waits for, or null: shown in settings with a way to cancel. */
export async function pendingEmailChange(session: ResolvedSession): Promise<string | null> {
  return (await liveTokenOf(session.user.id, 'change_email'))?.email ?? null;
}

async function cancelPendingChange(userId: number, client: EventClient): Promise<boolean> {
  const cancelled = await inTransaction(async (tx) => {
    if (!(await liveTokenOf(userId, 'change_email', tx))) return false;
    await deleteUserTokens(tx, userId, ['change_email', 'cancel_email_change']);
    await recordEvent(userId, 'email_change_cancelled', client, tx);
    return true;
  });
  return cancelled;
}

export const EMAIL_CHANGE_CANCELLED = 'The email change is cancelled; your address stays as it was.';

/** The owner, signed in, drops the pending change. Nothing pending is not an error: the outcome is the same. */
export async function cancelEmailChange(session: ResolvedSession, client: EventClient = {}): Promise<Result<null>> {
  await cancelPendingChange(session.user.id, client);
  return ok(null);
}

/** The "stop it" link mailed to the current address: it cancels the pending change it was sent for. */
export async function cancelEmailChangeByLink(
  token: string,
  client: EventClient = {},
): Promise<Result<null, 'invalid_token'>> {
  const live = await findLiveToken('cancel_email_change', token);
  if (!live) return fail('invalid_token');
  const done = await inTransaction(async (tx) => {
    if (!(await consumeEmailToken(tx, live))) return false;
    await deleteUserTokens(tx, live.userId, 'change_email');
    await recordEvent(live.userId, 'email_change_cancelled', client, tx);
    return true;
  });
  return done ? ok(null) : fail('invalid_token');
}

export function confirmEmailChangeMessage(email: string): string {
  return `Your account now uses ${email}. Sign in with it from now on.`;
}

/**
 * The new address confirms: the account moves to it (verified: the link
 * proves it). The old address gets a 7-day revert link, which also reserves
 * it for that long: nobody else can sign up with it or move onto it.
 */
export async function confirmEmailChange(
  token: string,
  client: EventClient = {},
): Promise<Result<{ email: string }, 'invalid_token' | 'email_taken'>> {
  const live = await findLiveToken('change_email', token);
  if (!live) return fail('invalid_token');
  try {
    const done = await inTransaction(async (tx) => {
      const [user] = await tx
        .select({ ...userColumns })
        .from(users)
        .where(eq(users.id, live.userId))
        .for('update');
      if (!user || !(await consumeEmailToken(tx, live))) return false;
      await tx
        .update(users)
        .set({ email: live.email, emailVerifiedAt: sql`CURRENT_TIMESTAMP(3)`, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(eq(users.id, user.id));
      if (await addressReserved(tx, live.email, user.id)) throw new AddressReserved();
      // Links for the old address (verification, reset, the "stop it" link) are dead; revert links stay.
      await deleteUserTokens(tx, user.id, ['verify_email', 'reset_password', 'change_email', 'cancel_email_change']);
      // Other accounts' pending changes onto this address die: it is taken now.
      await deletePendingChangesTo(tx, live.email);
      const revert = await issueEmailToken(tx, 'revert_email', user.id, user.email);
      await enqueueMail(tx, {
        kind: 'email_changed',
        to: user.email,
        name: user.firstName,
        newEmail: live.email,
        revertLink: mailLink('/revert-email', revert),
      });
      await recordEvent(user.id, 'email_changed', client, tx);
      return true;
    });
    if (!done) return fail('invalid_token');
  } catch (error) {
    const taken = takenFailure(error, {
      email: { message: 'This address now belongs to another account. Nothing was changed.' },
    });
    if (taken) return taken;
    throw error;
  }
  wakeOutbox();
  return ok({ email: live.email });
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
    const taken = takenFailure(error, { username: { field: 'newUsername' } });
    if (taken) return taken;
    throw error;
  }
  // The card moves with the username: the old address answers 404 at once (cards are read per view; no redirect:
  // the old name could be taken by someone else).
  return ok({ username: input.newUsername });
}

export function revertEmailChangeMessage(email: string): string {
  return `Your account uses ${email} again, your new password is set and every session was signed out. Log in again.`;
}

/**
 * The owner's way back after someone moved the account to another address:
 * the link mailed to the old address restores it (as verified: the link
 * proves it), sets a new password whatever the current one is, ends every
 * session and device token and kills every other link of the account except
 * the revert links issued before it.
 */
export async function revertEmailChange(
  input: RevertEmailChangeInput,
  client: EventClient = {},
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
      await setPasswordFromToken(tx, live.userId, passwordHash, { email: live.email });
      // The original owner wins: revert links issued before this one (older addresses) stay alive.
      await deleteTokensAfterRevert(tx, live);
      await recordEvent(live.userId, 'email_reverted', client, tx);
      return true;
    });
    if (!done) return fail('invalid_token');
    return ok({ email: live.email });
  } catch (error) {
    const taken = takenFailure(error, {
      email: {
        message: 'Your old address now belongs to another account, so it cannot be restored. Nothing was changed.',
      },
    });
    if (taken) return taken;
    throw error;
  }
}
