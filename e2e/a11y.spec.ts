import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

async function scan(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

for (const path of ['/', '/login', '/signup']) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await scan(page);
  });
}

for (const path of ['/profile', '/profile/edit', '/settings']) {
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

test('dark mode (system setting) keeps contrast', async ({ page, signedIn }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const path of ['/profile', '/settings']) {
    await page.goto(path);
    await scan(page);
  }
  expect(signedIn.email).toBeTruthy();
});
