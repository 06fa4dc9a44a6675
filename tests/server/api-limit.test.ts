/**
 * The per-address API limit counted in memory and written to MySQL in batches (lib/security/batched-counter.ts), across
 * two production runners on one database: a burst from one address spread over both is refused within the
 * documented tolerance of the limit (docs/rate-limits.md), and one runner alone still refuses past it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../scripts/lib/app-server';
import { startTestApp } from '../support/server';

const LIMIT = 100;
let first: RunningApp;
let second: RunningApp;

beforeAll(async () => {
  // The runners stand behind a proxy on loopback, so a test speaks for an address of its choosing.
  const env = { RATE_LIMIT_API_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' };
  [first, second] = await Promise.all([startTestApp(env), startTestApp(env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

const newAddress = () => `198.18.${[...randomBytes(2)].join('.')}`;

/** Sequential requests from `from`, in turn over `runners`: where the first 429 came and how many passed. */
async function burst(runners: RunningApp[], from: string, attempts: number) {
  let firstRefusal = -1;
  let passed = 0;
  for (let i = 0; i < attempts; i++) {
    const response = await fetch(`${runners[i % runners.length]!.baseUrl}/api/getProfile`, {
      headers: { 'x-forwarded-for': from },
    });
    await response.arrayBuffer();
    if (response.status !== 429) passed++;
    else if (firstRefusal < 0) {
      firstRefusal = i;
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }
  return { firstRefusal, passed };
}

describe('the per-address API limit across instances', () => {
  it('two runners on one database: refusals start within 10 % of the limit, and no more pass', async () => {
    const { firstRefusal, passed } = await burst([first, second], newAddress(), LIMIT * 2);
    console.log(`[figures] two runners, limit ${LIMIT}: first 429 at request ${firstRefusal + 1}, ${passed} passed`);
    expect(firstRefusal).toBeGreaterThanOrEqual(LIMIT * 0.9);
    expect(firstRefusal).toBeLessThanOrEqual(LIMIT * 1.1);
    expect(passed).toBeLessThanOrEqual(LIMIT * 1.1);
  }, 60_000);

  it('one runner alone still refuses past the limit', async () => {
    const { firstRefusal, passed } = await burst([first], newAddress(), LIMIT * 2);
    console.log(`[figures] one runner, limit ${LIMIT}: first 429 at request ${firstRefusal + 1}, ${passed} passed`);
    expect(firstRefusal).toBeGreaterThanOrEqual(LIMIT * 0.9);
    expect(passed).toBeLessThanOrEqual(LIMIT * 1.1);
  }, 60_000);

  it('another address is unaffected', async () => {
    const response = await fetch(`${second.baseUrl}/api/getProfile`, { headers: { 'x-forwarded-for': newAddress() } });
    expect(response.status).toBe(401);
  });
});
