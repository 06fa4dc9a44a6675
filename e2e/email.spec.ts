import { linkUrl, waitForMail } from '../tests/support/mail-catcher';
import { expect, newAccount, signUpThroughForm, test } from './fixtures';
import { E2E_MAIL_DIR } from './mail';

// Each flow spans two or three pages, a mail round trip and several logins.
test.describe.configure({ timeout: 90_000 });

test('sign up, open the link from the mail, press Confirm, and the address shows as verified', async ({ page }) => {
  const account = newAccount();
  await signUpThroughForm(page, account);
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { name: 'Verify your email' })).toBeVisible();

  const mail = await waitForMail(E2E_MAIL_DIR, account.email, /Confirm your email address/);
  await page.goto(linkUrl(mail, '/verify-email'));
  // Opening the link verified nothing (mail scanners open links too): the button does.
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(`${account.email} is verified`);
  await page.goto('/settings/account');
  await expect(page.getByText('Email verified')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Verify your email' })).toHaveCount(0);
});

test('forgot password: mail, new password, other sessions end, log in with the new one', async ({
  page,
  signedIn,
  browser,
  baseURL,
}) => {
  // The account is also signed in elsewhere (signedIn's cookie in another context).
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await page
    .context()
    .storageState()
    .then(({ cookies }) => elsewhere.addCookies(cookies));
  await otherPage.goto(`${baseURL}/settings/account`);
  await expect(otherPage).toHaveURL(/\/settings\/account$/);
  await page.context().clearCookies();

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('Email').fill(signedIn.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('If an account uses that address');

  const mail = await waitForMail(E2E_MAIL_DIR, signedIn.email, /Reset your password/);
  await page.goto(linkUrl(mail, '/reset-password'));
  const newPassword = `Quiet lighthouse ${Date.now().toString(36)}`;
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('every session was signed out');

  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login\?next=/);
  await elsewhere.close();

  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Email').fill(signedIn.email);
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await waitForMail(E2E_MAIL_DIR, signedIn.email, /Your password was changed/);
});

test('change email: pending until the new address confirms, then the old address restores it', async ({
  page,
  signedIn,
  browser,
}) => {
  const thiefEmail = `thief.${signedIn.email}`;
  await page.goto('/settings/account');
  const form = page.getByRole('form', { name: 'Change email' });
  await form.getByLabel('New email').fill(thiefEmail);
  await form.getByLabel('Current password').fill(signedIn.password);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText(thiefEmail);
  // Nothing changed yet: settings shows the pending address with Cancel.
  await page.reload();
  const pending = page.getByRole('group', { name: 'Pending email change' });
  await expect(pending).toContainText(thiefEmail);
  await expect(pending.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(
    (await waitForMail(E2E_MAIL_DIR, signedIn.email, /Someone asked to change your email address/)).text,
  ).toContain(thiefEmail);

  // The new address confirms, from its own mailbox, in another browser.
  const confirmation = await waitForMail(E2E_MAIL_DIR, thiefEmail, /Confirm your new email address/);
  const thief = await browser.newContext();
  const thiefPage = await thief.newPage();
  await thiefPage.goto(linkUrl(confirmation, '/confirm-email'));
  await thiefPage.getByRole('button', { name: 'Confirm' }).click();
  await expect(thiefPage.getByRole('main').getByRole('status')).toContainText(`now uses ${thiefEmail}`);
  await thief.close();

  const notice = await waitForMail(E2E_MAIL_DIR, signedIn.email, /Your email address was changed/);
  expect(notice.text).toContain(thiefEmail);
  // The owner opens the link on another device.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(linkUrl(notice, '/revert-email'));
  const newPassword = `Owner returns ${Date.now().toString(36)}`;
  await ownerPage.getByLabel('New password').fill(newPassword);
  await ownerPage.getByRole('button', { name: 'Restore my email' }).click();
  await expect(ownerPage.getByRole('main').getByRole('status')).toContainText(`uses ${signedIn.email} again`);

  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=/);

  await ownerPage.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await ownerPage.getByLabel('Email').fill(signedIn.email);
  await ownerPage.getByLabel('Password').fill(newPassword);
  await ownerPage.getByRole('button', { name: 'Log in' }).click();
  await expect(ownerPage).toHaveURL(/\/profile$/);
  await ownerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(ownerPage).toHaveURL(/\/settings\/account$/);
  await expect(ownerPage.getByText('Email verified')).toBeVisible();
  await owner.close();
});
