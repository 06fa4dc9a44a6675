import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { mfaChallenges, passkeys, recoveryCodes, totpCredentials } from '@/db/schema';
import { keyedHash, open, seal } from '../security/sealed';
import { matchTotp } from './totp';

/*
 * What the database keeps for two-step sign-in: the sealed TOTP secret and its
 * last used step, the recovery codes' keyed hashes, and the pending sign-ins.
 * Every "use it once" rule is one conditional statement, so it holds across
 * processes and instances without a lock held in between.
 */

const SECRET_LABEL = 'profile-hub/totp-secret/v1';
const RECOVERY_LABEL = 'profile-hub/recovery-codes/v1';
export const RECOVERY_CODE_COUNT = 10;
export const MFA_CHALLENGE_TTL_MS = 5 * 60_000;

export type SecondFactorMethod = 'totp' | 'recovery' | 'passkey';

export type TotpState = { confirmedAt: Date | null; recoveryCodesLeft: number } | null;

/**
 * The factors that count for sign-in and for step-up: a confirmed TOTP (with its recovery codes while any are
 * left) and any registered passkey, each on its own. An account with one of them gets a second step after its
 * password (or a provider), and its sensitive changes ask for one too (lib/account/step-up.ts). A passkey used
 * alone to sign in is both steps at once.
 */
export async function secondFactorMethods(userId: number): Promise<SecondFactorMethod[]> {
  const state = await totpState(userId);
  const methods: SecondFactorMethod[] = [];
  if (state?.confirmedAt)
    methods.push(...(state.recoveryCodesLeft > 0 ? (['totp', 'recovery'] as const) : ['totp' as const]));
  const [passkey] = await db().select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  if (passkey) methods.push('passkey');
  return methods;
}

export async function totpState(userId: number): Promise<TotpState> {
  const [row] = await db()
    .select({
      confirmedAt: totpCredentials.confirmedAt,
      left: sql<number>`(select count(*) from ${recoveryCodes} where ${recoveryCodes.userId} = ${userId})`,
    })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId))
    .limit(1);
  return row ? { confirmedAt: row.confirmedAt, recoveryCodesLeft: Number(row.left) } : null;
}

/** A new secret, not active until confirmed; replaces an unconfirmed one. */
export async function storePendingTotp(userId: number, secret: string): Promise<void> {
  const secretSealed = seal(SECRET_LABEL, secret);
  await db()
    .insert(totpCredentials)
    .values({ userId, secretSealed })
    .onDuplicateKeyUpdate({ set: { secretSealed, confirmedAt: null, lastUsedStep: null } });
}

/**
 * Accepts a TOTP code for this user at most once: the code must match within
 * the window and be newer than the last step used, and the step is recorded by
 * a conditional update that only one concurrent caller can win.
 * `confirmed`: whether the secret must be the active one (sign-in, turning off)
 * or the one waiting for confirmation (enrolment).
 */
export async function useTotpCode(
  userId: number,
  code: string,
  confirmed: boolean,
  now = Date.now(),
  tx: Executor = db(),
): Promise<boolean> {
  const [row] = await tx
    .select({ secretSealed: totpCredentials.secretSealed, lastUsedStep: totpCredentials.lastUsedStep })
    .from(totpCredentials)
    .where(
      and(
        eq(totpCredentials.userId, userId),
        confirmed ? isNotNull(totpCredentials.confirmedAt) : isNull(totpCredentials.confirmedAt),
      ),
    )
    .limit(1);
  if (!row) return false;
  const step = matchTotp(open(SECRET_LABEL, row.secretSealed), code, now, row.lastUsedStep);
  if (step === null) return false;
  const [result] = await tx
    .update(totpCredentials)
    .set({ lastUsedStep: step, ...(confirmed ? {} : { confirmedAt: new Date(now) }) })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        eq(totpCredentials.secretSealed, row.secretSealed),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)),
      ),
    );
  return result.affectedRows === 1;
}

export async function deleteTotp(tx: Executor, userId: number): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
}

/** As typed: case, spaces and dashes do not matter. */
function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toLowerCase();
}

/** Ten new codes (50 random bits each, shown as xxxxx-xxxxx); the old set dies in the same transaction. */
export async function replaceRecoveryCodes(tx: Executor, userId: number): Promise<string[]> {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: keyedHash(RECOVERY_LABEL, normalizeRecoveryCode(code)) })));
  return codes;
}

/** Uses a recovery code: true only for the one caller whose delete removed it. */
export async function useRecoveryCode(userId: number, code: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!/^[a-z0-9]{10}$/.test(normalized)) return false;
  const [result] = await db()
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, keyedHash(RECOVERY_LABEL, normalized))));
  return result.affectedRows === 1;
}

function hashChallenge(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A pending sign-in after a correct password: the token goes to the client, its hash stays here. */
export async function createMfaChallenge(
  userId: number,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + MFA_CHALLENGE_TTL_MS);
  await db()
    .insert(mfaChallenges)
    .values({ tokenHash: hashChallenge(token), userId, expiresAt });
  return { token, expiresAt };
}

/** The user a live pending sign-in belongs to, or null (unknown, used or expired). */
export async function findMfaChallenge(token: string): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db()
    .select({ userId: mfaChallenges.userId })
    .from(mfaChallenges)
    .where(and(eq(mfaChallenges.tokenHash, hashChallenge(token)), gt(mfaChallenges.expiresAt, new Date())))
    .limit(1);
  return row?.userId ?? null;
}

/** Ends a pending sign-in; true only for the one caller that ended it. */
export async function consumeMfaChallenge(token: string): Promise<boolean> {
  const [result] = await db()
    .delete(mfaChallenges)
    .where(and(eq(mfaChallenges.tokenHash, hashChallenge(token)), gt(mfaChallenges.expiresAt, new Date())));
  return result.affectedRows === 1;
}

export async function deleteExpiredMfaChallenges(now = new Date()): Promise<void> {
  await db().delete(mfaChallenges).where(lt(mfaChallenges.expiresAt, now));
}
