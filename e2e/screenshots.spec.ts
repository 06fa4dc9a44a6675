import { expect, test } from './fixtures';

// Full-page screenshots of every page at this project's viewport, kept as test artifacts (git-ignored).
const SIGNED_OUT = ['/', '/login', '/signup'];
const SIGNED_IN = [
  '/profile',
  '/profile/edit',
  '/settings/account',
  '/settings/security',
  '/settings/sessions',
  '/settings/public-card',
  '/settings/delete',
];

function fileName(path: string, project: string) {
  return `e2e/artifacts/screenshots/${project}${path === '/' ? '-home' : path.replaceAll('/', '-')}.png`;
}

/** Shoots only where it meant to be: a failed sign-in lands on /login, which must not pass for /profile. */
async function at(page: import('@playwright/test').Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  await expect(page).toHaveURL((url) => url.pathname === path);
}

async function assertNoSidewaysScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}

test('signed-out pages', async ({ page }, testInfo) => {
  for (const path of SIGNED_OUT) {
    await at(page, path);
    await assertNoSidewaysScroll(page);
    await page.screenshot({ path: fileName(path, testInfo.project.name), fullPage: true });
  }
});

test('signed-in pages', async ({ page, signedIn, request }, testInfo) => {
  const login = await request.post('/api/login', { data: { email: signedIn.email, password: signedIn.password } });
  expect(login.status()).toBe(200);
  const code = ((await login.json()) as { sessionCode: string }).sessionCode;
  const contact = await request.post('/api/setContactDetail', {
    headers: { authorization: `Bearer ${code}` },
    data: {
      occupation: 'Rear admiral and computer scientist',
      homeAddress: '1 Harbour Road',
      country: 'United States of America',
      county: 'Virginia',
    },
  });
  expect(contact.status()).toBe(200);
  const links = await request.post('/api/setSocialLink', {
    headers: { authorization: `Bearer ${code}` },
    data: {
      gitHub: 'https://github.com/grace',
      linkedIn: 'https://www.linkedin.com/in/grace',
      description: 'Invented the first compiler.\nLikes nanoseconds.',
    },
  });
  expect(links.status()).toBe(200);
  for (const path of SIGNED_IN) {
    await at(page, path);
    await expect(page.locator('main')).toBeVisible();
    await assertNoSidewaysScroll(page);
    await page.screenshot({ path: fileName(path, testInfo.project.name), fullPage: true });
  }
  const card = await request.post('/api/publicCard', {
    headers: { authorization: `Bearer ${code}` },
    data: { published: true, showEmail: true },
  });
  expect(card.status()).toBe(200);
  await at(page, `/u/${signedIn.username}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await assertNoSidewaysScroll(page);
  await page.screenshot({ path: fileName('/u/card', testInfo.project.name), fullPage: true });
});
