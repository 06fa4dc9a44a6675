import { Secret, TOTP } from 'otpauth';

/*
 * TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, what
 * every authenticator app reads from an otpauth:// URL. Pure: the clock and
 * the last step used are the caller's, so the window and replay rules are
 * tested with a clock of the test's choosing.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** A code is accepted one step early or late (clock drift, a code typed as it changed). */
export const TOTP_WINDOW = 1;
const ISSUER = 'Profile Hub';

function totp(secret: string, label = '') {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, the RFC's recommended size), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URL an authenticator app scans; `account` is what the app lists it as. */
export function totpUrl(secret: string, account: string): string {
  return totp(secret, account).toString();
}

/** The step a time falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a time (tests and the enrolment check use it). */
export function totpCode(secret: string, nowMs: number): string {
  return totp(secret).generate({ timestamp: nowMs });
}

/** A typed code as compared: spaces removed; six digits or nothing. */
export function normalizeTotpCode(code: string): string | null {
  const digits = code.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The time step `code` belongs to, within ±TOTP_WINDOW steps of `nowMs`, or
 * null. A step at or before `lastUsedStep` is refused: a code once used, and
 * any older one, never works again (RFC 6238 §5.2), for its whole window.
 */
export function matchTotp(secret: string, code: string, nowMs: number, lastUsedStep: number | null): number | null {
  const token = normalizeTotpCode(code);
  if (!token) return null;
  const delta = totp(secret).validate({ token, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStep(nowMs) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}
