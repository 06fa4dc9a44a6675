import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { config } from './config';

const ISSUER = 'profile-hub';
const AUDIENCE = 'profile-hub:session';
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
 * The HMAC key, imported into WebCrypto once per secret: passing jose the raw
 * bytes would import it again on every sign and verify.
 */
let key: { secret: Uint8Array; key: Promise<CryptoKey> } | undefined;
function sessionKey(): Promise<CryptoKey> {
  const secret = config().jwtSecret;
  if (key?.secret !== secret) {
    key = {
      secret,
      key: crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]),
    };
  }
  return key.key;
}

export async function signSessionToken(claims: { userId: number; sessionId: string; issuedAt: Date; expiresAt: Date }) {
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(claims.userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(claims.issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(await sessionKey());
}

export async function verifySessionToken(token: string): Promise<{ userId: number; sessionId: string } | null> {
  try {
    const { payload } = await jwtVerify(token, await sessionKey(), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'sid', 'iat', 'exp'],
    });
    const userId = Number(payload.sub);
    if (!Number.isSafeInteger(userId) || typeof payload.sid !== 'string') return null;
    return { userId, sessionId: payload.sid };
  } catch {
    return null;
  }
}
