/**
 * Guessing the current password with a stolen session: changing the password or the email and deleting the
 * account check it through the account's login back-off (same pause, same known-device allowance), and every
 * wrong one is a security event.
 */
import { describe, expect, it } from 'vitest';
import { api, expectContractError, signedUpUser, type TestUser } from '../support/api';

type Login = { sessionCode: string; deviceToken: string };

/** The owner's own login on their device: a session and the device token it keeps. */
async function ownerDevice(user: TestUser) {
  const answer = await api<Login>('/api/login', { json: { email: user.email, password: user.password } });
  expect(answer.status).toBe(200);
  return answer.body;
}

const guesses: [string, string, (user: TestUser, password: string) => Record<string, unknown>][] = [
  [
    'POST',
    '/api/changePassword',
    (_user, password) => ({ currentPassword: password, newPassword: 'A new pass 4 me!' }),
  ],
  ['POST', '/api/changeEmail', (user, password) => ({ currentPassword: password, newEmail: `x-${user.email}` })],
  ['DELETE', '/api/deleteAccount', (_user, password) => ({ currentPassword: password })],
];

describe('current-password checks share the login back-off', () => {
  for (const [method, path, body] of guesses) {
    it(`${method} ${path}: 20 wrong current passwords from a stolen session meet 429 with Retry-After`, async () => {
      const user = await signedUpUser();
      const statuses: number[] = [];
      let retryAfter = 0;
      for (let i = 0; i < 20; i++) {
        const answer = await api(path, { method, token: user.token, json: body(user, `wrong guess ${i}`) });
        statuses.push(answer.status);
        if (answer.status === 429) {
          expectContractError(answer, 429, 'rate_limited');
          retryAfter = Number(answer.headers.get('retry-after'));
        }
      }
      console.log(`[figures] ${path}, 20 wrong current passwords: ${statuses.join(' ')}`);
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
      expect(retryAfter).toBeGreaterThan(0);
      // The right password is paused too while the pause runs: guessing gains nothing by being right.
      const right = await api(path, { method, token: user.token, json: body(user, user.password) });
      expect(right.status).toBe(429);
      // Each wrong one is in the owner's recent activity.
      const activity = await api<{ events: { type: string }[] }>('/api/activity', { token: user.token });
      const failures = activity.body.events.filter((event) => event.type === 'current_password_failure');
      expect(failures.length).toBeGreaterThanOrEqual(5);
    });
  }

  it("the owner's known device keeps its own count: the thief's pause does not stop the owner", async () => {
    const user = await signedUpUser();
    const device = await ownerDevice(user);
    for (let i = 0; i < 6; i++) {
      await api('/api/changePassword', {
        token: user.token,
        json: { currentPassword: `wrong ${i}`, newPassword: 'A new pass 4 me!' },
      });
    }
    const paused = await api('/api/changePassword', {
      token: user.token,
      json: { currentPassword: user.password, newPassword: 'A new pass 4 me!' },
    });
    expect(paused.status).toBe(429);
    const owner = await api('/api/changePassword', {
      token: device.sessionCode,
      headers: { 'x-device-token': device.deviceToken },
      json: { currentPassword: user.password, newPassword: 'A new pass 4 me!' },
    });
    expect(owner.status).toBe(200);
  });
});
