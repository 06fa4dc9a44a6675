/**
 * `npm run lighthouse`: Lighthouse's mobile performance score of the five pages
 * (production build behind the production server, a throwaway database, Debian's
 * Chromium via chrome-launcher), with the JavaScript each page downloads (gzip
 * as transferred). Signed-in pages get the session cookie. Printed, not asserted.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { startApp } from './lib/app-server';
import { ensureDatabaseServer } from './lib/database-server';
import { firstScoredRun } from './lib/lighthouse-run';

const ATTEMPTS = 3;

const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  console.error(
    `Lighthouse needs Chromium: sudo apt-get install chromium (or set CHROME_PATH). Not found: ${chromePath}`,
  );
  process.exit(1);
}
if (!existsSync(`${process.env.NEXT_DIST_DIR || '.next'}/BUILD_ID`)) {
  console.error('No production build: run npm run build first.');
  process.exit(1);
}

const url = new URL(await ensureDatabaseServer());
url.pathname = `/profile_hub_lighthouse_${randomBytes(3).toString('hex')}`;
const databaseUrl = url.toString();
await migrateDatabase(databaseUrl);
// On a port the OS picks; its log in test-results/server-logs.
const server = await startApp({
  name: 'lighthouse',
  env: {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    BCRYPT_COST: '4',
    // One process (the default is one per core): Chromium needs the other core.
    WEB_CONCURRENCY: '1',
  },
});
const base = server.baseUrl;
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  const user = {
    email: `lh${randomBytes(3).toString('hex')}@example.test`,
    password: 'Light house keeper 42',
    firstName: 'Light',
    lastName: 'House',
    username: `lh${randomBytes(3).toString('hex')}`,
  };
  const post = (path: string, body: unknown) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/creare-cont', user);
  const { sessionCode } = (await (await post('/api/login', { email: user.email, password: user.password })).json()) as {
    sessionCode: string;
  };

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const pages: [string, boolean][] = [
    ['/login', false],
    ['/signup', false],
    ['/profile', true],
    ['/profile/edit', true],
    ['/settings/account', true],
    ['/settings/security', true],
  ];
  console.log('page            score   JS (KiB, transferred)   TBT ms   LCP ms');
  const failed: string[] = [];
  for (const [path, signedIn] of pages) {
    // A trace can fail (NO_NAVSTART, NO_FCP… on a loaded machine): Lighthouse then reports a runtimeError and a
    // score of null or 0, which is no result. Such a run is retried; a page that fails every time is named.
    const outcome = await firstScoredRun(
      async () =>
        (
          await lighthouse(base + path, {
            port: chrome!.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            extraHeaders: signedIn ? { Cookie: `session=${sessionCode}` } : undefined,
          })
        )?.lhr,
      ATTEMPTS,
      (attempt, failure) => console.error(`${path}: run ${attempt} failed (${failure}); retrying`),
    );
    if ('failure' in outcome) {
      failed.push(path);
      console.log(`${path.padEnd(15)} failed: ${outcome.failure}`);
      continue;
    }
    const lhr = outcome.report;
    // LIGHTHOUSE_REPORT_DIR=dir keeps each page's full report (long tasks, bootup time, scripts) for a closer look.
    if (process.env.LIGHTHOUSE_REPORT_DIR) {
      mkdirSync(process.env.LIGHTHOUSE_REPORT_DIR, { recursive: true });
      const file = `${path.replace(/\W+/g, '_') || 'root'}.json`;
      writeFileSync(`${process.env.LIGHTHOUSE_REPORT_DIR}/${file}`, JSON.stringify(lhr));
    }
    const requests =
      (
        lhr.audits['network-requests']?.details as
          { items?: { resourceType?: string; transferSize?: number }[] } | undefined
      )?.items ?? [];
    const js = requests
      .filter((item) => item.resourceType === 'Script')
      .reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
    const score = Math.round(lhr.categories.performance!.score! * 100);
    const tbt = Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0);
    const lcp = Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0);
    console.log(
      `${path.padEnd(15)} ${String(score).padStart(5)}   ${(js / 1024).toFixed(1).padStart(21)}   ${String(tbt).padStart(6)}   ${String(lcp).padStart(6)}`,
    );
  }
  if (failed.length) {
    console.error(`Lighthouse failed on ${failed.join(', ')} after ${ATTEMPTS} attempts each.`);
    process.exitCode = 1;
  }
} finally {
  await chrome?.kill();
  await server.stop();
  await dropDatabase(databaseUrl);
}
