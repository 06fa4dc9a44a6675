/**
 * Every test layer: unit (Vitest, pure functions, no database or build), then
 * against throwaway databases and the production build, integration (Vitest,
 * domain layer in-process and routes over real HTTP) and end-to-end
 * (Playwright in Debian's Chromium). Ends with one line "N passed, N failed"
 * summing every layer. `npm test -- unit|integration|e2e` runs one; further
 * arguments go to that layer's runner (a file, `-t name` or `-g name`).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { ensureDatabaseServer } from './lib/database-server';

/** A Debian package a suite needs: installed when we may (root), else say how. */
function ensureDebianPackage(path: string, pkg: string, purpose: string) {
  if (existsSync(path)) return;
  if (process.getuid?.() === 0) {
    console.log(`Installing Debian's ${pkg} for ${purpose}…`);
    spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`], {
      stdio: 'inherit',
    });
  }
  if (!existsSync(path)) {
    console.error(`${purpose} need ${pkg}: sudo apt-get install ${pkg}.`);
    process.exit(1);
  }
}

const only = process.argv[2] as 'unit' | 'integration' | 'e2e' | 'galera' | undefined;
if (only && !['unit', 'integration', 'e2e', 'galera'].includes(only)) {
  console.error(`Unknown layer "${only}": use unit, integration, e2e or galera.`);
  process.exit(2);
}
const runnerArgs = process.argv.slice(3);
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
// One log file per server this run starts (scripts/lib/app-server.ts): the last run's go first.
rmSync('test-results/server-logs', { recursive: true, force: true });

/** Vitest's JSON report → counts; a crashed file counts as a failure even when no test inside it ran. */
function vitestCounts(report: string, status: number): Counts {
  if (!existsSync(report)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { passed: json.numPassedTests, failed };
}

function vitest(project: 'unit' | 'integration', env: NodeJS.ProcessEnv, pass = ''): Counts {
  const report = `test-results/vitest-${project}${pass && `-${pass}`}.json`;
  rmSync(report, { force: true });
  const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json'];
  // A filter may match no answer-time file: an empty isolated pass is not a failure then.
  if (pass === 'isolated' && runnerArgs.length > 0) args.push('--passWithNoTests');
  return vitestCounts(report, sh('npx', [...args, `--outputFile.json=${report}`, ...runnerArgs], env));
}

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

if (!only || only === 'unit') {
  const counts = vitest('unit', baseEnv);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}
if (only === 'unit') {
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

const server = await ensureDatabaseServer();
let buildFailed = false;
// Playwright drives Debian's Chromium (it cannot download its own); the runner's proxy test uses nginx.
if (only !== 'integration' && only !== 'galera')
  ensureDebianPackage(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', 'chromium', 'The end-to-end tests');
if (only !== 'e2e' && only !== 'galera') ensureDebianPackage('/usr/sbin/nginx', 'nginx-light', 'The integration tests');
if (!process.env.SKIP_BUILD) {
  buildFailed = sh('npx', ['next', 'build'], { ...baseEnv, NODE_ENV: 'production' }) !== 0;
}

if (buildFailed) {
  totals.failed += 1;
  console.error('next build failed: no suite can run against the production build.');
} else {
  if (only === 'galera') {
    // Its own 3-node cluster and app instances; opt-in because forming the cluster takes minutes.
    const report = 'test-results/vitest-galera.json';
    rmSync(report, { force: true });
    const args = ['vitest', 'run', '--config', 'vitest.galera.config.ts', '--reporter=default', '--reporter=json'];
    const counts = vitestCounts(report, sh('npx', [...args, `--outputFile.json=${report}`, ...runnerArgs], baseEnv));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  }
  if (only !== 'e2e' && only !== 'galera') {
    // Two passes: every file in parallel, then the *.isolated.test.ts files (answer-time bounds) on their own.
    await withDatabase('integration', (url) => {
      const parallel = vitest('integration', { ...baseEnv, DATABASE_URL: url, VITEST_ISOLATED: '0' });
      const isolated = vitest('integration', { ...baseEnv, DATABASE_URL: url, VITEST_ISOLATED: '1' }, 'isolated');
      return { passed: parallel.passed + isolated.passed, failed: parallel.failed + isolated.failed };
    });
  }
  if (only !== 'integration' && only !== 'galera') {
    await withDatabase('e2e', (url) => {
      const report = 'test-results/playwright.json';
      const status = sh('npx', ['playwright', 'test', ...runnerArgs], {
        ...baseEnv,
        DATABASE_URL: url,
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      });
      if (!existsSync(report)) return { passed: 0, failed: 1 };
      const json = JSON.parse(readFileSync(report, 'utf8')) as {
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      };
      const failed = json.stats.unexpected + (status !== 0 && json.stats.unexpected === 0 ? 1 : 0);
      if (json.stats.flaky > 0) console.log(`e2e: ${json.stats.flaky} flaky (failed once, passed on the retry)`);
      return { passed: json.stats.expected + json.stats.flaky, failed };
    });
  }
}

console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
