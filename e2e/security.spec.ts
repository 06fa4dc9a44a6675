import { expect, test } from './fixtures';

const PAGES = ['/', '/login', '/signup'];
const SIGNED_IN_PAGES = ['/profile', '/profile/edit', '/settings/account', '/settings/security'];

function scriptPolicy(csp: string) {
  return (
    csp
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith('script-src')) ?? ''
  );
}

test('every page has a fresh nonce CSP with strict-dynamic, no unsafe-inline for scripts, and every script carries the nonce', async ({
  page,
  signedIn: _signedIn,
}) => {
  const nonces = new Set<string>();
  for (const path of [...SIGNED_IN_PAGES, '/no-such-page']) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const csp = headers['content-security-policy'] ?? '';
    const scripts = scriptPolicy(csp);
    expect(scripts, path).toContain("'strict-dynamic'");
    expect(scripts, path).not.toContain("'unsafe-inline'");
    expect(csp, path).toContain("base-uri 'none'");
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(headers['cache-control'], path).toContain('no-store');
    // Over plain http there is no HSTS (it is sent only over https).
    expect(headers['strict-transport-security'], path).toBeUndefined();
    const nonce = /'nonce-([^']+)'/.exec(scripts)![1]!;
    nonces.add(nonce);
    // Every script the server sent carries this answer's nonce. (Scripts that Next's own scripts add later, such
    // as prefetched route chunks, carry none: 'strict-dynamic' trusts them because a nonced script created them.)
    const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length, path).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(SIGNED_IN_PAGES.length + 1);
});

test('signed-out pages carry the policy too', async ({ page }) => {
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(scriptPolicy(response!.headers()['content-security-policy'] ?? ''), path).toContain("'strict-dynamic'");
  }
});

test('an inline script injected into the page without the nonce is blocked and reported', async ({ page }) => {
  // An HTML injection as a stored XSS would make it: the server's real answer and CSP, plus one script tag.
  await page.route('**/login', async (route) => {
    // Only the page itself: the passkey autofill on /login posts to it in the background (a server action).
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace('<body', '<body data-x><script>window.__injected = true;</script><br');
    await route.fulfill({ response, body: html });
  });
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation: (d: string) => void }).reportViolation(event.effectiveDirective);
    });
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
  // An inline event handler (what innerHTML injection would use) is refused as well.
  await page.evaluate(() => {
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="/no-such-image.png" onerror="window.__handler = true">';
    document.body.append(holder);
  });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
  expect(violations.every((directive) => directive.startsWith('script-src'))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __handler?: boolean }).__handler === true)).toBe(false);
});

test('a cross-site form post to a page (server action) gets 403 with the app page, not 500', async ({ request }) => {
  const response = await request.post('/login', {
    headers: { origin: 'https://evil.example', 'next-action': 'abc123', 'content-type': 'text/plain;charset=UTF-8' },
    data: '[]',
  });
  expect(response.status()).toBe(403);
  expect(response.headers()['content-type']).toMatch(/^text\/html/);
  expect(await response.text()).toContain('Request refused');
});

test('non-GET methods on build files get 405, not 500', async ({ page, request }) => {
  await page.goto('/login');
  const asset = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
    const response = await request.fetch(asset!, { method });
    expect(response.status(), method).toBe(405);
    expect(response.headers()['allow']).toBe('GET, HEAD');
  }
  expect((await request.fetch('/_next/static/nothing-here.js', { method: 'POST' })).status()).toBe(405);
  expect((await request.get(asset!)).status()).toBe(200);
});

test('recent activity on /settings lists this sign-in', async ({ page, signedIn: _signedIn }) => {
  await page.goto('/settings/sessions');
  const list = page.getByRole('list', { name: 'Recent activity' });
  await expect(list.getByText('Signed in').first()).toBeVisible();
  await expect(list.getByText('Account created')).toBeVisible();
});
