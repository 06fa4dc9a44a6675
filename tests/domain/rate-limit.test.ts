import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

const address = () => `10.${[...randomBytes(3)].join('.')}`;

/** The limiter modules as an app instance started with this environment would have them (config is read once). */
async function instanceWith(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
  return { ...(await import('@/lib/security/rate-limit')), ...(await import('@/lib/auth/login-throttle')) };
}

afterEach(() => {
  delete process.env.RATE_LIMIT_DISABLED;
  delete process.env.RATE_LIMIT_MAIL_PER_HOUR;
  vi.resetModules();
});

describe('limitClient', () => {
  it('lets 5 mail-sending requests an hour through per address by default, then answers rate_limited with a wait', async () => {
    const { limitClient } = await instanceWith({});
    const from = address();
    for (let i = 0; i < 5; i++) expect(await limitClient('mail', from)).toBeNull();
    const refused = await limitClient('mail', from);
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(refused!.retryAfterSeconds).toBeGreaterThan(0);
    expect(await limitClient('mail', address())).toBeNull();
  });

  it('reads its limit from RATE_LIMIT_MAIL_PER_HOUR', async () => {
    const { limitClient } = await instanceWith({ RATE_LIMIT_MAIL_PER_HOUR: '2' });
    const from = address();
    expect(await limitClient('mail', from)).toBeNull();
    expect(await limitClient('mail', from)).toBeNull();
    expect(await limitClient('mail', from)).not.toBeNull();
  });

  it('RATE_LIMIT_DISABLED=1 turns every throttle off', async () => {
    const { limitClient, takeLoginAttempt, throttleKey } = await instanceWith({ RATE_LIMIT_DISABLED: '1' });
    const from = address();
    for (let i = 0; i < 30; i++) expect(await limitClient('login', from)).toBeNull();
    const key = throttleKey({ identifier: `${randomBytes(6).toString('hex')}@example.test` });
    for (let i = 0; i < 10; i++) expect((await takeLoginAttempt(key)).allowed).toBe(true);
  });
});
