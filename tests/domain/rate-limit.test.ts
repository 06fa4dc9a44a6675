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
  delete process.env.RATE_LIMIT_API_PER_MINUTE;
  delete process.env.RATE_LIMIT_EXEMPT_ADDRESSES;
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

  it('RATE_LIMIT_DISABLED=1 turns every throttle off (outside production only)', async () => {
    const { limitClient, takeLoginAttempt, unknownNameKey } = await instanceWith({ RATE_LIMIT_DISABLED: '1' });
    const from = address();
    for (let i = 0; i < 30; i++) expect(await limitClient('login', from)).toBeNull();
    const key = await unknownNameKey(`${randomBytes(6).toString('hex')}@example.test`);
    for (let i = 0; i < 10; i++) expect((await takeLoginAttempt(key)).allowed).toBe(true);
  });

  it('counts every request whose address is unknown in one shared bucket, instead of not at all', async () => {
    // The bucket is shared with every other test file's unknown-address requests this hour: a limit they cannot
    // reach, counted down to its refusal.
    const limit = 200;
    const { limitClient } = await instanceWith({ RATE_LIMIT_MAIL_PER_HOUR: String(limit) });
    expect(await limitClient('mail', '')).toBeNull();
    let calls = 1;
    while (calls <= limit && (await limitClient('mail', '')) === null) calls++;
    expect(calls).toBeLessThanOrEqual(limit);
    expect(await limitClient('mail', '')).toMatchObject({ code: 'rate_limited' });
    expect(await limitClient('mail', 'not an address')).toMatchObject({ code: 'rate_limited' });
  });

  it('does not count addresses in RATE_LIMIT_EXEMPT_ADDRESSES (a load test, a health checker); others still are', async () => {
    const { limitClient } = await instanceWith({
      RATE_LIMIT_MAIL_PER_HOUR: '2',
      RATE_LIMIT_EXEMPT_ADDRESSES: '10.250.0.0/16, 2001:db8:ee::1',
    });
    for (let i = 0; i < 10; i++) {
      expect(await limitClient('mail', '10.250.3.4')).toBeNull();
      expect(await limitClient('mail', '2001:db8:ee::1')).toBeNull();
    }
    const from = address();
    expect(await limitClient('mail', from)).toBeNull();
    expect(await limitClient('mail', from)).toBeNull();
    expect(await limitClient('mail', from)).not.toBeNull();
  });
});

describe('the per-address API limit, counted in memory and written to MySQL in batches', () => {
  const LIMIT = 200;

  /** Hits from one address, spread over `instances` in turn: the index of the first refusal and how many passed. */
  async function burst(instances: Awaited<ReturnType<typeof instanceWith>>[], from: string, attempts: number) {
    let firstRefusal = -1;
    let passed = 0;
    for (let i = 0; i < attempts; i++) {
      const refused = await instances[i % instances.length]!.limitClient('api', from);
      if (!refused) passed++;
      else if (firstRefusal < 0) {
        firstRefusal = i;
        expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      }
    }
    return { firstRefusal, passed };
  }

  it('one instance alone refuses past the limit, with few writes', async () => {
    const one = await instanceWith({ RATE_LIMIT_API_PER_MINUTE: String(LIMIT) });
    const from = address();
    const { firstRefusal, passed } = await burst([one], from, LIMIT * 2);
    console.log(`[figures] one instance, limit ${LIMIT}: first refusal at hit ${firstRefusal + 1}, ${passed} passed`);
    expect(firstRefusal).toBeGreaterThanOrEqual(LIMIT * 0.9);
    expect(passed).toBeLessThanOrEqual(LIMIT * 1.1);
  });

  it('two instances on one database together hold the limit within 10 % (refusals start between 90 % and 110 %)', async () => {
    const first = await instanceWith({ RATE_LIMIT_API_PER_MINUTE: String(LIMIT) });
    const second = await instanceWith({ RATE_LIMIT_API_PER_MINUTE: String(LIMIT) });
    expect(first.limitClient).not.toBe(second.limitClient);
    const from = address();
    const { firstRefusal, passed } = await burst([first, second], from, LIMIT * 3);
    console.log(`[figures] two instances, limit ${LIMIT}: first refusal at hit ${firstRefusal + 1}, ${passed} passed`);
    expect(firstRefusal).toBeGreaterThanOrEqual(LIMIT * 0.9);
    expect(firstRefusal).toBeLessThanOrEqual(LIMIT * 1.1);
    expect(passed).toBeLessThanOrEqual(LIMIT * 1.1);
  });

  it('after the window turns, the previous window weighs exactly the hits it admitted', async () => {
    const one = await instanceWith({ RATE_LIMIT_API_PER_MINUTE: String(LIMIT) });
    const from = address();
    const minute = (Math.floor(Date.now() / 60_000) + 10) * 60_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(minute + 59_900);
      for (let i = 0; i < 145; i++) expect(await one.limitClient('api', from)).toBeNull();
      vi.setSystemTime(minute + 60_100);
      const { passed } = await burst([one], from, LIMIT);
      // The sliding window: 145 hits of the previous minute, weighted by how much of it still overlaps.
      const expected = Math.floor(LIMIT - 145 * (1 - 100 / 60_000));
      console.log(`[figures] just after the window turned, 145 hits before: ${passed} passed (${expected} allowed)`);
      expect(passed).toBe(expected);
    } finally {
      vi.useRealTimers();
    }
  });

  it('four instances in turn (two instances of two workers) hold the limit within 10 %', async () => {
    const four = [];
    for (let i = 0; i < 4; i++) four.push(await instanceWith({ RATE_LIMIT_API_PER_MINUTE: String(LIMIT) }));
    const { firstRefusal, passed } = await burst(four, address(), LIMIT * 3);
    console.log(`[figures] four instances, limit ${LIMIT}: first refusal at hit ${firstRefusal + 1}, ${passed} passed`);
    expect(firstRefusal).toBeGreaterThanOrEqual(LIMIT * 0.9);
    expect(passed).toBeLessThanOrEqual(LIMIT * 1.1);
  });

  it('parallel hits on two instances at once still stay within 10 % over', async () => {
    const first = await instanceWith({ RATE_LIMIT_API_PER_MINUTE: String(LIMIT) });
    const second = await instanceWith({ RATE_LIMIT_API_PER_MINUTE: String(LIMIT) });
    const from = address();
    const answers = await Promise.all(
      Array.from({ length: LIMIT * 2 }, (_, i) => (i % 2 ? first : second).limitClient('api', from)),
    );
    const passed = answers.filter((answer) => answer === null).length;
    console.log(`[figures] ${LIMIT * 2} parallel hits on two instances, limit ${LIMIT}: ${passed} passed`);
    expect(passed).toBeGreaterThanOrEqual(LIMIT * 0.9);
    expect(passed).toBeLessThanOrEqual(LIMIT * 1.1);
  });
});
