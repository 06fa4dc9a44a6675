import type { Page } from '@playwright/test';
import { expect, newAccount, test } from './fixtures';

// A click on a submit button must count even when the blur of the field being left makes messages appear (the button
// moves between mouse-down and mouse-up; issue 12). Every submit must validate every field, flag each invalid one,
// announce the outcome and move focus to the first invalid field.

const SIGN_UP_FIELDS = ['First name', 'Last name', 'Username', 'Email', 'Password'] as const;

async function countPosts(page: Page) {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  return posts;
}

test('sign-up: every click on Sign up answers (the sequence from the issue)', async ({ page }) => {
  test.slow(); // Three rounds of a form and a sign-up: long on a busy machine.
  const posts = await countPosts(page);
  await page.goto('/signup');
  const form = page.getByRole('form', { name: 'Sign up' });

  await page.getByLabel('Email').fill('ada@');
  await page.getByRole('button', { name: 'Sign up' }).click();
  for (const label of SIGN_UP_FIELDS)
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toContainText('5 highlighted fields');
  await expect(page.getByLabel('First name')).toBeFocused();

  const account = newAccount();
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Sign up' }).click();
  // Never nothing: either a request or the errors again, with focus on the first invalid field.
  await expect(page.getByLabel('First name')).toBeFocused();
  await expect(page.getByLabel('Email')).not.toHaveAttribute('aria-invalid', 'true');
  for (const label of ['First name', 'Last name', 'Username', 'Password']) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(form.getByRole('alert')).toContainText('4 highlighted fields');
  expect(posts).toEqual([]);

  await page.getByLabel('First name').fill(account.firstName);
  await page.getByLabel('Last name').fill(account.lastName);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  expect(posts.length).toBeGreaterThan(0);
});

test('sign-up: valid email, Tab, click Sign up flags every empty field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(newAccount().email);
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: 'Sign up' }).click();
  for (const label of ['First name', 'Last name', 'Username', 'Password']) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(page.getByLabel('First name')).toBeFocused();
  await expect(page.getByRole('form', { name: 'Sign up' }).getByRole('alert')).toContainText('4 highlighted fields');
});

test('sign-up: a server refusal moves focus to the refused field', async ({ page, account }) => {
  await page.goto('/signup');
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Email').fill(newAccount().email);
  await page.getByLabel('Password', { exact: true }).fill('Analytical engine 1843');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Username')).toBeFocused();
});

test('log in: leaving a field then clicking Log in flags and focuses the first invalid field', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('someone');
  await page.getByLabel('Password').focus();
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page.getByRole('form', { name: 'Log in' }).getByRole('alert')).toContainText('1 highlighted field');
});

test('settings: change password flags both fields on one click after a blur', async ({ page, signedIn }) => {
  await page.goto('/settings/security');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('New password').fill('short');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('New password')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Current password')).toBeFocused();
  await expect(form.getByRole('alert')).toContainText('2 highlighted fields');
  expect(signedIn.email).toBeTruthy();
});

test('the strength hint and the form give one verdict: too short is not "Weak"', async ({ page }) => {
  await page.goto('/signup');
  const password = page.getByLabel('Password', { exact: true });
  await password.fill('abc1');
  const hint = page.locator(`[id="${await password.getAttribute('id')}-hint"]`);
  await expect(hint).toContainText('at least 8 characters');
  await expect(hint).not.toContainText(/weak|strong|fair/i);
  await password.fill('Sunlit meadow 42 kites');
  await expect(hint).toContainText(/Strength: (Strong|Very strong)/);
});

for (const path of ['/login', '/signup']) {
  test(`the leaked-password dictionary is not in the JavaScript ${path} loads`, async ({ page }) => {
    const scripts: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const bodies = await Promise.all(scripts);
    expect(bodies.length).toBeGreaterThan(0);
    // Words that appear only in zxcvbn's leaked-password list.
    const leaked = (body: string) => body.includes('iloveyou') || body.includes('sunshine1');
    expect(bodies.filter(leaked).length).toBe(0);
    if (path === '/signup') {
      // It loads on demand, once a password is typed (the strength hint needs it).
      await page.getByLabel('Password', { exact: true }).fill('Sunlit meadow 42 kites');
      await expect(page.getByText(/Strength:/)).toBeVisible();
      expect((await Promise.all(scripts)).filter(leaked).length).toBeGreaterThan(0);
    }
  });
}
