import { expectNoSeriousA11yViolations as scan } from './a11y-scan';
import { expect, test } from './fixtures';
import { TOTP_PERIOD_SECONDS, totpCode } from '../lib/auth/totp';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

/** Waits out the end of a time step, so a code computed now is still current when the server checks it. */
async function earlyInStep() {
  const into = Date.now() % STEP_MS;
  if (into > STEP_MS - 8_000) await new Promise((resolve) => setTimeout(resolve, STEP_MS - into + 200));
}

test('two-step sign-in: set up through the page, then sign in through /login/verify with a code', async ({
  page,
  signedIn,
  baseURL,
  context,
}) => {
  test.slow();
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(baseURL!).origin) foreign.push(url.href);
  });

  await page.goto('/settings/security');
  const region = page.getByRole('region', { name: 'Two-step sign-in' });
  await region.getByRole('form', { name: 'Set up two-step sign-in' }).getByLabel('Current password').fill('wrong one');
  await region.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  await expect(region.getByRole('alert')).toContainText('not correct');
  await region.getByLabel('Current password').fill(signedIn.password);
  await region.getByRole('button', { name: 'Set up two-step sign-in' }).click();

  // The QR code is inline SVG drawn by the server; the key is there as text too.
  const qr = region.getByRole('img', { name: 'QR code for your authenticator app' });
  await expect(qr.locator('svg')).toHaveCount(1);
  const secret = (await region.getByTestId('totp-secret').getAttribute('data-secret'))!;
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(region.getByTestId('totp-secret')).toHaveText(secret.match(/.{4}/g)!.join(' '));
  await scan(page);

  await earlyInStep();
  await region.getByLabel('Authentication code').fill(totpCode(secret, Date.now()));
  await region.getByRole('button', { name: 'Verify' }).click();

  // Ten recovery codes, shown once, with copy and download.
  const codes = region.getByRole('group', { name: 'Your recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const firstCode = (await codes.first().textContent())!;
  const download = page.waitForEvent('download');
  await region.getByRole('button', { name: 'Download codes' }).click();
  expect((await download).suggestedFilename()).toBe('profile-hub-recovery-codes.txt');
  await expect(region.getByRole('button', { name: 'Copy codes' })).toBeVisible();
  await region.getByRole('button', { name: 'I have saved them' }).click();
  await expect(region).toContainText('10 of 10 recovery codes left');
  await expect(region.getByRole('button', { name: 'Turn off two-step sign-in' })).toBeVisible();
  expect(foreign).toEqual([]);

  // Signed out, the password alone is no longer enough.
  await context.clearCookies();
  await page.goto('/login?next=%2Fsettings%2Fsecurity');
  await page.getByLabel('Email').fill(signedIn.email);
  await page.getByLabel('Password').fill(signedIn.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/login\/verify\?next=%2Fsettings%2Fsecurity$/);

  // The pending sign-in cookie is httpOnly, short-lived, and no session: a signed-in page sends it to log in.
  const pending = (await context.cookies()).find((cookie) => cookie.name === 'pending-sign-in')!;
  expect(pending.httpOnly).toBe(true);
  expect(pending.expires * 1000 - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 1000);
  expect((await context.cookies()).some((cookie) => cookie.name === 'session')).toBe(false);
  const probe = await context.newPage();
  await probe.goto('/profile');
  await expect(probe).toHaveURL(/\/login\?next=%2Fprofile$/);
  await probe.close();

  await scan(page);
  // A wrong code is refused and the page stays; the code used for the setup is refused too (replay).
  await page.getByLabel('Authentication code').fill(totpCode(secret, Date.now()) === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('form', { name: 'Two-step sign-in' }).getByRole('alert')).toContainText('not correct');

  await earlyInStep();
  await page.getByLabel('Authentication code').fill(totpCode(secret, Date.now() + STEP_MS));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByRole('region', { name: 'Two-step sign-in' })).toContainText('recovery codes left');
  expect((await context.cookies()).some((cookie) => cookie.name === 'pending-sign-in')).toBe(false);

  // A recovery code works too, once.
  await context.clearCookies();
  await page.goto('/login');
  await page.getByLabel('Email').fill(signedIn.email);
  await page.getByLabel('Password').fill(signedIn.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/login\/verify/);
  await page.getByText('No access to your app? Use a recovery code').click();
  await page.getByLabel('Recovery code').fill(firstCode);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/profile$/);
});

test('/login/verify without a pending sign-in goes back to /login', async ({ page }) => {
  await page.goto('/login/verify?next=%2Fsettings');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
});

test('step-up in settings: with two-step sign-in on, the password alone does not change the email; a code does', async ({
  page,
  signedIn,
  request,
}) => {
  test.slow();
  const login = await request.post('/api/login', { data: { email: signedIn.email, password: signedIn.password } });
  const auth = { Authorization: `Bearer ${((await login.json()) as { sessionCode: string }).sessionCode}` };
  const started = await request.post('/api/mfa/totp', { headers: auth, data: { currentPassword: signedIn.password } });
  const { secret } = (await started.json()) as { secret: string };
  await earlyInStep();
  const confirmed = await request.post('/api/mfa/totp/confirm', {
    headers: auth,
    data: { code: totpCode(secret, Date.now()) },
  });
  expect(confirmed.status()).toBe(200);

  await page.goto('/settings/account');
  const form = page.getByRole('form', { name: 'Change email' });
  await form.getByLabel('New email').fill(`moved-${signedIn.email}`);
  await form.getByLabel('Current password').fill(signedIn.password);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Enter a code from your authenticator app' })).toBeVisible();
  await expect(form.getByLabel('Authentication code')).toHaveAttribute('aria-invalid', 'true');
  await scan(page);

  // The code used to turn it on is refused (replay); the next one is accepted.
  await form.getByLabel('Current password').fill(signedIn.password);
  await earlyInStep();
  await form.getByLabel('Authentication code').fill(totpCode(secret, Date.now() + STEP_MS));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status').filter({ hasText: `moved-${signedIn.email}` })).toBeVisible();
});
