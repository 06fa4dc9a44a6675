import { linkToken, waitForMail } from '../tests/support/mail-catcher';
import { apiAs } from './api';
import { expectNoSeriousA11yViolations, expectNoSidewaysScroll } from './a11y-scan';
import { expect, test } from './fixtures';
import { E2E_MAIL_DIR } from './mail';

test('publish from settings, choose the parts, copy the link, see it signed out, unpublish → 404', async ({
  page,
  signedIn,
  request,
  browser,
  context,
  baseURL,
}) => {
  test.slow();
  await (
    await apiAs(request, signedIn)
  ).post('/api/setContactDetail', { occupation: 'Compiler writer', homeAddress: '1 Harbour Road' });
  await page.goto('/settings/public-card');
  const form = page.getByRole('form', { name: 'Public card' });
  await expect(form.getByLabel(/Publish my card/)).not.toBeChecked();
  await expect(form.getByLabel('Home address')).not.toBeChecked();
  await expect(form.getByLabel('Email address')).not.toBeChecked();
  await form.getByLabel(/Publish my card/).check();
  await form.getByLabel('Email address').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'published' })).toHaveText('Your public card is published.');

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await form.getByRole('button', { name: 'Copy link' }).click();
  await expect(form.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/u/${signedIn.username}`);

  const visitor = await browser.newPage();
  const response = await visitor.goto(`${baseURL}/u/${signedIn.username}`);
  expect(response?.status()).toBe(200);
  await expect(
    visitor.getByRole('heading', { level: 1, name: `${signedIn.firstName} ${signedIn.lastName}` }),
  ).toBeVisible();
  await expect(visitor.getByText('Compiler writer')).toBeVisible();
  // The email shows only once its owner has proved the address (issue 20), then at once.
  await expect(visitor.getByText(signedIn.email)).toHaveCount(0);
  const mail = await waitForMail(E2E_MAIL_DIR, signedIn.email, /Confirm your email address/);
  // The visitor's own request context: a fresh connection (the test's has been idle past the keep-alive timeout).
  const verified = await visitor.request.post(`${baseURL}/api/verifyEmail`, {
    data: { token: linkToken(mail, '/verify-email') },
  });
  expect(verified.status()).toBe(200);
  await visitor.reload();
  await expect(visitor.getByText(signedIn.email)).toBeVisible();
  await expect(visitor.getByText('1 Harbour Road')).toHaveCount(0);
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const shareImage = new RegExp(`^${baseURL}/u/${signedIn.username}/opengraph-image`);
  await expect(visitor.locator('meta[property="og:image"]')).toHaveAttribute('content', shareImage);

  await form.getByLabel(/Publish my card/).uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'published' })).toHaveText(
    'Your public card is not published.',
  );
  expect((await visitor.goto(`${baseURL}/u/${signedIn.username}`))?.status()).toBe(404);
  await visitor.close();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the public card and its settings pass axe in ${scheme} mode, with no sideways scroll`, async ({
    page,
    signedIn,
    request,
    browser,
    baseURL,
  }) => {
    test.slow(); // Two pages, two axe scans.
    const api = await apiAs(request, signedIn);
    await api.post('/api/setContactDetail', {
      occupation: 'Rear admiral',
      country: 'United States of America',
      county: 'Virginia',
    });
    await api.post('/api/setSocialLink', {
      gitHub: 'https://github.com/grace',
      linkedIn: 'https://www.linkedin.com/in/grace',
      description: 'Invented the compiler.',
    });
    await api.post('/api/publicCard', { published: true, showEmail: true });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/settings/public-card');
    await expectNoSeriousA11yViolations(page);

    // A visitor without the owner's cookie (axe needs a page of its own context).
    const visitorContext = await browser.newContext({ colorScheme: scheme, viewport: page.viewportSize()! });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${baseURL}/u/${signedIn.username}`);
    await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(visitor);
    await expectNoSeriousA11yViolations(visitor);
    await visitorContext.close();
  });
}
