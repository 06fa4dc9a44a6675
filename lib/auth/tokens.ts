import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { config } from '../platform/config';

const ISSUER = 'profile-hub';
const SESSION_AUDIENCE = 'profile-hub:session';
const SESSION_CODE = /^[A-Za-z0-9_-]{43}$/;
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/** 256 random bits, base64url: what the cookie and API clients hold. */
export function generateSessionCode(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedSessionCode(code: string): boolean {
  return SESSION_CODE.test(code);
}

export function hashSessionCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** The session's public id: random, so it says nothing about the code. */
export function generateSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export function isWellFormedSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}

/*
 * HMAC keys, imported into WebCrypto once per secret: passing jose the raw
 * bytes would import them again on every sign and verify. JWT_SECRET signs;
 * JWT_SECRET_PREVIOUS (when set) only verifies, so tokens signed before a
 * rotation stay valid until they expire.
 */
type SigningKeys = { current: Promise<CryptoKey>; previous: Promise<CryptoKey> | null };
let keys: { secret: Uint8Array; keys: SigningKeys } | undefined;

function importHmacKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function signingKeys(): SigningKeys {
  const { jwtSecret, previousJwtSecret } = config();
  if (keys?.secret !== jwtSecret) {
    verifiedSessionTokens.clear();
    keys = {
      secret: jwtSecret,
      keys: {
        current: importHmacKey(jwtSecret),
        previous: previousJwtSecret ? importHmacKey(previousJwtSecret) : null,
      },
    };
  }
  return keys.keys;
}

export async function signJwt(claims: JWTPayload, subject: string, audience: string, issuedAt: Date, expiresAt: Date) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await signingKeys().current);
}

/** The verified payload, or null (bad signature under both keys, expired, wrong audience, malformed). */
export async function verifyJwt(token: string, audience: string, requiredClaims: string[]): Promise<JWTPayload | null> {
  const options: JWTVerifyOptions = { algorithms: ['HS256'], issuer: ISSUER, audience, requiredClaims };
  const { current, previous } = signingKeys();
  try {
    return (await jwtVerify(token, await current, options)).payload;
  } catch (error) {
    if (!previous || !(error instanceof errors.JWSSignatureVerificationFailed)) return null;
  }
  try {
    return (await jwtVerify(token, await previous, options)).payload;
  } catch {
    return null;
  }
}

/** `jti` is the session id, so the token names the one row it belongs to; `sid` is kept for the contract. */
export async function signSessionToken(claims: { userId: number; sessionId: string; issuedAt: Date; expiresAt: Date }) {
  return signJwt(
    { sid: claims.sessionId, jti: claims.sessionId },
    String(claims.userId),
    SESSION_AUDIENCE,
    claims.issuedAt,
    claims.expiresAt,
  );
}

/*
 * Session tokens this process has verified, by their text: a token is immutable, so its signature and fixed claims
 * verify the same every time, and the WebCrypto HMAC job was a tenth of a read's CPU. Only that check is skipped:
 * the row holding the token is still read on every request (revoking deletes it) and the expiry compared each time.
 * Bounded; the oldest entry goes first. Cleared when the keys change.
 */
const VERIFIED_SESSION_TOKENS_MAX = 10_000;
type VerifiedSession = { userId: number; sessionId: string; expiresAt: number };
const verifiedSessionTokens = new Map<string, VerifiedSession>();

/** jose's rule: a token is expired once the current second reaches its `exp`. */
const isLive = (session: VerifiedSession) => session.expiresAt > Math.floor(Date.now() / 1000);

export async function verifySessionToken(token: string): Promise<{ userId: number; sessionId: string } | null> {
  signingKeys();
  const known = verifiedSessionTokens.get(token);
  if (known) return isLive(known) ? { userId: known.userId, sessionId: known.sessionId } : null;
  const payload = await verifyJwt(token, SESSION_AUDIENCE, ['sub', 'sid', 'iat', 'exp']);
  if (!payload) return null;
  const userId = Number(payload.sub);
  if (!Number.isSafeInteger(userId) || typeof payload.sid !== 'string') return null;
  // Tokens issued before jti existed have none; a present one must agree.
  if (payload.jti !== undefined && payload.jti !== payload.sid) return null;
  if (verifiedSessionTokens.size >= VERIFIED_SESSION_TOKENS_MAX) {
    verifiedSessionTokens.delete(verifiedSessionTokens.keys().next().value!);
  }
  verifiedSessionTokens.set(token, { userId, sessionId: payload.sid, expiresAt: payload.exp! });
  return { userId, sessionId: payload.sid };
}
