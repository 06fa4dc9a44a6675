import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { wakeOutbox } from '../email/outbox';
import type { TwoStepChange } from '../email/kinds';
import { clearLoginFailures } from '../auth/login-throttle';
import {
  deleteTotp,
  findMfaChallenge,
  replaceRecoveryCodes,
  storePendingTotp,
  totpState,
  useRecoveryCode,
  useTotpCode,
} from '../auth/second-factor';
import { newTotpSecret, totpUrl } from '../auth/totp';
import { userColumns, type ResolvedSession, type SessionUser } from '../auth/sessions';
import { fail, ok, type Failure, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { limitClient } from '../security/rate-limit';
import { recordEvent } from '../security/events';
import type { SecurityEventType } from '../security/event-types';
import type { LoginMfaInput, StartTotpInput, ConfirmTotpInput, TotpChangeInput } from '../validation/two-step';
import { completeSignInStep, SIGN_IN_AGAIN, type RequestClient } from './accounts';
import {
  checkStepUp,
  countedCheck,
  noteRecoveryCodeUsed,
  queueTwoStepNotice,
  WRONG_CODE,
  type StepUpFailure,
} from './step-up';

/*
 * Two-step sign-in with an authenticator app (TOTP) and recovery codes.
 * Every code typed, at sign-in or in settings, goes through the account's
 * login back-off (lib/auth/login-throttle.ts), with the known-device
 * allowance: a wrong code counts like a wrong password.
 */

async function recordChange(
  user: SessionUser,
  type: SecurityEventType,
  change: TwoStepChange,
  client: RequestClient,
  work: (tx: Parameters<Parameters<typeof inTransaction>[0]>[0]) => Promise<void>,
): Promise<void> {
  await inTransaction(async (tx) => {
    await work(tx);
    await recordEvent(user.id, type, client, tx);
    await queueTwoStepNotice(tx, user, change);
  });
  wakeOutbox();
}

/** Step one of turning it on: a new secret, shown once; nothing changes for sign-in until it is confirmed. */
export async function startTotpEnrolment(
  session: ResolvedSession,
  input: StartTotpInput,
  client: RequestClient,
): Promise<Result<{ secret: string; otpauthUrl: string }, StepUpFailure['code'] | 'mfa_already_enabled'>> {
  const state = await totpState(session.user.id);
  if (state?.confirmedAt) return fail('mfa_already_enabled');
  // An account with a passkey has a second factor already: adding another asks for it (step-up.ts).
  const refused = await checkStepUp(session, input, client);
  if (refused) return refused;
  const secret = newTotpSecret();
  await storePendingTotp(session.user.id, secret);
  return ok({ secret, otpauthUrl: totpUrl(secret, session.user.email) });
}

/** Step two: a code from the app proves it holds the secret; two-step sign-in is on and ten recovery codes are made. */
export async function confirmTotpEnrolment(
  session: ResolvedSession,
  input: ConfirmTotpInput,
  client: RequestClient,
): Promise<
  Result<{ recoveryCodes: string[] }, 'incorrect_code' | 'mfa_not_enabled' | 'mfa_already_enabled' | 'rate_limited'>
> {
  const { user } = session;
  const state = await totpState(user.id);
  if (!state)
    return fail('mfa_not_enabled', { message: 'Start the setup first: it shows the key to add to your app.' });
  if (state.confirmedAt) return fail('mfa_already_enabled');
  let recoveryCodes: string[] | null = null;
  const checked = await countedCheck(user.id, client, async () => {
    await recordChange(user, 'mfa_enabled', 'enabled', client, async (tx) => {
      if (!(await useTotpCode(user.id, input.code, false, Date.now(), tx))) throw new WrongCode();
      recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    }).catch((error: unknown) => {
      if (!(error instanceof WrongCode)) throw error;
    });
    return recoveryCodes !== null;
  });
  if (!checked.passed) return checked.failure ?? fail('incorrect_code', { fields: { code: WRONG_CODE } });
  await clearLoginFailures(checked.key);
  return ok({ recoveryCodes: recoveryCodes! });
}

/** Thrown inside a transaction to roll it back when the code does not match. */
class WrongCode extends Error {}

/** What turning it off and new recovery codes both ask for: the step-up proof (step-up.ts), with TOTP on. */
async function checkTotpChange(
  session: ResolvedSession,
  input: TotpChangeInput,
  client: RequestClient,
): Promise<Failure<StepUpFailure['code'] | 'mfa_not_enabled'> | null> {
  const state = await totpState(session.user.id);
  if (!state?.confirmedAt) return fail('mfa_not_enabled');
  return checkStepUp(session, input, client);
}

export async function disableTotp(
  session: ResolvedSession,
  input: TotpChangeInput,
  client: RequestClient,
): Promise<Result<null, StepUpFailure['code'] | 'mfa_not_enabled'>> {
  const refused = await checkTotpChange(session, input, client);
  if (refused) return refused;
  await recordChange(session.user, 'mfa_disabled', 'disabled', client, (tx) => deleteTotp(tx, session.user.id));
  return ok(null);
}

export async function regenerateRecoveryCodes(
  session: ResolvedSession,
  input: TotpChangeInput,
  client: RequestClient,
): Promise<Result<{ recoveryCodes: string[] }, StepUpFailure['code'] | 'mfa_not_enabled'>> {
  const refused = await checkTotpChange(session, input, client);
  if (refused) return refused;
  let recoveryCodes: string[] = [];
  await recordChange(session.user, 'recovery_codes_regenerated', 'codes_regenerated', client, async (tx) => {
    recoveryCodes = await replaceRecoveryCodes(tx, session.user.id);
  });
  return ok({ recoveryCodes });
}

/**
 * The second step of a sign-in: the pending sign-in (mfaToken or the
 * browser's cookie) and a code from the app or a recovery code. The pending
 * sign-in survives a wrong code (the back-off bounds the guesses) and ends
 * with the right one; a code already used is refused like a wrong one.
 */
export async function completeSecondStep(
  input: LoginMfaInput,
  client: RequestClient,
): Promise<Result<SessionUser, 'invalid_code' | 'invalid_credentials' | 'rate_limited'>> {
  const perAddress = await limitClient('login', client.ip);
  if (perAddress) return perAddress;
  const userId = await findMfaChallenge(input.mfaToken);
  if (userId === null) return fail('invalid_credentials', { message: SIGN_IN_AGAIN });
  const [user] = await db().select(userColumns).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return fail('invalid_credentials', { message: SIGN_IN_AGAIN });
  const byRecovery = !input.code && !!input.recoveryCode;
  const checked = await countedCheck(user.id, client, () =>
    byRecovery ? useRecoveryCode(user.id, input.recoveryCode!) : useTotpCode(user.id, input.code ?? '', true),
  );
  if (!checked.passed) {
    return (
      checked.failure ??
      fail('invalid_code', { fields: byRecovery ? { recoveryCode: WRONG_CODE } : { code: WRONG_CODE } })
    );
  }
  const completed = await completeSignInStep(input.mfaToken, user, client, checked.key, checked.deviceId);
  if (completed.ok && byRecovery) await noteRecoveryCodeUsed(user, client, 'sign_in');
  return completed;
}
