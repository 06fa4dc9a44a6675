import { expect, test } from './fixtures';

const PAGES = ['/', '/login', '/signup'];
const SIGNED_IN_PAGES = ['/profile', '/profile/edit', '/settings'];

function scriptPolicy(csp: string) {
  return csp.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src')) ?? '';
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
    const scriptNonces = await page.locator('script').evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
    expect(scriptNonces.length, path).toBeGreaterThan(0);
    expect(new Set(scriptNonces), path).toEqual(new Set([nonce]));
  }
  expect(nonces.size).toBe(4);
});

test('signed-out pages carry the policy too', async ({ page }) => {
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(scriptPolicy(response!.headers()['content-security-policy'] ?? ''), path).toContain("'strict-dynamic'");
  }
});

test('an injected inline script without the nonce is blocked and reported', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
      setTimeout(() => resolve('none'), 2000);
    });
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.appendChild(script);
    return { violated: await violation, ran: (window as unknown as { __injected?: boolean }).__injected === true };
  });
  expect(outcome.ran).toBe(false);
  expect(outcome.violated).toMatch(/^script-src/);
});

test('HSTS is sent when the page was reached over https (as told by the proxy in front)', async ({ request }) => {
  const response = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(response.headers()['strict-transport-security']).toMatch(/max-age=\d+/);
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
  await page.goto('/settings');
  const list = page.getByRole('list', { name: 'Recent activity' });
  await expect(list.getByText('Signed in').first()).toBeVisible();
  await expect(list.getByText('Account created')).toBeVisible();
});
