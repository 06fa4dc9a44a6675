import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { logSize, logTail, startedApps } from '../scripts/lib/app-server';
import { e2eServerLog } from './mail';

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
 * session cookie already set, so a test starts on a signed-in page; `otherAccount`: a second user (whose email and
 * username are taken).
 */
export const test = base.extend<{ account: Account; otherAccount: Account; signedIn: Account; serverLogs: void }>({
  // What each server (the suite's, and any this worker started) logged during a test, attached if it fails.
  serverLogs: [
    async ({}, use, testInfo) => {
      const servers = () => [{ name: 'e2e server', logFile: e2eServerLog() }, ...startedApps()];
      const from = new Map(servers().map(({ logFile }) => [logFile, logSize(logFile)]));
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const { name, logFile } of servers()) {
        const tail = logTail(logFile, from.get(logFile) ?? 0);
        if (tail)
          await testInfo.attach(`${name} log (${path.basename(logFile)})`, { body: tail, contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
  account: async ({ request }, use) => use(await accountOverApi(request)),
  otherAccount: async ({ request }, use) => use(await accountOverApi(request)),
  signedIn: async ({ account, request, context, baseURL }, use) => {
    const response = await request.post('/api/login', { data: { email: account.email, password: account.password } });
    expect(response.status()).toBe(200);
    const { sessionCode } = (await response.json()) as { sessionCode: string };
    await context.addCookies([{ name: 'session', value: sessionCode, url: baseURL!, httpOnly: true, sameSite: 'Lax' }]);
    await use(account);
  },
});

export { expect };

async function accountOverApi(request: APIRequestContext): Promise<Account> {
  const account = newAccount();
  const response = await request.post('/api/creare-cont', { data: account });
  expect(response.status()).toBe(201);
  return account;
}

export async function signUpThroughForm(page: Page, account: Account) {
  await page.goto('/signup');
  await page.getByLabel('First name').fill(account.firstName);
  await page.getByLabel('Last name').fill(account.lastName);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
}
