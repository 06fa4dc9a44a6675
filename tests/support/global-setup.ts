import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { RUNNER_ARGS } from '../../server/node-flags';
import { startMailCatcher } from './mail-catcher';
import { LIFTED_CLIENT_LIMITS } from './server';

/** The production build, served for real over HTTP, against this run's throwaway database. */
let server: ChildProcess | undefined;
let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
const PORT = Number(process.env.TEST_API_PORT ?? 3210);

export async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL?.includes('_test_')) {
    throw new Error('Integration tests need a throwaway DATABASE_URL (run them with npm test).');
  }
  const baseUrl = `http://127.0.0.1:${PORT}`;
  // The isolated pass starts servers of its own and wants the machine to itself.
  if (process.env.VITEST_ISOLATED === '1') {
    project.provide('baseUrl', baseUrl);
    return;
  }
  // A real SMTP server on a free port; the app delivers to it and tests read what it caught.
  const mailDir = mkdtempSync(path.join(tmpdir(), 'profile-hub-mail-'));
  catcher = await startMailCatcher({ dir: mailDir });
  // The production runner (npm start), so the tested path is the one users get.
  server = spawn(process.execPath, RUNNER_ARGS, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      // The tests stand in for a reverse proxy on loopback, so X-Forwarded-For lets them speak for many
      // clients (per-client limits). The runner's own tests check that without TRUST_PROXY it is ignored.
      TRUST_PROXY: 'loopback',
      // One process (the default is one per core): the cores go to the test files running in parallel. Several
      // workers are tested by tests/server/ (runner, rolling restart, public cards on every worker).
      WEB_CONCURRENCY: '1',
      // Most tests speak as 127.0.0.1: per-address limits lifted
      // (tests/throttle/ starts its own runner at the defaults).
      ...LIFTED_CLIENT_LIMITS,
      // Mail senders speak for their own X-Forwarded-For clients, so the per-address mail limit can be checked here;
      // 127.0.0.1 itself (every sign-up of every test, each mailing a verification link) counts nowhere.
      RATE_LIMIT_MAIL_PER_HOUR: '30',
      RATE_LIMIT_EXEMPT_ADDRESSES: '127.0.0.1',
      ...mailEnvironment(catcher.url, baseUrl),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (attempt === 119) throw new Error('the server did not answer /api/health in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mailDir);
  project.provide('serverPid', server.pid!);
}

/** What a test server needs to mail through a catcher quickly: short poll and retry times. */
export function mailEnvironment(smtpUrl: string, appUrl: string) {
  return {
    SMTP_URL: smtpUrl,
    APP_URL: appUrl,
    MAIL_FROM: 'Profile Hub <no-reply@profile-hub.test>',
    OUTBOX_POLL_MS: '200',
    OUTBOX_RETRY_BASE_MS: '300',
  };
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await catcher?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverPid: number;
    mailDir: string;
  }
}
