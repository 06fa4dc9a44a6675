import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations as scan } from './a11y-scan';
import { expect, test } from './fixtures';

/** Scans only where it meant to be: a failed sign-in lands on /login, which must not pass for /profile. */
async function at(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  const expected = new URL(path, 'http://app.test').pathname;
  await expect(page).toHaveURL((url) => url.pathname === expected);
}

const SCHEDULED = `/?deletesAt=${encodeURIComponent('2030-01-01T10:00:00.000Z')}`;
for (const path of ['/', '/login', '/signup', SCHEDULED, `/cancel-deletion?token=${'a'.repeat(43)}`]) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
    await at(page, path);
    await scan(page);
  });
}

const SETTINGS = [
  '/settings/account',
  '/settings/security',
  '/settings/sessions',
  '/settings/public-card',
  '/settings/delete',
];

for (const path of ['/profile', '/profile/edit', ...SETTINGS]) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page, signedIn }) => {
    expect(signedIn.username).toBeTruthy();
    await at(page, path);
    await scan(page);
  });
}

test('no violations on a form showing its errors', async ({ page }) => {
  await at(page, '/signup');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await scan(page);
});

// One test per page: axe on six pages in a row outlasts the timeout on a busy phone run.
for (const path of ['/profile', ...SETTINGS]) {
  test(`dark mode (system setting) keeps contrast on ${path}`, async ({ page, signedIn }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await at(page, path);
    await scan(page);
    expect(signedIn.email).toBeTruthy();
  });
}
