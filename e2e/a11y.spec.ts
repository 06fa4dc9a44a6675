import { expectNoSeriousA11yViolations as scan } from './a11y-scan';
import { expect, test } from './fixtures';

const SCHEDULED = `/?deletesAt=${encodeURIComponent('2030-01-01T10:00:00.000Z')}`;
for (const path of ['/', '/login', '/signup', SCHEDULED, `/cancel-deletion?token=${'a'.repeat(43)}`]) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
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
    await page.goto(path);
    expect(signedIn.username).toBeTruthy();
    await scan(page);
  });
}

test('no violations on a form showing its errors', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await scan(page);
});

// One test per page: axe on six pages in a row outlasts the timeout on a busy phone run.
for (const path of ['/profile', ...SETTINGS]) {
  test(`dark mode (system setting) keeps contrast on ${path}`, async ({ page, signedIn }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(path);
    await scan(page);
    expect(signedIn.email).toBeTruthy();
  });
}
