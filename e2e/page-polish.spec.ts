import { expect, test } from './fixtures';
import { png } from './images';

// Issue 12's smaller fixes, each seen failing before its fix.

test('settings: "New email" and "New username" start empty; the current values are shown as text', async ({
  page,
  signedIn,
}) => {
  await page.goto('/settings/account');
  await expect(page.getByRole('form', { name: 'Change email' }).getByLabel('New email')).toHaveValue('');
  await expect(page.getByRole('form', { name: 'Change username' }).getByLabel('New username')).toHaveValue('');
  await expect(page.getByRole('main')).toContainText(signedIn.email);
  await expect(page.getByRole('main')).toContainText(`@${signedIn.username}`);
});

test.describe('in Tokyo', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });
  test('settings: session times are in the visitor’s time zone, with no hydration error', async ({
    page,
    signedIn,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto('/settings/sessions');
    const time = page.getByRole('form', { name: 'Sessions' }).locator('time').first();
    const iso = (await time.getAttribute('datetime'))!;
    const expected = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(iso));
    await expect(time).toHaveText(expected);
    await page.waitForLoadState('networkidle');
    expect(errors.filter((e) => /hydrat|#418|#423|#425/i.test(e))).toEqual([]);
    expect(signedIn.email).toBeTruthy();
  });
});

test('settings: a long email address wraps between words, not mid-word', async ({ page, signedIn }) => {
  await page.goto('/settings/account');
  const email = page.getByRole('main').getByText(signedIn.email, { exact: true }).first();
  const style = await email.evaluate((element) => {
    const computed = getComputedStyle(element);
    return { wordBreak: computed.wordBreak, overflowWrap: computed.overflowWrap };
  });
  expect(style.wordBreak).not.toBe('break-all');
  expect(style.overflowWrap).toBe('anywhere');
});

test('profile/edit: a photo picker with Change and Remove instead of a bare file input', async ({
  page,
  signedIn: _signedIn,
}) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await expect(form.getByText('No file chosen')).toHaveCount(0);
  await expect(form.getByText('Add a photo')).toBeVisible();
  await expect(form.getByLabel('Profile image')).toHaveAccessibleName('Add a photo (profile image)');
  await expect(form.getByLabel('Remove image')).toHaveCount(0);

  // Keyboard: the picker is reachable with Tab and opens the file chooser with Enter.
  await form.getByLabel('Profile image').focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: png() });
  await expect(form.getByRole('img', { name: 'Preview of the new profile image' })).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Contact details saved.');

  await page.reload();
  await expect(form.getByRole('img', { name: 'Current profile image' })).toBeVisible();
  await expect(form.getByLabel('Profile image')).toHaveAccessibleName('Change (profile image)');
  await expect(form.getByLabel('Remove image')).toBeVisible();
});

test('login: the placeholder fits its box', async ({ page }) => {
  await page.goto('/login');
  const fits = await page.getByLabel('Email').evaluate((input: HTMLInputElement) => {
    const probe = document.createElement('span');
    const style = getComputedStyle(input);
    probe.style.font = style.font;
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'pre';
    probe.textContent = input.placeholder;
    document.body.append(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    const available = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { needed, available };
  });
  expect(fits.needed).toBeLessThanOrEqual(fits.available);
});

test('navigation marks the current page', async ({ page, signedIn: _signedIn }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [path, name] of [
    ['/profile', 'Profile'],
    ['/profile/edit', 'Edit'],
    ['/settings', 'Settings'],
  ] as const) {
    await page.goto(path);
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  }
});

test('navigation marks the current page when signed out', async ({ page }) => {
  await page.goto('/login');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in', exact: true }),
  ).toHaveAttribute('aria-current', 'page');
});

test('social links show the networks’ marks with accessible names', async ({ page, signedIn, request }) => {
  const login = await request.post('/api/login', { data: { email: signedIn.email, password: signedIn.password } });
  const code = ((await login.json()) as { sessionCode: string }).sessionCode;
  await request.post('/api/setSocialLink', {
    headers: { authorization: `Bearer ${code}` },
    data: { gitHub: 'https://github.com/grace', youtube: 'https://www.youtube.com/@grace' },
  });
  await page.goto('/profile');
  const github = page.getByRole('link', { name: /GitHub/ });
  await expect(github).toBeVisible();
  await expect(github.locator('svg')).toHaveCount(1);
  await expect(github).not.toContainText(/\bgh\b/i);
  await expect(page.getByRole('link', { name: /YouTube/ }).locator('svg')).toHaveCount(1);
});
