import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForMail } from '../tests/support/mail-catcher';
import { E2E_MAIL_DIR, E2E_PORT } from './mail';
import { TOTP_PERIOD_SECONDS, totpCode } from '../lib/auth/totp';

/*
 * Passkeys with Chromium's virtual authenticator (CDP WebAuthn domain). The server's relying party is
 * "localhost" (WebAuthn takes no IP address), so these pages are browsed as http://localhost:PORT.
 */
const SITE = `http://localhost:${E2E_PORT}`;

async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function logInWithPassword(page: Page, email: string, password: string, next = '/settings/security') {
  await page.goto(`${SITE}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function addPasskey(page: Page, name: string) {
  const region = page.getByRole('region', { name: 'Passkeys' });
  await region.getByLabel('Passkey name').fill(name);
  await region.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(region.getByRole('status')).toContainText(`Passkey “${name}” added.`);
  await expect(region.getByRole('listitem').filter({ hasText: name })).toContainText('Last used never');
}

/** A passkey-only account (no authenticator app): signed in with the password, then "Laptop" added. */
async function signedInWithPasskey(page: Page, account: { email: string; password: string }) {
  const authenticator = await virtualAuthenticator(page);
  await logInWithPassword(page, account.email, account.password);
  await expect(page).toHaveURL(/\/settings\/security$/);
  await addPasskey(page, 'Laptop');
  return authenticator;
}

test('passkeys: register in settings, sign in with it alone, remove it', async ({ page, account, context }) => {
  test.slow();
  const { cdp, authenticatorId } = await signedInWithPasskey(page, account);
  await expect(page.getByLabel('Email')).toHaveCount(0);
  await waitForMail(E2E_MAIL_DIR, account.email, /A passkey was added/);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);

  // Signed out: the passkey alone signs in, no identifier, no password. The identifier field asks for passkey
  // autofill, and Chromium's virtual authenticator answers that conditional request by itself: nothing typed.
  await context.clearCookies();
  expect(await (await page.request.get(`${SITE}/login`)).text()).toMatch(/autocomplete="username webauthn"/i);
  await page.goto(`${SITE}/login?next=%2Fsettings%2Fsecurity`);
  await expect(page).toHaveURL(/\/settings\/security$/);
  const region = page.getByRole('region', { name: 'Passkeys' });
  await expect(region.getByRole('listitem').filter({ hasText: 'Laptop' })).not.toContainText('Last used never');
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]!.signCount).toBeGreaterThan(0);

  // Removed: it no longer signs in.
  await region.getByRole('button', { name: 'Remove Laptop' }).click();
  await expect(region.getByRole('status')).toContainText('Passkey “Laptop” removed.');
  await expect(region).toContainText('No passkeys yet.');
  await waitForMail(E2E_MAIL_DIR, account.email, /A passkey was removed/);
  await context.clearCookies();
  await page.goto(`${SITE}/login`);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be verified' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('a passkey is the second step on an account with an authenticator app', async ({
  page,
  account,
  request,
  context,
}) => {
  test.slow();
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  // TOTP on over the API (the session from a password log-in). First: once a passkey is there, turning on an
  // authenticator app is a change behind the step-up rule and would ask for the passkey too.
  const login = await request.post('/api/login', { data: { email: account.email, password: account.password } });
  const { sessionCode } = (await login.json()) as { sessionCode: string };
  const auth = { Authorization: `Bearer ${sessionCode}` };
  const started = await request.post('/api/mfa/totp', { headers: auth, data: { currentPassword: account.password } });
  expect(started.status()).toBe(200);
  const { secret } = (await started.json()) as { secret: string };
  const into = Date.now() % (TOTP_PERIOD_SECONDS * 1000);
  if (into > TOTP_PERIOD_SECONDS * 1000 - 5000) await new Promise((resolve) => setTimeout(resolve, 6000));
  const confirmed = await request.post('/api/mfa/totp/confirm', {
    headers: auth,
    data: { code: totpCode(secret, Date.now()) },
  });
  expect(confirmed.status()).toBe(200);

  // The browser signs in with the password and a code (a fresh sign-in: adding a passkey asks nothing more).
  await logInWithPassword(page, account.email, account.password);
  await expect(page).toHaveURL(/\/login\/verify/);
  await new Promise((resolve) =>
    setTimeout(resolve, TOTP_PERIOD_SECONDS * 1000 - (Date.now() % (TOTP_PERIOD_SECONDS * 1000)) + 200),
  );
  await page.getByLabel('Authentication code').fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await addPasskey(page, 'Phone');

  // The API names the passkey among the methods.
  const second = await request.post('/api/login', { data: { email: account.email, password: account.password } });
  expect(((await second.json()) as { methods: string[] }).methods).toEqual(['totp', 'recovery', 'passkey']);

  // The password first (the authenticator held back, so /login's autofill waits), then the passkey as step two.
  await context.clearCookies();
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: false });
  await logInWithPassword(page, account.email, account.password);
  await expect(page).toHaveURL(/\/login\/verify\?next=%2Fsettings%2Fsecurity$/);
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByRole('region', { name: 'Passkeys' })).toContainText('Phone');
});

test('a passkey alone is a second factor: a password sign-in goes to /login/verify and ends with the passkey', async ({
  page,
  account,
  context,
}) => {
  test.slow();
  const { cdp, authenticatorId } = await signedInWithPasskey(page, account);

  // Signed out; the authenticator held back so /login's passkey autofill does not sign in by itself.
  await context.clearCookies();
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: false });
  await logInWithPassword(page, account.email, account.password);
  await expect(page).toHaveURL(/\/login\/verify\?next=%2Fsettings%2Fsecurity$/);
  // No authenticator app on this account: no code box, only the passkey.
  await expect(page.getByLabel('Authentication code')).toHaveCount(0);
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);

  // Step-up in settings: the password alone no longer changes the password; "Confirm with a passkey" does.
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill(account.password);
  await form.getByLabel('New password').fill('A brand new pass 4 me!');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Confirm with your passkey' })).toBeVisible();
  await form.getByLabel('Current password').fill('');
  await form.getByLabel('New password').fill('A brand new pass 4 me!');
  await form.getByRole('button', { name: 'Confirm with a passkey' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();
});

// The same button in the other forms behind the step-up rule (components/forms/step-up-fields.tsx): no password typed.
test('"Confirm with a passkey" confirms a change of email', async ({ page, account }) => {
  test.slow();
  await signedInWithPasskey(page, account);
  await page.goto(`${SITE}/settings/account`);
  const form = page.getByRole('form', { name: 'Change email' });
  const newEmail = `moved-${account.email}`;
  await form.getByLabel('New email').fill(newEmail);
  await form.getByRole('button', { name: 'Confirm with a passkey' }).click();
  await expect(form.getByRole('status').filter({ hasText: `Check ${newEmail}` })).toBeVisible();
  await waitForMail(E2E_MAIL_DIR, newEmail, /Confirm your new email address/);
});

test('"Confirm with a passkey" schedules the deletion of the account', async ({ page, account }) => {
  test.slow();
  await signedInWithPasskey(page, account);
  await page.goto(`${SITE}/settings/delete`);
  const form = page.getByRole('form', { name: 'Delete account' });
  await form.getByRole('button', { name: 'Confirm with a passkey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
  await dialog.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page).toHaveURL(/\/\?deletesAt=/);
  await expect(page.getByRole('status').filter({ hasText: 'scheduled for deletion on' })).toBeVisible();
  await waitForMail(E2E_MAIL_DIR, account.email, /Your account will be deleted/);
});
