/**
 * Every test suite against throwaway databases: integration (Vitest, domain
 * layer in-process and routes over real HTTP) and end-to-end (Playwright in
 * Debian's Chromium), both against the production build. Ends with one line
 * "N passed, N failed" summing both suites.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { ensureDatabaseServer } from './lib/database-server';

/** Playwright drives Debian's Chromium; install it when we may (root), else say how. */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (process.getuid?.() === 0) {
    console.log('Installing Debian\'s chromium for the end-to-end tests…');
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
  }
  if (!existsSync(path)) {
    console.error('The end-to-end tests need Chromium: sudo apt-get install chromium (or set CHROMIUM_PATH).');
    process.exit(1);
  }
}

const only = process.argv[2] as 'integration' | 'e2e' | undefined;
// `npm test -- integration tests/throttle` runs only the named files (passed on to vitest / playwright).
const filters = only ? process.argv.slice(3) : [];
const server = await ensureDatabaseServer();
const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseFor = (suite: string) => {
  const url = new URL(server);
  url.pathname = `/profile_hub_test_${suite}_${run}`;
  return url.toString();
};

const baseEnv = {
  ...process.env,
  JWT_SECRET: randomBytes(48).toString('base64url'),
  // Low bcrypt cost keeps hundreds of sign-ups fast; a test checks that production's default is 12.
  BCRYPT_COST: '4',
  NEXT_TELEMETRY_DISABLED: '1',
};

type Counts = { passed: number; failed: number };
const totals: Counts = { passed: 0, failed: 0 };
mkdirSync('test-results', { recursive: true });

function sh(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
}

async function withDatabase(suite: string, body: (url: string) => Counts) {
  const url = databaseFor(suite);
  await migrateDatabase(url);
  try {
    const counts = body(url);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  } finally {
    await dropDatabase(url);
  }
}

let buildFailed = false;
if (only !== 'integration') ensureChromium();
if (!process.env.SKIP_BUILD) {
  buildFailed = sh('npx', ['next', 'build'], { ...baseEnv, NODE_ENV: 'production' }) !== 0;
}

if (buildFailed) {
  totals.failed += 1;
  console.error('next build failed: no suite can run against the production build.');
} else {
  if (only !== 'e2e') {
    await withDatabase('integration', (url) => {
      const report = 'test-results/vitest.json';
      const status = sh('npx', ['vitest', 'run', ...filters, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
        ...baseEnv,
        DATABASE_URL: url,
      });
      if (!existsSync(report)) return { passed: 0, failed: 1 };
      const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
      // A crashed file counts as a failure even when no test inside it ran.
      const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? 1 : 0);
      return { passed: json.numPassedTests, failed };
    });
  }
  if (only !== 'integration') {
    await withDatabase('e2e', (url) => {
      const report = 'test-results/playwright.json';
      const status = sh('npx', ['playwright', 'test', ...filters], { ...baseEnv, DATABASE_URL: url, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
      if (!existsSync(report)) return { passed: 0, failed: 1 };
      const json = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
      const failed = json.stats.unexpected + (status !== 0 && json.stats.unexpected === 0 ? 1 : 0);
      return { passed: json.stats.expected + json.stats.flaky, failed };
    });
  }
}

console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
