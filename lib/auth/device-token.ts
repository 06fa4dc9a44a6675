import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { users } from '@/db/schema';
import { signJwt, verifyJwt } from './tokens';

const DEVICE_AUDIENCE = 'profile-hub:device';
export const DEVICE_TOKEN_TTL_MS = 180 * 24 * 3600_000;
const DEVICE_TOKEN_MAX_LENGTH = 1024;

/**
 * OWASP's "device cookie": proof that this client signed in to this account
 * before. A client holding one gets its own failure count and pause, so a
 * stranger's wrong passwords never lock the owner out. Signed, per account,
 * and bound to the account's credential generation (`gen`): a password change,
 * a reset, a revert or "sign out everywhere" raises it, and every token issued
 * before is dead.
 */
export async function issueDeviceToken(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = new Date();
  const expiresAt = new Date(issuedAt.getTime() + DEVICE_TOKEN_TTL_MS);
  const token = await signJwt(
    { jti: randomBytes(16).toString('base64url'), gen: await credentialGeneration(userId) },
    String(userId),
    DEVICE_AUDIENCE,
    issuedAt,
    expiresAt,
  );
  return { token, expiresAt };
}

async function credentialGeneration(userId: number): Promise<number> {
  const [row] = await db()
    .select({ generation: users.credentialGeneration })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.generation ?? 0;
}

/**
 * The token's device id when it is valid, was issued for this account and is
 * of its current credential generation; null otherwise.
 */
export async function deviceIdFor(
  token: string | null | undefined,
  user: { id: number; credentialGeneration: number },
): Promise<string | null> {
  if (!token || token.length > DEVICE_TOKEN_MAX_LENGTH) return null;
  const payload = await verifyJwt(token, DEVICE_AUDIENCE, ['sub', 'jti', 'exp']);
  if (!payload || payload.sub !== String(user.id) || typeof payload.jti !== 'string') return null;
  // Tokens from before generations existed carry none: they count as generation 0.
  if ((payload.gen ?? 0) !== user.credentialGeneration) return null;
  return payload.jti;
}

/** deviceIdFor when only the account's id is at hand: reads its credential generation first. */
export async function deviceIdForAccount(token: string | null | undefined, userId: number): Promise<string | null> {
  if (!token) return null;
  return deviceIdFor(token, { id: userId, credentialGeneration: await credentialGeneration(userId) });
}

/** Every device token of the account dies (inside the caller's transaction). */
export async function revokeDeviceTokens(tx: Executor, userId: number): Promise<void> {
  await tx
    .update(users)
    .set({ credentialGeneration: sql`${users.credentialGeneration} + 1` })
    .where(eq(users.id, userId));
}
