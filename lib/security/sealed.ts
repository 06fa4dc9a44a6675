import 'server-only';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';
import { config } from '../platform/config';

/*
 * Sealing under keys derived from JWT_SECRET, one key per label, so one purpose's key opens no other's:
 * - secrets the app keeps for itself (a mail's link, a TOTP secret): AES-256-GCM strings in the database, so a
 *   dump alone opens nothing (seal, open, keyedHash);
 * - short-lived values the browser keeps for us (a provider sign-in's cookies): JWE with the expiry inside
 *   (sealForBrowser, openFromBrowser).
 */

const keys = new WeakMap<Uint8Array, Map<string, Buffer>>();

/** The one key derivation: HKDF-SHA-256 of the secret (JWT_SECRET unless given), the label as its info. */
function keyFor(label: string, secret: Uint8Array = config().jwtSecret): Buffer {
  let bySecret = keys.get(secret);
  if (!bySecret) keys.set(secret, (bySecret = new Map()));
  let key = bySecret.get(label);
  if (!key) bySecret.set(label, (key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), label, 32))));
  return key;
}

export function seal(label: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(label), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

/**
 * Opens what was sealed under JWT_SECRET or, after a rotation, under JWT_SECRET_PREVIOUS (queued mail and
 * stored secrets survive it). Throws when neither key opens it (another label) or it was altered.
 */
export function open(label: string, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const { jwtSecret, previousJwtSecret } = config();
  for (const secret of previousJwtSecret ? [jwtSecret, previousJwtSecret] : [jwtSecret]) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', keyFor(label, secret), iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
    } catch {
      // Sealed under the other secret (the tag does not match): try the next key.
    }
  }
  throw new Error(`sealed value (${label}) opens under no known key`);
}

/** A keyed hash (HMAC-SHA-256, hex) for values only compared, never read back: a dump cannot test guesses. */
export function keyedHash(label: string, value: string): string {
  return createHmac('sha256', keyFor(label)).update(value, 'utf8').digest('hex');
}

/** A browser-kept value's key: its own label space, so no such value opens as a stored secret or the reverse. */
const browserKey = (purpose: string) => keyFor(`profile-hub/sealed/${purpose}`);

/**
 * A short-lived value the browser keeps for us (a cookie) but can neither read nor change: encrypted and
 * authenticated (JWE, dir + A256GCM), with its expiry inside.
 */
export async function sealForBrowser(purpose: string, payload: JWTPayload, ttlSeconds: number): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .encrypt(browserKey(purpose));
}

/** The payload, or null when the value is missing, forged, altered, sealed for another purpose or expired. */
export async function openFromBrowser<T extends JWTPayload>(
  purpose: string,
  value: string | undefined | null,
): Promise<T | null> {
  if (!value || value.length > 8192) return null;
  try {
    const { payload } = await jwtDecrypt(value, browserKey(purpose), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    return payload as T;
  } catch {
    return null;
  }
}
