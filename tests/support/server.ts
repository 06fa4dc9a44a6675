import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { startApp, type RunningApp } from '../../scripts/lib/app-server';

/** Resident memory of a server's whole process group (the runner and any workers), in MiB. */
export function groupRssMiB(pgid: number): number {
  let kib = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      kib += Number(rss?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kib / 1024);
}

/**
 * Every test reaches the shared servers from 127.0.0.1, so the per-address
 * limits are lifted there (the per-account ones stay at their defaults);
 * tests/throttle/ runs its own server with every limit at its default.
 */
export const LIFTED_CLIENT_LIMITS = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
  RATE_LIMIT_SIGNUP_PER_HOUR: '1000000',
  RATE_LIMIT_AVAILABILITY_PER_MINUTE: '1000000',
  RATE_LIMIT_API_PER_MINUTE: '1000000',
  RATE_LIMIT_MAIL_PER_HOUR: '1000000',
};

/**
 * A production server of a test's own (scripts/lib/app-server.ts), logging to a file named after the test file,
 * with the per-address limits lifted as on the shared server: their counts live in the shared database, where
 * every other test's requests from 127.0.0.1 are counted too (tests/throttle/ checks them at their defaults).
 */
export function startTestApp(
  env: Record<string, string | undefined> = {},
  options: { readyLines?: number; port?: number } = {},
): Promise<RunningApp> {
  const name = path.basename(expect.getState().testPath ?? 'test', '.test.ts');
  return startApp({ name, env: { ...LIFTED_CLIENT_LIMITS, ...env }, ...options });
}
