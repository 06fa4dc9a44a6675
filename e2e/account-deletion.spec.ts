import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('Download my data gives a ZIP of the account', async ({ page, signedIn }) => {
  await page.goto('/settings/account');
  const form = page.getByRole('form', { name: 'Download my data' });
  const downloading = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Download my data' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^profile-hub-${signedIn.username}-.+\\.zip$`));
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(bytes.includes(Buffer.from('account.json'))).toBe(true);
  await expect(form.getByRole('status')).toContainText('downloaded');
});

test('delete shows the date; log-in offers Cancel deletion, which restores the account', async ({ page, signedIn }) => {
  await page.goto('/settings/delete');
  const form = page.getByRole('form', { name: 'Delete account' });
  await form.getByLabel('Current password').fill(signedIn.password);
  await form.getByRole('button', { name: 'Delete account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
  await expect(dialog.locator('time')).toBeVisible();
  await dialog.getByRole('button', { name: 'Yes, delete everything' }).click();

  await expect(page).toHaveURL(/\/\?deletesAt=/);
  const notice = page.getByRole('status').filter({ hasText: 'scheduled for deletion on' });
  await expect(notice.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  const when = Date.parse((await notice.locator('time').getAttribute('datetime'))!);
  expect(Math.abs(when - Date.now() - 7 * 24 * 3600_000)).toBeLessThan(5 * 60_000);

  await page.goto('/login');
  const login = page.getByRole('form', { name: 'Log in' });
  await login.getByLabel('Email').fill(signedIn.email);
  await login.getByLabel('Password').fill(signedIn.password);
  await login.getByRole('button', { name: 'Log in' }).click();
  await expect(login.getByRole('alert')).toContainText('scheduled for deletion on');
  const cancel = page.getByRole('form', { name: 'Cancel deletion' });
  await cancel.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(cancel.getByRole('status')).toContainText('deletion is cancelled');

  await login.getByLabel('Password').fill(signedIn.password);
  await login.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
});
