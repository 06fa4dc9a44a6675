import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { linkedIdentities, profileCards, socialLinks, users } from '@/db/schema';
import { duplicateKeyIndex } from '../platform/db-errors';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { limitClient } from '../security/rate-limit';
import { recordEvent } from '../security/events';
import { NO_PASSWORD } from '../auth/passwords';
import type { ResolvedSession, SessionUser } from '../auth/sessions';
import type { ProviderProfile } from '../auth/sign-in-providers';
import { queueVerificationMail, signUpMailAllowed } from '../email/verification';
import { wakeOutbox } from '../email/outbox';
import { username as usernameRule } from '../validation/fields';
import type { ProviderSignUpInput } from '../validation/sign-in-providers';
import { deviceIdFor } from '../auth/device-token';
import { throttleKey } from '../auth/login-throttle';
import { createMfaChallenge, secondFactorMethods } from '../auth/second-factor';
import { finishSignIn, type RequestClient, type SignInStep } from './accounts';
import { deletionScheduledFailure } from './deletion';
import { isLastWayIn, lockWaysIn } from './ways-in';

/**
 * Accounts and their identities at sign-in providers. The rules that keep them from being a way in for
 * someone else:
 * - only (provider, subject) signs in: an email, verified or not, never picks an account;
 * - a provider whose email matches an existing account does not sign into it, nor create a second one:
 *   the owner signs in their usual way and links the provider from settings;
 * - linking happens only for a signed-in session; unlinking never leaves an account without a way in.
 */

export type PendingSignUp = ProviderProfile & { proposedUsername: string };
export type ProviderSignIn = SignInStep | { kind: 'sign_up'; pending: PendingSignUp };

const userColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
};

export function emailInUseMessage(displayName: string): string {
  return (
    `An account with the email address ${displayName} gave us already exists. Nothing was signed in. ` +
    `If it is yours, log in with your password, then link ${displayName} under Settings → Linked accounts.`
  );
}

/**
 * A completed provider callback when nobody is signed in: the linked account signs in (counted against the
 * per-address login limit, recorded as a sign-in), or a sign-up is proposed; an email already in use refuses.
 */
export async function signInWithProvider(
  profile: ProviderProfile,
  displayName: string,
  client: RequestClient,
): Promise<Result<ProviderSignIn, 'rate_limited' | 'email_taken' | 'validation_failed' | 'deletion_scheduled'>> {
  const limited = await limitClient('login', client.ip);
  if (limited) return limited;
  const [linked] = await db()
    .select({ ...userColumns, credentialGeneration: users.credentialGeneration, deletesAt: users.deletesAt })
    .from(linkedIdentities)
    .innerJoin(users, eq(users.id, linkedIdentities.userId))
    .where(and(eq(linkedIdentities.provider, profile.provider), eq(linkedIdentities.subject, profile.subject)))
    .limit(1);
  if (linked) {
    // The provider stands in for the password, nothing more: a scheduled deletion and a second factor hold as
    // they do after a password, and the sign-in ends the same way (events, new-device notice).
    const { credentialGeneration: _generation, deletesAt, ...user } = linked;
    if (deletesAt) return deletionScheduledFailure(user, deletesAt);
    const methods = await secondFactorMethods(user.id);
    if (methods.length) {
      const challenge = await createMfaChallenge(user.id);
      return ok({ kind: 'second_step', mfaToken: challenge.token, expiresAt: challenge.expiresAt, methods });
    }
    const deviceId = await deviceIdFor(client.deviceToken, linked);
    await finishSignIn(user, client, throttleKey({ userId: user.id, deviceId }), deviceId);
    return ok({ kind: 'signed_in', user });
  }
  if (!profile.email) {
    return fail('validation_failed', {
      message: `${displayName} did not share an email address with us, so no account can be created with it.`,
    });
  }
  const [holder] = await db().select({ id: users.id }).from(users).where(eq(users.email, profile.email)).limit(1);
  if (holder) return fail('email_taken', { message: emailInUseMessage(displayName) });
  return ok({ kind: 'sign_up', pending: { ...profile, proposedUsername: await proposeUsername(profile) } });
}

/** The provider's suggestion made to fit the username rule, and free at the moment of asking. */
async function proposeUsername(profile: ProviderProfile): Promise<string> {
  const base =
    (profile.username || (profile.email ?? '').split('@')[0] || `${profile.firstName}${profile.lastName}`)
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_.-]/g, '')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 26) || 'member';
  const candidates = [base.length >= 3 ? base : `${base}user`.slice(0, 26)];
  for (let i = 0; i < 4; i++) candidates.push(`${candidates[0]}${Math.floor(1000 + Math.random() * 9000)}`);
  for (const candidate of candidates) {
    if (!usernameRule.safeParse(candidate).success) continue;
    const [taken] = await db().select({ id: users.id }).from(users).where(eq(users.username, candidate)).limit(1);
    if (!taken) return candidate;
  }
  return '';
}

/**
 * Creates the account of a confirmed provider sign-up: the user (no password: NO_PASSWORD matches none), an
 * empty card and links, and the identity, together. The email counts as verified only if the provider said so;
 * otherwise the usual verification link goes to it.
 */
export async function createAccountWithProvider(
  pending: ProviderProfile,
  input: ProviderSignUpInput,
  client: RequestClient,
): Promise<
  Result<SessionUser, 'rate_limited' | 'email_taken' | 'username_taken' | 'validation_failed' | 'invalid_token'>
> {
  if (!pending.email) return fail('validation_failed');
  const email = pending.email;
  const limited = await limitClient('signup', client.ip);
  if (limited) return limited;
  // Only an address the provider did not vouch for is mailed, and that mail counts like a password sign-up's.
  const mailAllowed = pending.emailVerified || (await signUpMailAllowed(client));
  try {
    const id = await inTransaction(async (tx) => {
      const [{ id }] = (await tx
        .insert(users)
        .values({
          email,
          username: input.username,
          firstName: input.firstName,
          lastName: input.lastName,
          passwordHash: NO_PASSWORD,
          emailVerifiedAt: pending.emailVerified ? sql`CURRENT_TIMESTAMP(3)` : null,
        })
        .$returningId()) as [{ id: number }];
      await tx.insert(profileCards).values({ userId: id });
      await tx.insert(socialLinks).values({ userId: id });
      await tx
        .insert(linkedIdentities)
        .values({ provider: pending.provider, subject: pending.subject, userId: id, email });
      await recordEvent(id, 'signup', client, tx);
      await recordEvent(id, 'provider_linked', client, tx);
      if (!pending.emailVerified && mailAllowed)
        await queueVerificationMail(tx, { id, email, firstName: input.firstName });
      return id;
    });
    wakeOutbox();
    return ok({ id, email, username: input.username, firstName: input.firstName, lastName: input.lastName });
  } catch (error) {
    const index = duplicateKeyIndex(error);
    if (index === 'users_username_unique') {
      return fail('username_taken', { fields: { username: 'This username is taken.' } });
    }
    if (index === 'users_email_unique') return fail('email_taken', { message: emailInUseMessage('The provider') });
    if (index === 'linked_identities_provider_subject_unique') {
      return fail('invalid_token', { message: 'This sign-up was completed already. Sign in with the provider.' });
    }
    throw error;
  }
}

export type LinkedIdentity = { provider: string; email: string; linkedAt: Date };

export async function listLinkedIdentities(userId: number): Promise<LinkedIdentity[]> {
  return db()
    .select({ provider: linkedIdentities.provider, email: linkedIdentities.email, linkedAt: linkedIdentities.linkedAt })
    .from(linkedIdentities)
    .where(eq(linkedIdentities.userId, userId))
    .orderBy(linkedIdentities.provider);
}

/** Links the identity the provider just vouched for to the signed-in account. */
export async function linkIdentity(
  session: ResolvedSession,
  profile: ProviderProfile,
  displayName: string,
  client: RequestClient,
): Promise<Result<null, 'validation_failed'>> {
  try {
    await inTransaction(async (tx) => {
      await tx.insert(linkedIdentities).values({
        provider: profile.provider,
        subject: profile.subject,
        userId: session.user.id,
        // Shown in settings only; trusted for nothing.
        email: profile.email ?? '',
      });
      await recordEvent(session.user.id, 'provider_linked', client, tx);
    });
    return ok(null);
  } catch (error) {
    const index = duplicateKeyIndex(error);
    if (index === 'linked_identities_provider_subject_unique') {
      const [mine] = await db()
        .select({ id: linkedIdentities.id })
        .from(linkedIdentities)
        .where(
          and(
            eq(linkedIdentities.provider, profile.provider),
            eq(linkedIdentities.subject, profile.subject),
            eq(linkedIdentities.userId, session.user.id),
          ),
        );
      if (mine) return ok(null);
      return fail('validation_failed', {
        message: `That ${displayName} account is already linked to another Profile Hub account.`,
      });
    }
    if (index === 'linked_identities_user_provider_unique') {
      return fail('validation_failed', {
        message: `Your account is linked to another ${displayName} account already. Unlink it first.`,
      });
    }
    throw error;
  }
}

export const LAST_WAY_IN =
  'This is the only way you can sign in, so it cannot be unlinked. Set a password first ' +
  '(log out, then “Forgot your password?” mails a link to your address), add a passkey, or link another provider.';

/**
 * Unlinks a provider, unless it is the last way in (lib/account/ways-in.ts: an account always keeps a password, a
 * passkey or another provider; its row is locked, so two unlinks at once cannot each leave the other as the last).
 */
export async function unlinkIdentity(
  session: ResolvedSession,
  provider: string,
  client: RequestClient,
): Promise<Result<null, 'not_found' | 'validation_failed'>> {
  return inTransaction(async (tx) => {
    const ways = await lockWaysIn(tx, session.user.id);
    const [row] = await tx
      .select({ id: linkedIdentities.id })
      .from(linkedIdentities)
      .where(and(eq(linkedIdentities.userId, session.user.id), eq(linkedIdentities.provider, provider)));
    if (!ways || !row) return fail('not_found', { message: 'That provider is not linked to your account.' });
    if (isLastWayIn(ways, 'provider')) return fail('validation_failed', { message: LAST_WAY_IN });
    await tx.delete(linkedIdentities).where(eq(linkedIdentities.id, row.id));
    await recordEvent(session.user.id, 'provider_unlinked', client, tx);
    return ok(null);
  });
}
