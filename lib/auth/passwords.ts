import 'server-only';
import { createHmac } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, parseOptions, verify } from '@node-rs/bcrypt';
import pLimit from 'p-limit';
import { config } from '../platform/config';
import { looksLikeWerkzeugHash, verifyWerkzeugHash } from './legacy-passwords';
import { isCommonPassword } from '../validation/common-passwords';
import { PASSWORD_IS_COMMON, PASSWORD_IS_IDENTITY, passwordMatchesIdentity } from '../validation/password-rules';

// Stored hashes name their scheme, so other schemes (e.g. imported legacy ones) can sit beside them.
const SCHEME = 'bcrypt-hmac-sha256$';
// Not a secret: it only turns any-length input into 44 bytes so that bcrypt's
// 72-byte cut-off never drops characters. A secret pepper would tie every
// password to a key that can then never rotate.
const PREHASH_KEY = 'profile-hub/password-prehash/v1';

// Hashing runs on libuv's thread pool, which every request also needs for its JWT check (WebCrypto HMAC): at most
// one hash per core, and always a pool thread left free, so a login storm cannot starve the reads
// (docs/performance.md).
let slots: ReturnType<typeof pLimit> | undefined;
function hashingSlots<T>(work: () => Promise<T>): Promise<T> {
  slots ??= pLimit(Math.max(1, Math.min(availableParallelism(), config().runner.threadPoolSize - 1)));
  return slots(work);
}

function prehash(password: string): string {
  return createHmac('sha256', PREHASH_KEY).update(password, 'utf8').digest('base64');
}

export async function hashPassword(password: string): Promise<string> {
  return SCHEME + (await hashingSlots(() => hash(prehash(password), { cost: config().bcryptCost })));
}

/**
 * The stored "hash" of an account created through a sign-in provider: no scheme, so no password matches it
 * (verifyPassword spends a real check's time and says no). The owner sets a password through the reset mail.
 */
export const NO_PASSWORD = '!no-password';

export function hasPassword(stored: string): boolean {
  return stored !== NO_PASSWORD;
}

/** Checks against whichever scheme the stored hash names: ours, or a Werkzeug hash imported from the Flask backend. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored === NO_PASSWORD) {
    await burnPasswordCheck(password);
    return false;
  }
  if (stored.startsWith(SCHEME)) return hashingSlots(() => verify(prehash(password), stored.slice(SCHEME.length)));
  if (looksLikeWerkzeugHash(stored)) return hashingSlots(() => verifyWerkzeugHash(password, stored));
  return false;
}

/** After a successful check: should this hash be replaced by a fresh one (a legacy scheme, or a lower bcrypt cost)? */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith(SCHEME)) return true;
  try {
    return passwordHashCost(stored) < config().bcryptCost;
  } catch {
    return true;
  }
}

export function passwordHashCost(stored: string): number {
  return parseOptions(stored.slice(SCHEME.length)).cost;
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown account cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('profile-hub timing equaliser');
  await verifyPassword(password, await dummyHash);
}

export { PASSWORD_IS_COMMON };

/**
 * The rules of a new password that the shared schema cannot check in the browser
 * (see lib/validation/fields.ts): null when the password may be set.
 */
export function newPasswordProblem(password: string, identity: { username?: string; email?: string }): string | null {
  if (passwordMatchesIdentity(password, identity)) return PASSWORD_IS_IDENTITY;
  if (isCommonPassword(password)) return PASSWORD_IS_COMMON;
  return null;
}
