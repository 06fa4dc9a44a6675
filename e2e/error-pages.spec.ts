import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { freePort, startApp } from '../scripts/lib/app-server';
import { expect, test } from './fixtures';

// A session code of the right shape: the server must look it up in the database to know it is no session.
const sessionCookie = (url: string) => ({
  name: 'session',
  value: randomBytes(32).toString('base64url'),
  url,
  httpOnly: true,
  sameSite: 'Lax' as const,
});

test('a missing page shows the app’s not-found page, with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page/at-all');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Profile Hub');
  // The app's own frame, not Next's bare default.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Profile Hub' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Create your card' })).toBeVisible();
});

test.describe('while the database is down', () => {
  test.describe.configure({ timeout: 120_000 });
  let app: Awaited<ReturnType<typeof startApp>>;

  test.beforeAll(async () => {
    // A port nothing listens on: every connection is refused, as when MariaDB is stopped.
    const DATABASE_URL = `mysql://root@127.0.0.1:${await freePort()}/profile_hub_test_down`;
    app = await startApp({ name: 'e2e-database-down', env: { DATABASE_URL } });
  });
  test.afterAll(() => app?.stop());

  test('a signed-in page shows the app’s error page saying so, with a way back', async ({ page, context }) => {
    await context.addCookies([sessionCookie(app.baseUrl)]);
    const response = await page.goto(`${app.baseUrl}/settings/account`);
    expect(response?.status()).toBeGreaterThanOrEqual(500);
    await expect(page.getByRole('heading', { level: 1, name: 'Profile Hub is temporarily unavailable' })).toBeVisible();
    await expect(page.getByText('Nothing you saved is lost')).toBeVisible();
    // Inside the app's frame: the layout survived the outage.
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile Hub' }),
    ).toBeVisible();

    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Profile Hub is temporarily unavailable' })).toBeVisible();

    await context.clearCookies();
    await page.getByRole('link', { name: 'Back to Profile Hub' }).click();
    // Signed out, the landing page needs no database.
    await expect(page.getByRole('link', { name: 'Create your card' })).toBeVisible();
  });
});

test.describe('when the root layout itself fails', () => {
  test.describe.configure({ timeout: 120_000 });
  let app: Awaited<ReturnType<typeof startApp>>;
  let unmigrated: string;
  let admin: mysql.Connection;

  test.beforeAll(async () => {
    // A deploy that skipped `npm run db:migrate`: the database answers, its tables do not exist. The root layout
    // looks the session up for the header, fails with a bug (not an outage), and global-error.tsx takes over.
    const url = new URL(process.env.DATABASE_URL!);
    const name = `profile_hub_test_unmigrated_${randomBytes(4).toString('hex')}`;
    admin = await mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });
    await admin.query(`CREATE DATABASE \`${name}\``);
    unmigrated = name;
    url.pathname = `/${name}`;
    app = await startApp({ name: 'e2e-unmigrated', env: { DATABASE_URL: url.toString() } });
  });
  test.afterAll(async () => {
    await app?.stop();
    if (unmigrated) await admin.query(`DROP DATABASE IF EXISTS \`${unmigrated}\``);
    await admin?.end();
  });

  test('shows the app’s global error page, with Try again and a way back', async ({ page, context }) => {
    await context.addCookies([sessionCookie(app.baseUrl)]);
    const response = await page.goto(`${app.baseUrl}/profile`);
    expect(response?.status()).toBe(500);
    await expect(page.getByRole('heading', { level: 1, name: 'Something went wrong' })).toBeVisible();
    await expect(page).toHaveTitle('Something went wrong · Profile Hub');
    await expect(page.getByText(/^Reference: \S+/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    await context.clearCookies();
    await page.getByRole('link', { name: 'Back to Profile Hub' }).click();
    await expect(page.getByRole('link', { name: 'Create your card' })).toBeVisible();
  });
});
