/** What `npm run lighthouse` makes of one Lighthouse run. */

type Report = {
  runtimeError?: { code?: string; message?: string };
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { scoreDisplayMode?: string; errorMessage?: string } | undefined>;
};

/**
 * Why a run gave no performance score, or '' when it gave one. A failed trace (NO_NAVSTART, NO_FCP…) is a
 * runtimeError; an audit that errored leaves the category's score null (Lighthouse averages no null). Either
 * printed as a score would read as 0: the run is no result.
 */
export function runFailure(report: Report): string {
  if (report.runtimeError?.code) return report.runtimeError.code;
  const score = report.categories.performance?.score;
  if (typeof score === 'number' && score > 0) return '';
  const errored = Object.entries(report.audits).find(([, audit]) => audit?.scoreDisplayMode === 'error');
  if (errored) {
    const message = errored[1]!.errorMessage ?? '';
    // Lighthouse's own errors end with their code in brackets, e.g. "… (NO_NAVSTART)".
    return /\b([A-Z][A-Z0-9_]{2,})\)?\s*$/.exec(message)?.[1] ?? `${errored[0]}: ${message || 'error'}`;
  }
  return score === 0 ? 'SCORE_0' : 'NO_SCORE';
}

/**
 * Runs Lighthouse on a page up to `attempts` times until a run gives a score: the first scored report, or the
 * last failure's code. A run that throws counts as failed with the error's code (or message).
 */
export async function firstScoredRun<R extends Report>(
  run: () => Promise<R | undefined>,
  attempts: number,
  onRetry: (attempt: number, failure: string) => void = () => {},
): Promise<{ report: R } | { failure: string }> {
  let failure = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const report = await run();
      failure = report ? runFailure(report) : 'NO_RESULT';
      if (!failure) return { report: report! };
    } catch (error) {
      failure = (error as { code?: string }).code || (error as Error).message;
    }
    if (attempt < attempts) onRetry(attempt, failure);
  }
  return { failure };
}
