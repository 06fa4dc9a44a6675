import { dropDatabase } from '../db/migrate';
import { loadFlaskSeed, runImport, seedUsers, siblingDatabaseUrl } from '../tests/support/flask-seed';
import { expect, test } from './fixtures';

/**
 * The worked example of docs/migrating-from-flask.md: load the old Flask database, run the import,
 * log in in the browser with the old password. One user per project (desktop
 * and phone); the import is idempotent, so each worker may run it.
 */
const oldDb = siblingDatabaseUrl(process.env.DATABASE_URL!, 'flaske2e');

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await loadFlaskSeed(oldDb);
  const run = await runImport(['--from', oldDb, '--to', process.env.DATABASE_URL!]);
  expect(run.code, run.stderr).toBe(0);
});

test.afterAll(async () => {
  await dropDatabase(oldDb);
});

test('an imported Flask user logs in in the browser with the old password', async ({ page }, testInfo) => {
  // Two logins that each hash (a Werkzeug check, then bcrypt), on a machine shared with the other tests.
  test.setTimeout(90_000);
  // vladne110 has a Werkzeug scrypt hash, anapope117 pbkdf2 with 600,000 iterations.
  const username = testInfo.project.name === 'phone' ? 'anapope117' : 'vladne110';
  const user = seedUsers().find((candidate) => candidate.username === username)!;
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(
    page.getByRole('heading', { level: 1, name: username === 'vladne110' ? 'Vlad Núñez' : 'Ana Popescu' }),
  ).toBeVisible();
  if (username === 'vladne110') await expect(page.getByText('Nurse')).toBeVisible();

  // Upgraded to bcrypt at that login: the same password still works.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
});
