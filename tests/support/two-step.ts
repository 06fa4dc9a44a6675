import { expect } from 'vitest';
import { TOTP_PERIOD_SECONDS, totpCode } from '@/lib/auth/totp';
import { api, signedUpUser, type TestUser } from './api';
import { waitForMail } from './mail-catcher';

export const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

/**
 * Codes for three consecutive steps around now: each is inside the server's ±1 window, and each
 * is newer than the one before (the replay rule refuses a step at or before the last one used).
 * Starts early in a step so the three stay in the window while the test runs.
 */
export async function threeCodes(secret: string) {
  const into = Date.now() % STEP_MS;
  if (into > STEP_MS - 12_000) await new Promise((resolve) => setTimeout(resolve, STEP_MS - into + 200));
  const now = Date.now();
  return [totpCode(secret, now - STEP_MS), totpCode(secret, now), totpCode(secret, now + STEP_MS)] as const;
}

export type Enrolled = TestUser & { secret: string; recoveryCodes: string[]; codes: readonly [string, string, string] };

/** A user with two-step sign-in on; codes[0] was used to confirm it, codes[1] and codes[2] are still fresh. */
export async function enrolledUser(): Promise<Enrolled> {
  const user = await signedUpUser();
  const started = await api<{ secret: string; otpauthUrl: string }>('/api/mfa/totp', {
    token: user.token,
    json: { currentPassword: user.password },
  });
  expect(started.status).toBe(200);
  const codes = await threeCodes(started.body.secret);
  const confirmed = await api<{ recoveryCodes: string[] }>('/api/mfa/totp/confirm', {
    token: user.token,
    json: { code: codes[0] },
  });
  expect(confirmed.status).toBe(200);
  return { ...user, secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes, codes };
}

/** The notice of a recovery code's use as mailed: what it was used for (and not the other use), and the codes left. */
export async function expectRecoveryCodeNotice(
  mailDir: string,
  to: string,
  usedFor: 'sign_in' | 'change',
  codesLeft: number,
) {
  const [said, notSaid] =
    usedFor === 'sign_in' ? ['to sign in', 'to confirm a change'] : ['to confirm a change', 'to sign in'];
  const notice = await waitForMail(mailDir, to, /recovery code was used/i);
  expect(notice.subject).toBe(`A recovery code was used ${said}`);
  const text = notice.text.replace(/\s+/g, ' ');
  expect(text).toContain(`one of your recovery codes was just used ${said} to your Profile Hub account.`);
  expect(text).toContain(`${codesLeft} of your recovery codes are left.`);
  expect(text).not.toContain(notSaid);
}
