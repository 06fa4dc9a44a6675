import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { LIFTED_CLIENT_LIMITS } from './tests/support/server';
import { E2E_MAIL_DIR, E2E_PORT, E2E_SERVER_LOG, E2E_SMTP_PORT } from './e2e/mail';
import { RUNNER_ARGS } from './server/node-flags';

const PORT = E2E_PORT;
const baseURL = `http://127.0.0.1:${PORT}`;
// Debian's Chromium: Playwright cannot download its own browser here.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

mkdirSync(path.dirname(E2E_SERVER_LOG), { recursive: true });

const launchOptions = {
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // A stray `test.only` must not silently shrink the suite in CI.
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined, launchOptions } },
    // The narrowest phone the design must fit: 360 CSS pixels.
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], viewport: { width: 360, height: 780 }, channel: undefined, launchOptions },
      // Those start servers of their own (database down, not migrated; an OpenID provider): once, at the
      // desktop size, is enough.
      testIgnore: ['error-pages.spec.ts', 'sign-in-providers.spec.ts'],
    },
  ],
  webServer: [
    {
      // A real SMTP server that keeps every message the app sends, for the specs to open.
      command: 'npx tsx tests/support/mail-catcher-cli.ts',
      port: E2E_SMTP_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { MAIL_CATCHER_PORT: String(E2E_SMTP_PORT), MAIL_CATCHER_DIR: E2E_MAIL_DIR },
    },
    {
      // The production build behind the production runner, as users get it (npm test builds it first). Its log
      // goes to a file, attached to a failing test (e2e/fixtures.ts), not between the test lines.
      command: `exec node ${RUNNER_ARGS.join(' ')} > '${E2E_SERVER_LOG}' 2>&1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        NODE_ENV: 'production',
        PORT: String(PORT),
        HOST: '127.0.0.1',
        // One process (the default is one per core): Chromium needs the other core.
        WEB_CONCURRENCY: '1',
        SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
        APP_URL: baseURL,
        // WebAuthn takes no IP address as its relying party: e2e/passkeys.spec.ts browses this server as localhost.
        WEBAUTHN_RP_ID: 'localhost',
        WEBAUTHN_ORIGIN: `http://localhost:${PORT}`,
        MAIL_FROM: 'Profile Hub <no-reply@profile-hub.test>',
        OUTBOX_POLL_MS: '200',
        OUTBOX_RETRY_BASE_MS: '300',
        // Every test browses from 127.0.0.1: per-address limits lifted (tests/throttle/ checks them at their defaults).
        ...LIFTED_CLIENT_LIMITS,
      },
    },
  ],
});
