import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';

export type Account = { username: string; email: string; password: string; firstName: string; lastName: string };

export function newAccount(): Account {
  const username = `e2e${randomBytes(5).toString('hex')}`;
  return {
    username,
    email: `${username}@example.test`,
    password: `Sunlit meadow ${randomBytes(3).toString('hex')}`,
    firstName: 'Grace',
    lastName: 'Hopper',
  };
}

/**
 * `account`: a fresh user created over the API; `signedIn`: that user's
 * session cookie already set, so a test starts on a signed-in page.
 */
export const test = base.extend<{ account: Account; signedIn: Account }>({
  account: async ({ request }, use) => {
    const account = newAccount();
    const response = await request.post('/api/creare-cont', { data: account });
    expect(response.status()).toBe(201);
    await use(account);
  },
  signedIn: async ({ account, request, context, baseURL }, use) => {
    const response = await request.post('/api/login', { data: { email: account.email, password: account.password } });
    expect(response.status()).toBe(200);
    const { sessionCode } = (await response.json()) as { sessionCode: string };
    await context.addCookies([{ name: 'session', value: sessionCode, url: baseURL!, httpOnly: true, sameSite: 'Lax' }]);
    await use(account);
  },
});

export { expect };

export async function signUpThroughForm(page: Page, account: Account) {
  await page.goto('/signup');
  await page.getByLabel('First name').fill(account.firstName);
  await page.getByLabel('Last name').fill(account.lastName);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
}
