import { expect, newAccount, signUpThroughForm, test } from './fixtures';

test('sign up, see the card, log out, come back through log in', async ({ page, context, baseURL }) => {
  const account = newAccount();
  await signUpThroughForm(page, account);

  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible();

  const cookie = (await context.cookies(baseURL!)).find((c) => c.name === 'session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
  expect(cookie?.path).toBe('/');
  expect(cookie?.secure).toBe(false);
  expect(await page.evaluate(() => document.cookie)).not.toContain('session=');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto('/profile');
  await expect(page).toHaveURL(/\/login\?next=%2Fprofile$/);

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible();
});

test('the old session code is dead after logging out', async ({ page, signedIn, context, baseURL, request }) => {
  await page.goto('/profile');
  await expect(
    page.getByRole('heading', { level: 1, name: `${signedIn.firstName} ${signedIn.lastName}` }),
  ).toBeVisible();
  const code = (await context.cookies(baseURL!)).find((c) => c.name === 'session')!.value;
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  const response = await request.get('/api/getProfile', { headers: { authorization: `Bearer ${code}` } });
  expect(response.status()).toBe(401);
});

test('wrong password shows an error and keeps the email', async ({ page, account }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('form', { name: 'Log in' }).getByRole('alert')).toContainText('do not match');
  await expect(page.getByLabel('Email')).toHaveValue(account.email);
  await expect(page).toHaveURL(/\/login/);
});

test('a signed-out visit to a page leads through log in back to that page, query and all', async ({
  page,
  account,
}) => {
  await page.goto('/settings/sessions?from=email');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fsessions%3Ffrom%3Demail$/);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/settings\/sessions\?from=email$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
});

test('log in ignores a next that leads off this app', async ({ page, account }) => {
  await page.goto('/login?next=%2F%2Fevil.example%2Fx');
  await page.getByLabel('Email').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
});

test('signed-in visitors to /login, /signup and / go to /profile', async ({ page, signedIn }) => {
  for (const path of ['/login', '/signup', '/']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(
      page.getByRole('heading', { level: 1, name: `${signedIn.firstName} ${signedIn.lastName}` }),
    ).toBeVisible();
  }
});

test('sign-up shows field errors tied to their inputs', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Sign up' }).click();
  const email = page.getByLabel('Email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'))!;
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText('Enter your email address.');
});
