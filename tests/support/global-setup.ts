import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startApp, type RunningApp } from '../../scripts/lib/app-server';
import { startMailCatcher } from './mail-catcher';
import { LIFTED_CLIENT_LIMITS } from './server';

/** The production build, served for real over HTTP, against this run's throwaway database. */
let server: RunningApp | undefined;
let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;

export async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL?.includes('_test_')) {
    throw new Error('Integration tests need a throwaway DATABASE_URL (run them with npm test).');
  }
  // The isolated pass starts servers of its own and wants the machine to itself.
  if (process.env.VITEST_ISOLATED === '1') return;
  // A real SMTP server on a free port; the app delivers to it and tests read what it caught.
  const mailDir = mkdtempSync(path.join(tmpdir(), 'profile-hub-mail-'));
  catcher = await startMailCatcher({ dir: mailDir });
  // Mail links name the server (APP_URL), so its port is picked before it starts.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The production runner (npm start), so the tested path is the one users get.
  server = await startApp({
    name: 'integration',
    port,
    env: {
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
  });
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mailDir);
  project.provide('serverPid', server.pid);
  // tests/support/setup.ts prints what it logged during a test beside that test when it fails.
  project.provide('serverLog', server.logFile);
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
  await server?.stop();
  await catcher?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverPid: number;
    serverLog: string;
    mailDir: string;
  }
}
