import { pbkdf2, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

/*
 * Werkzeug's password hashes, as the old Flask backend stored them:
 *   pbkdf2:<digest>:<iterations>$<salt>$<hex>   (pbkdf2:<digest> and pbkdf2 alone mean 600,000 and sha256)
 *   scrypt:<N>:<r>:<p>$<salt>$<hex>              (scrypt alone means 32768:8:1)
 * The salt is used as its UTF-8 text, not decoded; the digest is lower-case hex
 * (pbkdf2: the digest's own size; scrypt: 64 bytes). Only verification lives
 * here: new hashes are always Profile Hub's bcrypt.
 */

type Method =
  | { scheme: 'pbkdf2'; digest: Pbkdf2Digest; iterations: number }
  | { scheme: 'scrypt'; N: number; r: number; p: number };
export type WerkzeugHash = Method & { salt: string; expected: Buffer };
export type ParsedWerkzeugHash = { ok: true; hash: WerkzeugHash } | { ok: false; reason: string };

const PBKDF2_DIGESTS = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 } as const;
type Pbkdf2Digest = keyof typeof PBKDF2_DIGESTS;
const WERKZEUG_DEFAULT_ITERATIONS = 600_000;
const SCRYPT_KEY_LENGTH = 64;

/**
 * What a login may spend on one legacy hash. Werkzeug's own defaults are far
 * below (pbkdf2 600,000 / 1,000,000; scrypt 2^15·8·1, 32 MiB); anything above
 * is a crafted hash meant to stall the server, so it is refused, not computed.
 */
export const LEGACY_COST_LIMITS = {
  maxPbkdf2Iterations: 2_000_000,
  maxScryptN: 2 ** 20,
  maxScryptMemoryBytes: 128 * 1024 * 1024, // 128·N·r
  maxScryptWork: 2 ** 23, // N·r·p: 32 times Werkzeug's default
} as const;

const DECIMAL = /^[1-9][0-9]{0,9}$/;
// Werkzeug's salts are letters and digits; any printable ASCII but "$" is accepted.
const SALT = /^[\x21-\x23\x25-\x7e]{1,64}$/;
const LOWER_HEX = /^[0-9a-f]+$/;

export function looksLikeWerkzeugHash(stored: string): boolean {
  return /^(pbkdf2|scrypt)[:$]/.test(stored);
}

function parseMethod(method: string): { ok: true; hash: Method } | { ok: false; reason: string } {
  const [name, ...args] = method.split(':');
  if (name === 'pbkdf2') {
    if (args.length > 2) return { ok: false, reason: 'pbkdf2 takes at most a digest and an iteration count' };
    const digest = (args[0] ?? 'sha256') as Pbkdf2Digest;
    if (!Object.hasOwn(PBKDF2_DIGESTS, digest)) return { ok: false, reason: `unsupported pbkdf2 digest "${args[0]}"` };
    if (args[1] !== undefined && !DECIMAL.test(args[1]))
      return { ok: false, reason: 'the pbkdf2 iteration count is not a positive number' };
    const iterations = args[1] === undefined ? WERKZEUG_DEFAULT_ITERATIONS : Number(args[1]);
    if (iterations > LEGACY_COST_LIMITS.maxPbkdf2Iterations) {
      return {
        ok: false,
        reason: `absurd cost: ${iterations} pbkdf2 iterations (at most ${LEGACY_COST_LIMITS.maxPbkdf2Iterations})`,
      };
    }
    return { ok: true, hash: { scheme: 'pbkdf2', digest, iterations } };
  }
  if (name === 'scrypt') {
    if (args.length !== 0 && args.length !== 3) return { ok: false, reason: 'scrypt takes N, r and p' };
    if (!args.every((arg) => DECIMAL.test(arg)))
      return { ok: false, reason: 'the scrypt parameters are not positive numbers' };
    const [N, r, p] = args.length ? (args.map(Number) as [number, number, number]) : [2 ** 15, 8, 1];
    if (N < 2 || (N & (N - 1)) !== 0) return { ok: false, reason: `scrypt N must be a power of two above 1, not ${N}` };
    const limits = LEGACY_COST_LIMITS;
    if (N > limits.maxScryptN || 128 * N * r > limits.maxScryptMemoryBytes || N * r * p > limits.maxScryptWork) {
      return { ok: false, reason: `absurd cost: scrypt N=${N} r=${r} p=${p} (at most N=2^20, 128 MiB, N·r·p=2^23)` };
    }
    return { ok: true, hash: { scheme: 'scrypt', N, r, p } };
  }
  return { ok: false, reason: `unknown hash method "${name}"` };
}

/** Checks a stored hash's shape and cost without computing anything. */
export function parseWerkzeugHash(stored: string): ParsedWerkzeugHash {
  const parts = stored.split('$');
  if (parts.length !== 3) return { ok: false, reason: 'not of the form method$salt$hash' };
  const [method, salt, hex] = parts as [string, string, string];
  const parsed = parseMethod(method);
  if (!parsed.ok) return parsed;
  if (!SALT.test(salt)) return { ok: false, reason: 'the salt is empty, too long or not printable ASCII' };
  const length = parsed.hash.scheme === 'pbkdf2' ? PBKDF2_DIGESTS[parsed.hash.digest] : SCRYPT_KEY_LENGTH;
  if (hex.length !== length * 2 || !LOWER_HEX.test(hex)) {
    return { ok: false, reason: `the hash is not ${length * 2} lower-case hex digits` };
  }
  return { ok: true, hash: { ...parsed.hash, salt, expected: Buffer.from(hex, 'hex') } as WerkzeugHash };
}

function derive(password: string, hash: WerkzeugHash): Promise<Buffer> {
  const secret: BinaryLike = Buffer.from(password, 'utf8');
  const salt = Buffer.from(hash.salt, 'utf8');
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, key: Buffer) => (error ? reject(error) : resolve(key));
    if (hash.scheme === 'pbkdf2') {
      pbkdf2(secret, salt, hash.iterations, hash.expected.length, hash.digest, done);
    } else {
      const options: ScryptOptions = {
        N: hash.N,
        r: hash.r,
        p: hash.p,
        maxmem: LEGACY_COST_LIMITS.maxScryptMemoryBytes + 2 ** 20,
      };
      scrypt(secret, salt, hash.expected.length, options, done);
    }
  });
}

/**
 * Werkzeug's check_password_hash, off the main thread and compared in
 * constant time. A malformed or over-cost hash fails closed without any work.
 */
export async function verifyWerkzeugHash(password: string, stored: string): Promise<boolean> {
  const parsed = parseWerkzeugHash(stored);
  if (!parsed.ok) return false;
  const actual = await derive(password, parsed.hash);
  return timingSafeEqual(actual, parsed.hash.expected);
}
