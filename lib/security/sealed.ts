import 'server-only';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { config } from '../platform/config';

/*
 * Secrets the app keeps for itself (a mail's link, a TOTP secret) are sealed
 * with AES-256-GCM under a key derived from JWT_SECRET, one key per label, so
 * a database dump alone opens nothing and one purpose's key opens no other's.
 */

function keyFor(label: string, secret: Uint8Array = config().jwtSecret): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), label, 32));
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
