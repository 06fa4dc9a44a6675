import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations as scan } from './a11y-scan';
import { expect, test } from './fixtures';

/** Scans only where it meant to be: a failed sign-in lands on /login, which must not pass for /profile. */
async function at(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  await expect(page).toHaveURL((url) => url.pathname === path);
}

for (const path of ['/', '/login', '/signup']) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
    await at(page, path);
    await scan(page);
  });
}

for (const path of ['/profile', '/profile/edit', '/settings']) {
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

test('dark mode (system setting) keeps contrast', async ({ page, signedIn }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const path of ['/profile', '/settings']) {
    await at(page, path);
    await scan(page);
  }
  expect(signedIn.email).toBeTruthy();
});
