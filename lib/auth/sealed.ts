import 'server-only';
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';
import { config } from '../platform/config';

const keys = new Map<string, Uint8Array>();

/** One key per purpose, derived from JWT_SECRET: a value sealed for one purpose never opens as another. */
function keyFor(purpose: string): Uint8Array {
  let key = keys.get(purpose);
  if (!key) {
    key = new Uint8Array(
      hkdfSync('sha256', config().jwtSecret, new Uint8Array(0), `profile-hub/sealed/${purpose}`, 32),
    );
    keys.set(purpose, key);
  }
  return key;
}

/**
 * A short-lived value the browser keeps for us (a cookie) but can neither read nor change: encrypted and
 * authenticated (JWE, dir + A256GCM), with its expiry inside.
 */
export async function seal(purpose: string, payload: JWTPayload, ttlSeconds: number): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .encrypt(keyFor(purpose));
}

/** The payload, or null when the value is missing, forged, altered, sealed for another purpose or expired. */
export async function unseal<T extends JWTPayload>(
  purpose: string,
  value: string | undefined | null,
): Promise<T | null> {
  if (!value || value.length > 8192) return null;
  try {
    const { payload } = await jwtDecrypt(value, keyFor(purpose), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    return payload as T;
  } catch {
    return null;
  }
}
