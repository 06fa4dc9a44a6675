import { describe, expect, it } from 'vitest';
import { firstScoredRun, runFailure } from '@/scripts/lib/lighthouse-run';

const scored = (score: number | null) => ({ categories: { performance: { score } }, audits: {} });
// What Lighthouse reports when the trace has no navigation start: a runtimeError, and no score to speak of.
const noNavStart = {
  runtimeError: { code: 'NO_NAVSTART', message: 'The trace did not contain a navigationStart event.' },
  categories: { performance: { score: null } },
  audits: {},
};

describe('runFailure (npm run lighthouse)', () => {
  it('takes a scored run as a result', () => {
    expect(runFailure(scored(0.97))).toBe('');
  });

  it('names a runtimeError, even beside a score', () => {
    expect(runFailure(noNavStart)).toBe('NO_NAVSTART');
    expect(runFailure({ ...scored(0.5), runtimeError: { code: 'NO_FCP' } })).toBe('NO_FCP');
  });

  it('refuses a null or 0 score, naming the errored audit', () => {
    expect(
      runFailure({
        categories: { performance: { score: null } },
        audits: {
          'largest-contentful-paint': {
            scoreDisplayMode: 'error',
            errorMessage: 'Something went wrong with recording the trace over your page load. (NO_LCP)',
          },
        },
      }),
    ).toBe('NO_LCP');
    expect(runFailure(scored(null))).toBe('NO_SCORE');
    expect(runFailure(scored(0))).toBe('SCORE_0');
  });
});

describe('firstScoredRun', () => {
  it('retries a failed trace and keeps the first scored run', async () => {
    const reports = [noNavStart, scored(0.99), scored(0.5)];
    const retries: string[] = [];
    const outcome = await firstScoredRun(
      async () => reports.shift(),
      3,
      (attempt, failure) => retries.push(`${attempt} ${failure}`),
    );
    expect(outcome).toEqual({ report: scored(0.99) });
    expect(retries).toEqual(['1 NO_NAVSTART']);
  });

  it('gives up after the attempts with the last failure, counting a thrown run as failed', async () => {
    let runs = 0;
    const outcome = await firstScoredRun(async () => {
      runs++;
      if (runs === 3) throw Object.assign(new Error('protocol'), { code: 'PROTOCOL_TIMEOUT' });
      return noNavStart;
    }, 3);
    expect(outcome).toEqual({ failure: 'PROTOCOL_TIMEOUT' });
    expect(runs).toBe(3);
  });
});
