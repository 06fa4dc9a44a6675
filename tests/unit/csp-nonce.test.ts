import { describe, expect, it } from 'vitest';
import { createNonce } from '@/lib/security/csp';

describe('createNonce', () => {
  it('gives 128-bit base64 nonces, never the same one twice, across refills of its pool', () => {
    // 1,000 nonces: several refills of the 256-nonce pool.
    const nonces = Array.from({ length: 1000 }, () => createNonce());
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });
});
