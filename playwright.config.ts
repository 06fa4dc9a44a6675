import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E_PORT } from './e2e/mail';

const PORT = E2E_PORT;
const baseURL = `http://127.0.0.1:${PORT}`;
// Debian's Chromium: Playwright cannot download its own browser here.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

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
  // In CI, a test that fails once is run once more and reported as flaky (scripts/test.ts prints how many): two
  // hydration and load races were seen on 2 shared cores. A regression fails both runs.
  retries: process.env.CI ? 1 : 0,
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
  // The mail catcher and the production server: e2e/global-setup.ts, through scripts/lib/app-server.ts.
  globalSetup: './e2e/global-setup.ts',
});
