import 'server-only';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Executor } from '@/db/client';
import { checkCurrentPassword, currentPasswordMatches } from '../auth/current-password';
import { deviceIdForAccount } from '../auth/device-token';
import { clearLoginFailures, takeLoginAttempt, throttleKey } from '../auth/login-throttle';
import { secondFactorMethods, totpState, useRecoveryCode, useTotpCode } from '../auth/second-factor';
import type { ResolvedSession, SessionUser } from '../auth/sessions';
import type { TwoStepChange } from '../email/kinds';
import { enqueueMail, wakeOutbox } from '../email/outbox';
import { fail, ok, type Failure, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { recordEvent, recordEventLater } from '../security/events';
import type { StepUpProof } from '../validation/step-up';
import type { RequestClient } from './accounts';
import { isFreshSession } from './export';
import { assertionOptions, checkAssertion } from './webauthn';

/*
 * Step-up: what a signed-in user proves again before a change that matters (password, email, deletion, turning
 * two-step sign-in on or off, new recovery codes, adding a passkey). One rule, here, for every such change:
 *
 * - a passkey of the account (an assertion for a challenge from stepUpPasskeyOptions) is enough on its own: it
 *   stands in for the current password and is a second factor;
 * - otherwise the current password, and, when the account has a second factor (secondFactorMethods: a confirmed
 *   authenticator app or a passkey), also a current code from the app or a recovery code.
 *
 * Every guess goes through the account's login back-off with its known-device allowance (a wrong code, like a
 * wrong password, counts as a failed login), so a stolen session guesses no faster than the login form allows.
 * A TOTP code is accepted once: one used to sign in cannot be used again here, nor one used here again.
 */

export const WRONG_CODE = 'That code is not correct, or it was used already. Enter the current code from your app.';
const PASSKEY_NOT_VERIFIED = 'That passkey could not be verified. Try again, or use your password and a code.';

export type StepUpFailure = Failure<
  | 'incorrect_password'
  | 'incorrect_code'
  | 'validation_failed'
  | 'second_factor_required'
  | 'reauthentication_required'
  | 'rate_limited'
>;

/**
 * Takes an attempt on the account's count and then runs `check`; false counts as a failure (recorded as
 * activity); the caller clears the count with the key once the whole proof is complete.
 */
export async function countedCheck(
  userId: number,
  client: RequestClient,
  check: () => Promise<boolean>,
): Promise<
  { passed: true; key: string; deviceId: string | null } | { passed: false; failure: Failure<'rate_limited'> | null }
> {
  const deviceId = await deviceIdForAccount(client.deviceToken, userId);
  const key = throttleKey({ userId, deviceId });
  const attempt = await takeLoginAttempt(key);
  if (!attempt.allowed) {
    return { passed: false, failure: fail('rate_limited', { retryAfterSeconds: attempt.retryAfterSeconds }) };
  }
  if (!(await check())) {
    recordEventLater(userId, attempt.pausedMs ? 'login_throttled' : 'login_failure', client);
    return { passed: false, failure: null };
  }
  return { passed: true, key, deviceId };
}

/**
 * Queues the notice of a change to the account's second step, inside the caller's transaction. Here rather than in
 * two-step.ts because step-up.ts, passkeys.ts and two-step.ts all send it, and two-step.ts imports this module.
 */
export async function queueTwoStepNotice(
  tx: Executor,
  user: SessionUser,
  change: TwoStepChange,
  codesLeft?: number,
): Promise<void> {
  await enqueueMail(tx, { kind: 'two_step_changed', to: user.email, name: user.firstName, change, codesLeft });
}

/** A recovery code was used (at sign-in or for a change): a security event, and a notice with the codes left. */
export async function noteRecoveryCodeUsed(
  user: SessionUser,
  client: RequestClient,
  usedFor: 'sign_in' | 'change',
): Promise<void> {
  const codesLeft = (await totpState(user.id))?.recoveryCodesLeft ?? 0;
  await inTransaction(async (tx) => {
    await recordEvent(user.id, 'recovery_code_used', client, tx);
    const change = usedFor === 'sign_in' ? 'recovery_code_used' : 'recovery_code_used_for_change';
    await queueTwoStepNotice(tx, user, change, codesLeft);
  });
  wakeOutbox();
}

/**
 * Checks the proof for a sensitive change by the session's user. Null when it is enough. `freshSignIn`: a sign-in
 * from the last 10 minutes stands in for the whole proof (adding a passkey; that sign-in passed the account's
 * second step); without a password it is then `reauthentication_required`.
 */
export async function checkStepUp(
  session: ResolvedSession,
  proof: StepUpProof,
  client: RequestClient,
  { freshSignIn = false }: { freshSignIn?: boolean } = {},
): Promise<StepUpFailure | null> {
  const { user } = session;
  if (proof.passkeyAssertion) {
    const assertion = proof.passkeyAssertion;
    const checked = await countedCheck(
      user.id,
      client,
      async () => !!(await checkAssertion(assertion, 'step_up', user.id)),
    );
    if (!checked.passed) {
      return (
        checked.failure ??
        fail('incorrect_code', { message: PASSKEY_NOT_VERIFIED, fields: { passkeyAssertion: PASSKEY_NOT_VERIFIED } })
      );
    }
    await clearLoginFailures(checked.key);
    return null;
  }
  if (!proof.currentPassword) {
    if (freshSignIn && (await isFreshSession(session, new Date()))) return null;
    if (freshSignIn) {
      return fail('reauthentication_required', {
        message: 'This needs a sign-in from the last 10 minutes, your current password, or a passkey.',
        fields: { currentPassword: 'Enter your current password.' },
      });
    }
    return fail('incorrect_password', { fields: { currentPassword: 'Enter your current password.' } });
  }
  const methods = await secondFactorMethods(user.id);
  if (!methods.length) return checkCurrentPassword(user.id, proof.currentPassword, client);
  if (!proof.code && !proof.recoveryCode) {
    // With an app, the code is a missing field of the form (the contract's validation_failed); a passkey-only
    // account has no field to fill, only a passkey to use.
    if (methods.includes('totp')) {
      return fail('validation_failed', {
        message: 'Enter a code from your authenticator app (or a recovery code), or confirm with a passkey.',
        fields: { code: 'Enter the 6-digit code from your authenticator app.' },
      });
    }
    return fail('second_factor_required', {
      message: 'Confirm with your passkey: your account uses one as its second factor.',
    });
  }
  // The password and the code are one attempt on the account's count, cleared only when both are right: as at
  // sign-in, a right password alone buys no fresh guesses at the code.
  const { currentPassword } = proof;
  const byRecovery = !proof.code;
  let passwordRight = false;
  const checked = await countedCheck(user.id, client, async () => {
    passwordRight = await currentPasswordMatches(user.id, currentPassword);
    if (!passwordRight) return false;
    return byRecovery ? useRecoveryCode(user.id, proof.recoveryCode!) : useTotpCode(user.id, proof.code!, true);
  });
  if (!checked.passed) {
    if (checked.failure) return checked.failure;
    if (!passwordRight) {
      recordEventLater(user.id, 'current_password_failure', client);
      return fail('incorrect_password', { fields: { currentPassword: 'Your current password is not correct.' } });
    }
    return fail('incorrect_code', { fields: byRecovery ? { recoveryCode: WRONG_CODE } : { code: WRONG_CODE } });
  }
  await clearLoginFailures(checked.key);
  if (byRecovery) await noteRecoveryCodeUsed(user, client, 'change');
  return null;
}

/** Options for confirming a change with a passkey: the account's own passkeys, a challenge bound to it. */
export async function stepUpPasskeyOptions(
  session: ResolvedSession,
  client: RequestClient,
): Promise<Result<PublicKeyCredentialRequestOptionsJSON, 'not_found' | 'rate_limited'>> {
  const userId = session.user.id;
  return assertionOptions(client, async () =>
    (await secondFactorMethods(userId)).includes('passkey')
      ? ok({ purpose: 'step_up', userId })
      : fail('not_found', { message: 'Your account has no passkey.' }),
  );
}
