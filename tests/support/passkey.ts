import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { inject } from 'vitest';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { ResultSetHeader } from 'mysql2';
import type { databaseConnection } from './db';

/*
 * A software passkey for API tests: a P-256 key whose public half is stored as a registration would store it
 * (COSE, base64url), and real assertions signed in Node for any challenge the server hands out. The browser
 * ceremonies with an authenticator are in e2e/passkeys.spec.ts (Chromium's virtual authenticator).
 */

export type SoftPasskey = {
  credentialId: string;
  /** The AuthenticationResponseJSON for this challenge, as @simplewebauthn/browser would send it. */
  assert: (challenge: string, rpId: string) => Record<string, unknown>;
};

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  return isoCBOR.encode(cose);
}

/** Stores a new passkey for the user (as registration would) and returns a way to sign with it. */
export async function softPasskey(
  db: ReturnType<typeof databaseConnection>,
  userId: number,
  name = 'Soft key',
): Promise<SoftPasskey> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credentialId = randomBytes(16).toString('base64url');
  await db().query<ResultSetHeader>(
    'INSERT INTO passkeys (user_id, credential_id, public_key, name) VALUES (?, ?, ?, ?)',
    [userId, credentialId, Buffer.from(coseKey(publicKey)).toString('base64url'), name],
  );
  let counter = 0;
  const origin = new URL(inject('baseUrl')).origin;
  return {
    credentialId,
    assert: (challenge, rpId) => {
      counter += 1;
      const clientDataJSON = Buffer.from(
        JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false }),
      );
      const counterBytes = Buffer.alloc(4);
      counterBytes.writeUInt32BE(counter);
      // rpIdHash, flags (user present + user verified), sign count
      const authenticatorData = Buffer.concat([
        createHash('sha256').update(rpId).digest(),
        Buffer.from([0x05]),
        counterBytes,
      ]);
      const signature = sign(
        'sha256',
        Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]),
        privateKey,
      );
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        response: {
          clientDataJSON: clientDataJSON.toString('base64url'),
          authenticatorData: authenticatorData.toString('base64url'),
          signature: signature.toString('base64url'),
        },
        clientExtensionResults: {},
      };
    },
  };
}
