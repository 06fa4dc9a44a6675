import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt } from './tokens';

const DEVICE_AUDIENCE = 'profile-hub:device';
export const DEVICE_TOKEN_TTL_MS = 180 * 24 * 3600_000;
const DEVICE_TOKEN_MAX_LENGTH = 1024;

/**
 * OWASP's "device cookie": proof that this client signed in to this account
 * before. A client holding one gets its own failure count and pause, so a
 * stranger's wrong passwords never lock the owner out. Signed, per account.
 */
export async function issueDeviceToken(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = new Date();
  const expiresAt = new Date(issuedAt.getTime() + DEVICE_TOKEN_TTL_MS);
  const token = await signJwt(
    { jti: randomBytes(16).toString('base64url') },
    String(userId),
    DEVICE_AUDIENCE,
    issuedAt,
    expiresAt,
  );
  return { token, expiresAt };
}

/**
 * The token's device id when it is valid and was issued for this account; null otherwise. `validAfter` is the
 * account's devices_valid_after: a token issued at or before it (e.g. before a scheduled deletion) no longer counts.
 */
export async function deviceIdFor(
  token: string | null | undefined,
  userId: number,
  validAfter: Date | null = null,
): Promise<string | null> {
  if (!token || token.length > DEVICE_TOKEN_MAX_LENGTH) return null;
  const payload = await verifyJwt(token, DEVICE_AUDIENCE, ['sub', 'jti', 'exp', 'iat']);
  if (!payload || payload.sub !== String(userId) || typeof payload.jti !== 'string') return null;
  // iat has whole seconds: a token from the same second as the cut-off is treated as older.
  if (validAfter && (typeof payload.iat !== 'number' || payload.iat * 1000 <= validAfter.getTime())) return null;
  return payload.jti;
}
