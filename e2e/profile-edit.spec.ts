import { expect, test } from './fixtures';
import { png } from './images';

test('contact details: edit, save, and see them on the card', async ({ page, signedIn }) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await expect(form.getByLabel('First name')).toHaveValue(signedIn.firstName);
  await expect(form.getByLabel('Occupation')).toHaveAttribute('placeholder', 'What do you do?');
  await expect(form.getByLabel('Home address')).toHaveAttribute('placeholder', 'Where are you based?');
  await form.getByLabel('Occupation').fill('Computer scientist 👩‍💻');
  await form.getByLabel('Home address').fill('Strada Lalelelor 3');
  await form.getByLabel('Country').fill('România');
  // România is a listed country (accents aside), so County becomes its list of subdivisions once that list loads.
  await expect(form.getByLabel('County')).toHaveJSProperty('tagName', 'SELECT');
  await form.getByLabel('County').selectOption('Iași');
  await form.getByLabel('Last name').fill('Hopper-Murray');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Contact details saved.');

  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper-Murray' })).toBeVisible();
  await expect(page.getByText('Computer scientist 👩‍💻')).toBeVisible();
  await expect(page.getByText('Iași')).toBeVisible();
});

test('contact details: a bad value is refused with the field marked, and nothing typed is lost', async ({
  page,
  signedIn,
}) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await form.getByLabel('Occupation').fill('x'.repeat(121));
  await form.getByLabel('Country').fill('Kept');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('Occupation')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Occupation has at most 120 characters.')).toBeVisible();
  await expect(form.getByLabel('Country')).toHaveValue('Kept');
  expect(signedIn.email).toBeTruthy();
});

test('profile image: preview, save, shown on the card, then removed', async ({ page, signedIn: _signedIn }) => {
  test.slow(); // Two saves and two page loads with an image.
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await form.getByLabel('Profile image').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png() });
  await expect(form.getByRole('img', { name: 'Preview of the new profile image' })).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Contact details saved.');

  await page.goto('/profile');
  const photo = page.getByRole('img', { name: /Profile photo of/ });
  // Linked by its content-hashed URL (not inlined), and really loaded by the browser.
  await expect(photo).toHaveAttribute('src', /^\/api\/profileImage\/\d+\?v=[0-9a-f]{32}$/);
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);

  await page.goto('/profile/edit');
  await form.getByLabel('Remove image').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Contact details saved.');
  await page.goto('/profile');
  await expect(page.getByRole('img', { name: /Initials of/ })).toBeVisible();
});

test('profile image: oversized and non-image files are refused in the browser', async ({
  page,
  signedIn: _signedIn,
}) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  const input = form.getByLabel('Profile image');
  await input.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 1) });
  await expect(form.getByText('The image is larger than 2 MiB.')).toBeVisible();
  await input.setInputFiles({
    name: 'drawing.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  await expect(form.getByText('Choose a PNG, JPEG, GIF or WebP image.')).toBeVisible();
});

test('profile image: a text file named .png passes the browser check but the server reads the bytes and refuses it', async ({
  page,
  signedIn: _signedIn,
}) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await form.getByLabel('Profile image').setInputFiles({
    name: 'fake.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<html><script>alert(1)</script></html>'.repeat(10)),
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Upload a complete PNG, JPEG, GIF or WebP image.')).toBeVisible();
  await expect(form.getByRole('alert')).toBeVisible();
});

test('social links: save, open safely in a new tab, and the description counter counts', async ({
  page,
  signedIn: _signedIn,
}) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Social links' });
  await form.getByLabel('GitHub').fill('https://github.com/grace');
  await form.getByLabel('YouTube').fill('https://www.youtube.com/@grace');
  await form.getByLabel('Description').fill('Hello there');
  await expect(form.getByText('11 / 1000 characters')).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Social links saved.');

  await page.goto('/profile');
  const link = page.getByRole('link', { name: /GitHub/ });
  await expect(link).toHaveAttribute('href', 'https://github.com/grace');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(page.getByText('Hello there')).toBeVisible();
});

test('social links: javascript: and relative links are refused', async ({ page, signedIn: _signedIn }) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Social links' });
  await form.getByLabel('LinkedIn').fill('javascript:alert(1)');
  await form.getByLabel('Twitter').fill('/relative');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('LinkedIn')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Twitter')).toHaveAttribute('aria-invalid', 'true');
});

test('markup typed into profile fields shows as text and runs no script', async ({ page, signedIn: _signedIn }) => {
  const payloads = [
    '<img src=x onerror="window.__xss=1">',
    '<script>window.__xss=1</script>',
    '"><svg onload=window.__xss=1>',
  ];
  await page.goto('/profile/edit');
  const contact = page.getByRole('form', { name: 'Contact details' });
  await contact.getByLabel('Occupation').fill(payloads[0]!);
  await contact.getByLabel('Home address').fill(payloads[1]!);
  await contact.getByLabel('First name').fill(payloads[2]!);
  await contact.getByRole('button', { name: 'Save' }).click();
  await expect(contact.getByRole('status')).toHaveText('Contact details saved.');
  const links = page.getByRole('form', { name: 'Social links' });
  await links.getByLabel('Description').fill(payloads.join('\n'));
  await links.getByRole('button', { name: 'Save' }).click();
  await expect(links.getByRole('status')).toHaveText('Social links saved.');

  await page.goto('/profile');
  await expect(page.getByText(payloads[0]!).first()).toBeVisible();
  await expect(page.getByText(payloads[1]!).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('main img[src="x"], main script, main svg[onload]').count()).toBe(0);
});

test('without JavaScript the contact form still saves', async ({ browser, signedIn, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const login = await context.request.post(`${baseURL}/api/login`, {
    data: { email: signedIn.email, password: signedIn.password },
  });
  const { sessionCode } = (await login.json()) as { sessionCode: string };
  await context.addCookies([{ name: 'session', value: sessionCode, url: baseURL!, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await form.getByLabel('Occupation').fill('Works without scripts');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Contact details saved.')).toBeVisible();
  await page.goto('/profile');
  await expect(page.getByText('Works without scripts')).toBeVisible();
  await context.close();
});
