import { describe, expect, it } from 'vitest';
import { URL } from 'node:url';
import { matchTotp, newTotpSecret, TOTP_PERIOD_SECONDS, totpCode, totpStep, totpUrl } from '@/lib/auth/totp';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
// A fixed clock: the middle of a step, far from any boundary.
const NOW = 1_900_000_000_000 - (1_900_000_000_000 % STEP_MS) + STEP_MS / 2;

describe('TOTP', () => {
  const secret = newTotpSecret();

  it('makes a 160-bit base32 secret and an otpauth URL for SHA-1, 6 digits, 30 s', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(totpUrl(secret, 'grace@example.com'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('issuer')).toBe('Profile Hub');
  });

  it('accepts the current code and one step either side, nothing further', () => {
    const step = totpStep(NOW);
    expect(matchTotp(secret, totpCode(secret, NOW), NOW, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, NOW - STEP_MS), NOW, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, NOW + STEP_MS), NOW, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, NOW - 2 * STEP_MS), NOW, null)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, NOW + 2 * STEP_MS), NOW, null)).toBeNull();
  });

  it('refuses a used code for its whole window, and any older one', () => {
    const code = totpCode(secret, NOW);
    const used = matchTotp(secret, code, NOW, null)!;
    // Replayed at once, and later while it is still inside the ±1 window.
    expect(matchTotp(secret, code, NOW, used)).toBeNull();
    expect(matchTotp(secret, code, NOW + STEP_MS, used)).toBeNull();
    // The previous step's code, still in the window, is older than the one used: refused too.
    expect(matchTotp(secret, totpCode(secret, NOW - STEP_MS), NOW, used)).toBeNull();
    // The next step's code is new: accepted.
    expect(matchTotp(secret, totpCode(secret, NOW + STEP_MS), NOW + STEP_MS, used)).toBe(used + 1);
  });

  it('refuses malformed codes and another secret’s code; accepts spaces inside', () => {
    const code = totpCode(secret, NOW);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, NOW, null)).toBe(totpStep(NOW));
    expect(matchTotp(secret, code.slice(1), NOW, null)).toBeNull();
    expect(matchTotp(secret, `${code}0`, NOW, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', NOW, null)).toBeNull();
    expect(matchTotp(newTotpSecret(), code, NOW, null)).toBeNull();
  });
});
