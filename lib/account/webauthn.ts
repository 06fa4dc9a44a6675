import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { db } from '@/db/client';
import { passkeyChallenges, passkeys, users } from '@/db/schema';
import { userColumns, type SessionUser } from '../auth/sessions';
import { config } from '../platform/config';
import { ok, type DomainErrorCode, type Result } from '../platform/result';
import { limitClient } from '../security/rate-limit';
import type { PasskeyCredentialJson } from '../validation/passkeys';

/*
 * The WebAuthn ceremonies' shared parts, through @simplewebauthn/server: the relying party, the single-use
 * challenges (a row of passkey_challenges each: the verify step deletes it, and only the caller whose delete
 * removed it goes on, across processes; five minutes) and the check of an assertion against a stored passkey.
 * Used by passkeys.ts (registration, sign-in, second step) and step-up.ts (a passkey confirming a change).
 */

export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;
/** 'sign_in' is discoverable (no user); the others are bound to one account. */
export type ChallengePurpose = 'register' | 'sign_in' | 'second_step' | 'step_up';

export function relyingParty(): { rpID: string; origin: string } {
  const { rpId, origin } = config().webauthn;
  return { rpID: rpId, origin };
}

export async function storeChallenge(challenge: string, purpose: ChallengePurpose, userId: number | null) {
  await db()
    .insert(passkeyChallenges)
    .values({ challenge, purpose, userId, expiresAt: new Date(Date.now() + PASSKEY_CHALLENGE_TTL_MS) });
}

/** The library's expectedChallenge: true only for the one caller that deleted a live row of this purpose and user. */
export function consumeChallenge(purpose: ChallengePurpose, userId: number | null) {
  return async (challenge: string): Promise<boolean> => {
    if (challenge.length > 128) return false;
    const [result] = await db()
      .delete(passkeyChallenges)
      .where(
        and(
          eq(passkeyChallenges.challenge, challenge),
          eq(passkeyChallenges.purpose, purpose),
          userId === null ? undefined : eq(passkeyChallenges.userId, userId),
          // The database's clock, so app servers whose clocks drift apart agree on a challenge's five minutes.
          gt(passkeyChallenges.expiresAt, sql`CURRENT_TIMESTAMP(3)`),
        ),
      );
    return result.affectedRows === 1;
  };
}

export async function deleteExpiredPasskeyChallenges(now = new Date()): Promise<void> {
  await db().delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, now));
}

export function transportsOf(stored: string): AuthenticatorTransport[] | undefined {
  return stored ? (stored.split(',') as AuthenticatorTransport[]) : undefined;
}

/** Whose passkeys an assertion may use: any of this site's (a discoverable sign-in), or one account's. */
export type AssertionTarget =
  { purpose: 'sign_in'; userId: null } | { purpose: 'second_step' | 'step_up'; userId: number };

/**
 * Request options for an assertion, behind the per-address login limit (each request stores a challenge). The
 * target is looked up after the limit (a refusal counts too): with a user, the options name that account's passkeys
 * and the challenge is bound to it (second step, step-up); without, any passkey of this site.
 */
export async function assertionOptions<C extends DomainErrorCode>(
  client: { ip: string },
  targetOf: () => Promise<Result<AssertionTarget, C>>,
): Promise<Result<PublicKeyCredentialRequestOptionsJSON, C | 'rate_limited'>> {
  const limited = await limitClient('login', client.ip);
  if (limited) return limited;
  const target = await targetOf();
  if (!target.ok) return target;
  const { purpose, userId } = target.value;
  const { rpID } = relyingParty();
  let allow: { id: string; transports?: AuthenticatorTransport[] }[] | undefined;
  if (userId !== null) {
    const rows = await db()
      .select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
      .from(passkeys)
      .where(eq(passkeys.userId, userId));
    allow = rows.map((row) => ({ id: row.credentialId, transports: transportsOf(row.transports) }));
  }
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: 'preferred',
    allowCredentials: allow,
    challenge: randomBytes(32),
  });
  await storeChallenge(options.challenge, purpose, userId);
  return ok(options);
}

/**
 * Checks an assertion against the stored passkey (of `onlyUserId` when given) and a live challenge of this
 * purpose; counter and backup state are updated (a counter gone back fails). The passkey's user, or null.
 */
export async function checkAssertion(
  credential: PasskeyCredentialJson,
  purpose: Exclude<ChallengePurpose, 'register'>,
  onlyUserId: number | null,
): Promise<(SessionUser & { deletesAt: Date | null }) | null> {
  const [row] = await db()
    .select({
      id: passkeys.id,
      userId: passkeys.userId,
      publicKey: passkeys.publicKey,
      counter: passkeys.counter,
      transports: passkeys.transports,
      backupEligible: passkeys.backupEligible,
    })
    .from(passkeys)
    .where(eq(passkeys.credentialId, credential.id))
    .limit(1);
  if (!row || (onlyUserId !== null && row.userId !== onlyUserId)) return null;
  const { rpID, origin } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response: credential as unknown as AuthenticationResponseJSON,
    expectedChallenge: consumeChallenge(purpose, onlyUserId),
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: credential.id,
      publicKey: isoBase64URL.toBuffer(row.publicKey),
      counter: row.counter,
      transports: transportsOf(row.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return null;
  const info = verification.authenticationInfo;
  // A credential registered as single-device that now says it is backed up is not the one registered.
  if (!row.backupEligible && info.credentialBackedUp) return null;
  await db()
    .update(passkeys)
    .set({ counter: info.newCounter, backupState: info.credentialBackedUp, lastUsedAt: new Date() })
    .where(eq(passkeys.id, row.id));
  const [user] = await db()
    .select({ ...userColumns, deletesAt: users.deletesAt })
    .from(users)
    .where(eq(users.id, row.userId))
    .limit(1);
  return user ?? null;
}
