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

/** The token's device id when it is valid and was issued for this account; null otherwise. */
export async function deviceIdFor(token: string | null | undefined, userId: number): Promise<string | null> {
  if (!token || token.length > DEVICE_TOKEN_MAX_LENGTH) return null;
  const payload = await verifyJwt(token, DEVICE_AUDIENCE, ['sub', 'jti', 'exp']);
  if (!payload || payload.sub !== String(userId) || typeof payload.jti !== 'string') return null;
  return payload.jti;
}
