import 'server-only';
import { and, eq } from 'drizzle-orm';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { db } from '@/db/client';
import { passkeys } from '@/db/schema';
import { wakeOutbox } from '../email/outbox';
import { deviceIdForAccount } from '../auth/device-token';
import { takeLoginAttempt, throttleKey } from '../auth/login-throttle';
import { findMfaChallenge } from '../auth/second-factor';
import type { ResolvedSession, SessionUser } from '../auth/sessions';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { limitClient } from '../security/rate-limit';
import { recordEvent } from '../security/events';
import type {
  PasskeyLoginVerifyInput,
  PasskeyRegisterOptionsInput,
  PasskeyRegisterVerifyInput,
  PasskeySecondStepInput,
  PasskeySignInOptionsInput,
  PasskeySignInVerifyInput,
} from '../validation/passkeys';
import { completeSignInStep, finishSignIn, type RequestClient } from './accounts';
import { deletionScheduledFailure } from './deletion';
import { checkStepUp, queueTwoStepNotice, type StepUpFailure } from './step-up';
import {
  assertionOptions,
  checkAssertion,
  consumeChallenge,
  relyingParty,
  storeChallenge,
  transportsOf,
} from './webauthn';
import { isLastWayIn, lockWaysIn } from './ways-in';

export { deleteExpiredPasskeyChallenges, PASSKEY_CHALLENGE_TTL_MS } from './webauthn';

/*
 * Passkeys (WebAuthn) through @simplewebauthn/server: registration from
 * settings, a passkey as the second step after a password, and a sign-in on
 * its own with a discoverable credential. Each ceremony's challenge is a row
 * of passkey_challenges: the verify step deletes it, and only the caller whose
 * delete removed it goes on (single-use across processes); five minutes.
 * The relying party and origin are WEBAUTHN_RP_ID and WEBAUTHN_ORIGIN (default: APP_URL's host and origin).
 */

const NOT_VERIFIED = 'That passkey could not be verified. Try again, or use another way to sign in.';
const LAST_WAY_IN =
  'This passkey is the only way you can sign in, so it cannot be removed. Set a password or add another passkey first.';

export type PasskeySummary = { id: number; name: string; createdAt: Date; lastUsedAt: Date | null };

export async function hasPasskey(userId: number): Promise<boolean> {
  const [row] = await db().select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return !!row;
}

export async function listPasskeys(userId: number): Promise<PasskeySummary[]> {
  return db()
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(passkeys.createdAt);
}

/**
 * Step one of adding a passkey: the step-up rule (lib/account/step-up.ts), where a sign-in from the last 10 minutes
 * stands in for the proof; then the options.
 */
export async function passkeyRegistrationOptions(
  session: ResolvedSession,
  input: PasskeyRegisterOptionsInput,
  client: RequestClient,
): Promise<Result<PublicKeyCredentialCreationOptionsJSON, StepUpFailure['code']>> {
  const { user } = session;
  const refused = await checkStepUp(session, input, client, { freshSignIn: true });
  if (refused) {
    return refused.code === 'reauthentication_required'
      ? fail('reauthentication_required', {
          message: 'Adding a passkey needs a sign-in from the last 10 minutes, your current password, or a passkey.',
          fields: { currentPassword: 'Enter your current password to add a passkey.' },
        })
      : refused;
  }
  const existing = await db()
    .select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, user.id));
  const { rpID } = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: 'Profile Hub',
    rpID,
    userName: user.username,
    userDisplayName: `${user.firstName} ${user.lastName}`.trim() || user.username,
    // The user handle: the account id, so a discoverable sign-in names its account.
    userID: new TextEncoder().encode(String(user.id)),
    attestationType: 'none',
    excludeCredentials: existing.map((row) => ({ id: row.credentialId, transports: transportsOf(row.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await storeChallenge(options.challenge, 'register', user.id);
  return ok(options);
}

/** Step two: the browser's attestation, checked; the passkey is stored, recorded and told by mail. */
export async function verifyPasskeyRegistration(
  session: ResolvedSession,
  input: PasskeyRegisterVerifyInput,
  client: RequestClient,
): Promise<Result<PasskeySummary, 'validation_failed'>> {
  const { user } = session;
  const { rpID, origin } = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: input.credential as unknown as RegistrationResponseJSON,
    expectedChallenge: consumeChallenge('register', user.id),
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return fail('validation_failed', { message: NOT_VERIFIED });
  const info = verification.registrationInfo;
  const createdAt = new Date();
  const id = await inTransaction(async (tx) => {
    const [inserted] = await tx
      .insert(passkeys)
      .values({
        userId: user.id,
        credentialId: info.credential.id,
        publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
        counter: info.credential.counter,
        transports: (info.credential.transports ?? []).join(','),
        backupEligible: info.credentialDeviceType === 'multiDevice',
        backupState: info.credentialBackedUp,
        name: input.name,
        createdAt,
      })
      .$returningId();
    await recordEvent(user.id, 'passkey_added', client, tx);
    await queueTwoStepNotice(tx, user, 'passkey_added');
    return inserted!.id;
  }).catch(() => null);
  if (id === null) return fail('validation_failed', { message: 'That passkey is already registered.' });
  wakeOutbox();
  return ok({ id, name: input.name, createdAt, lastUsedAt: null });
}

/**
 * Removes one of the user's passkeys, unless it is the last way in (lib/account/ways-in.ts: an account always
 * keeps a password, a passkey or a linked provider; its row is locked, so two removals at once cannot both pass).
 */
export async function removePasskey(
  session: ResolvedSession,
  passkeyId: number,
  client: RequestClient,
): Promise<Result<null, 'not_found' | 'validation_failed'>> {
  const { user } = session;
  const result = await inTransaction(async (tx) => {
    const ways = await lockWaysIn(tx, user.id);
    const [key] = await tx
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, user.id)));
    if (!ways || !key) return fail('not_found', { message: 'That passkey is not on your account.' });
    if (isLastWayIn(ways, 'passkey')) return fail('validation_failed', { message: LAST_WAY_IN });
    await tx.delete(passkeys).where(eq(passkeys.id, key.id));
    await recordEvent(user.id, 'passkey_removed', client, tx);
    await queueTwoStepNotice(tx, user, 'passkey_removed');
    return ok(null);
  });
  if (result.ok) wakeOutbox();
  return result;
}

/**
 * Options for a passkey sign-in. Without an mfaToken: a discoverable sign-in (no account named, any passkey of
 * this site). With one: the second step after a password, limited to that account's passkeys.
 */
export async function passkeySignInOptions(
  input: PasskeySignInOptionsInput,
  client: RequestClient,
): Promise<Result<PublicKeyCredentialRequestOptionsJSON, 'invalid_credentials' | 'rate_limited'>> {
  return assertionOptions(client, async () => {
    if (!input.mfaToken) return ok({ purpose: 'sign_in', userId: null });
    const userId = await findMfaChallenge(input.mfaToken);
    if (userId === null) return fail('invalid_credentials', { message: 'This sign-in has expired. Sign in again.' });
    return ok({ purpose: 'second_step', userId });
  });
}

/** A passkey sign-in on its own: a discoverable credential is the whole proof (it verified the user itself). */
export async function signInWithPasskey(
  input: PasskeySignInVerifyInput,
  client: RequestClient,
): Promise<Result<SessionUser, 'invalid_credentials' | 'rate_limited' | 'deletion_scheduled'>> {
  const perAddress = await limitClient('login', client.ip);
  if (perAddress) return perAddress;
  const found = await checkAssertion(input.credential, 'sign_in', null);
  if (!found) return fail('invalid_credentials', { message: NOT_VERIFIED });
  const { deletesAt, ...user } = found;
  if (deletesAt) return deletionScheduledFailure(user, deletesAt);
  const deviceId = await deviceIdForAccount(client.deviceToken, user.id);
  await finishSignIn(user, client, throttleKey({ userId: user.id, deviceId }), deviceId);
  return ok(user);
}

/** A passkey as the second step after a password: the pending sign-in ends with it. */
export async function completePasskeySecondStep(
  input: PasskeySecondStepInput,
  client: RequestClient,
): Promise<Result<SessionUser, 'invalid_code' | 'invalid_credentials' | 'rate_limited'>> {
  const perAddress = await limitClient('login', client.ip);
  if (perAddress) return perAddress;
  const userId = await findMfaChallenge(input.mfaToken);
  if (userId === null) return fail('invalid_credentials', { message: 'This sign-in has expired. Sign in again.' });
  const deviceId = await deviceIdForAccount(client.deviceToken, userId);
  const key = throttleKey({ userId, deviceId });
  const attempt = await takeLoginAttempt(key);
  if (!attempt.allowed) return fail('rate_limited', { retryAfterSeconds: attempt.retryAfterSeconds });
  const found = await checkAssertion(input.credential, 'second_step', userId);
  if (!found) return fail('invalid_code', { message: NOT_VERIFIED });
  const { deletesAt: _deletesAt, ...user } = found;
  return completeSignInStep(input.mfaToken, user, client, key, deviceId);
}

/** The API's passkey log-in: the second step when an mfaToken comes with it, otherwise a sign-in on its own. */
export async function verifyPasskeyLogin(
  input: PasskeyLoginVerifyInput,
  client: RequestClient,
): Promise<Result<SessionUser, 'invalid_code' | 'invalid_credentials' | 'rate_limited' | 'deletion_scheduled'>> {
  return input.mfaToken
    ? completePasskeySecondStep({ mfaToken: input.mfaToken, credential: input.credential }, client)
    : signInWithPasskey({ credential: input.credential }, client);
}
