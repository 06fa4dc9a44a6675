import type { APIRequestContext, Page } from '@playwright/test';
import { test as base, expect, newAccount, type Account } from './fixtures';
import { newPerson, startOidcProvider, type ProviderPerson } from './oidc-provider';
import { newGitHubPerson, startFakeGitHub, type GitHubPerson } from './fake-github';
import { TOTP_PERIOD_SECONDS, totpCode } from '../lib/auth/totp';
import { LIFTED_CLIENT_LIMITS } from '../tests/support/server';
import { freePort, startApp, type RunningApp } from '../scripts/lib/app-server';

/**
 * Sign-in through a provider, against real ones on loopback ports: an OpenID provider (oidc-provider, OIDC_TESTID_*)
 * and a fake GitHub (e2e/fake-github.ts, the OAuth 2 adapter through GITHUB_BASE_URL / GITHUB_API_URL), with the
 * production server configured with both. Each test is an attack or the flow it guards.
 */

const NAME = 'Test ID';
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let github: Awaited<ReturnType<typeof startFakeGitHub>>;

/** Once per worker: the providers, then the app configured with them (their redirect URIs name the app's port). */
async function startProvidersAndApp(): Promise<RunningApp> {
  const [appPort, idpPort, githubPort] = [await freePort(), await freePort(), await freePort()];
  const appURL = `http://127.0.0.1:${appPort}`;
  idp = await startOidcProvider({ port: idpPort, redirectUri: `${appURL}/auth/testid/callback` });
  github = await startFakeGitHub({ port: githubPort, redirectUri: `${appURL}/auth/github/callback` });
  return startApp({
    name: 'sign-in-providers',
    port: appPort,
    env: {
      ...LIFTED_CLIENT_LIMITS,
      APP_URL: appURL,
      OIDC_TESTID_ISSUER: idp.issuer,
      OIDC_TESTID_CLIENT_ID: idp.clientId,
      OIDC_TESTID_CLIENT_SECRET: idp.clientSecret,
      OIDC_TESTID_DISPLAY_NAME: NAME,
      GITHUB_CLIENT_ID: github.clientId,
      GITHUB_CLIENT_SECRET: github.clientSecret,
      GITHUB_BASE_URL: github.baseUrl,
      GITHUB_API_URL: github.apiUrl,
    },
  });
}

/** An account with a password, signed in: its session code, also set as the page's session cookie. */
type PasswordSession = { account: Account; sessionCode: string };

const test = base.extend<{ appURL: string; passwordSession: PasswordSession }, { providerApp: RunningApp }>({
  providerApp: [
    async ({}, use) => {
      const app = await startProvidersAndApp();
      await use(app);
      await app.stop();
      await Promise.all([idp.stop(), github.stop()]);
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  // Every page and API call of these tests goes to the app that has the providers configured.
  appURL: async ({ providerApp }, use) => use(providerApp.baseUrl),
  baseURL: async ({ providerApp }, use) => use(providerApp.baseUrl),
  passwordSession: async ({ page, request, appURL }, use) => {
    const account = await createAccount(request);
    const login = await request.post('/api/login', { data: { email: account.email, password: account.password } });
    expect(login.status()).toBe(200);
    const { sessionCode } = (await login.json()) as { sessionCode: string };
    await page
      .context()
      .addCookies([{ name: 'session', value: sessionCode, url: appURL, httpOnly: true, sameSite: 'Lax' }]);
    await use({ account, sessionCode });
  },
});

test.describe.configure({ mode: 'serial' });

async function createAccount(request: APIRequestContext, account = newAccount()): Promise<Account> {
  const response = await request.post('/api/creare-cont', { data: account });
  expect(response.status()).toBe(201);
  return account;
}

/** From /signup, through a provider's button, to the confirm page (the account is not created yet). */
async function startSignUp(page: Page, providerName: string) {
  await page.goto('/signup');
  await page.getByRole('button', { name: `Sign in with ${providerName}` }).click();
  await expect(page).toHaveURL(/\/signup\/continue$/);
}

/** The confirm page's "Sign up": the account is created and signed in. */
async function confirmSignUp(page: Page) {
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/profile$/);
}

/** Through the test provider to the confirm page, with the provider's profile proposed. */
async function signUpThroughProvider(page: Page, person: ProviderPerson) {
  idp.signInAs(person);
  await startSignUp(page, NAME);
  await expect(page.getByLabel('Username')).toHaveValue(person.preferred_username);
  await expect(page.getByLabel('First name')).toHaveValue(person.given_name);
  await expect(page.getByLabel('Last name')).toHaveValue(person.family_name);
}

test('sign-up through the provider (username editable), then sign-in again; no password works', async ({ page }) => {
  const person = newPerson();
  await signUpThroughProvider(page, person);
  const username = `${person.preferred_username}x`;
  await page.getByLabel('Username').fill(username);
  await confirmSignUp(page);

  const profile = await page.request.get('/api/getProfile');
  expect(profile.status()).toBe(200);
  expect(await profile.json()).toMatchObject({
    Username: username,
    Email: person.email,
    FirstName: person.given_name,
    LastName: person.family_name,
    EmailVerified: true,
  });
  // No password was ever set, and none matches the placeholder.
  for (const password of ['!no-password', 'Correct horse battery']) {
    const login = await page.request.post('/api/login', { data: { email: person.email, password } });
    expect(login.status()).toBe(401);
  }

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole('button', { name: `Sign in with ${NAME}` }).click();
  await expect(page).toHaveURL(/\/profile$/);
  const activity = await (await page.request.get('/api/activity')).json();
  expect(activity.events.map((event: { type: string }) => event.type)).toEqual([
    'login_success',
    'logout',
    'login_failure',
    'login_failure',
    'provider_linked',
    'signup',
  ]);
  const sessions = await (await page.request.get('/api/sessions')).json();
  expect(sessions.sessions).toHaveLength(1);
});

test('an unverified provider email is not marked verified', async ({ page }) => {
  const person = newPerson({ email_verified: false });
  await signUpThroughProvider(page, person);
  await confirmSignUp(page);
  expect(await (await page.request.get('/api/getProfile')).json()).toMatchObject({
    Email: person.email,
    EmailVerified: false,
  });
});

test('attack: a provider email matching an existing account does not sign into it', async ({ page, request }) => {
  const victim = await createAccount(request);
  // The attacker controls an identity at the provider that claims the victim's address (verified or not).
  for (const verified of [true, false]) {
    await page.context().clearCookies();
    idp.signInAs(newPerson({ email: victim.email, email_verified: verified }));
    await page.goto('/login');
    const callback = page.waitForResponse((response) => response.url().includes('/auth/testid/callback'));
    await page.getByRole('button', { name: `Sign in with ${NAME}` }).click();
    expect((await callback).status()).toBe(409);
    await expect(page.getByRole('heading', { name: 'This email already has an account' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('link');
    expect((await page.request.get('/api/getProfile')).status()).toBe(401);
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/login\?next=/);
  }
  // And no account was linked to it: the victim's password still is the only way in, and works.
  expect(
    (await request.post('/api/login', { data: { email: victim.email, password: victim.password } })).status(),
  ).toBe(200);
});

test('linking from settings, signing in with it, unlinking (the password remains)', async ({
  page,
  passwordSession: { account },
}) => {
  // A different address at the provider: linking never depends on the emails matching.
  const person = newPerson();
  idp.signInAs(person);
  await page.goto('/settings/security');
  const region = page.getByRole('region', { name: 'Linked accounts' });
  await region.getByRole('button', { name: `Link ${NAME}` }).click();
  await expect(page).toHaveURL(/\/settings\/security\?linked=testid/);
  await expect(region).toContainText(`Linked as ${person.email}`);

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: `Sign in with ${NAME}` }).click();
  await expect(page).toHaveURL(/\/profile$/);
  expect(await (await page.request.get('/api/getProfile')).json()).toMatchObject({ Username: account.username });

  await page.goto('/settings/security');
  await region.getByRole('button', { name: `Unlink ${NAME}` }).click();
  await expect(region.getByRole('status')).toContainText(`${NAME} is no longer linked`);
  await page.reload();
  await expect(region.getByRole('button', { name: `Link ${NAME}` })).toBeVisible();
});

test('attack: a linked provider does not skip the second factor; the sign-in waits on /login/verify', async ({
  page,
  request,
  passwordSession: { account, sessionCode },
}) => {
  const person = newPerson();
  idp.signInAs(person);
  await page.goto('/settings/security');
  await page
    .getByRole('region', { name: 'Linked accounts' })
    .getByRole('button', { name: `Link ${NAME}` })
    .click();
  await expect(page).toHaveURL(/\/settings\/security\?linked=testid/);

  // Two-step sign-in on, over the API with the same session.
  const auth = { authorization: `Bearer ${sessionCode}` };
  const started = await request.post('/api/mfa/totp', { headers: auth, data: { currentPassword: account.password } });
  expect(started.status()).toBe(200);
  const { secret } = (await started.json()) as { secret: string };
  const into = Date.now() % (TOTP_PERIOD_SECONDS * 1000);
  if (into > TOTP_PERIOD_SECONDS * 1000 - 8_000) await page.waitForTimeout(TOTP_PERIOD_SECONDS * 1000 - into + 200);
  const confirmed = await request.post('/api/mfa/totp/confirm', {
    headers: auth,
    data: { code: totpCode(secret, Date.now()) },
  });
  expect(confirmed.status()).toBe(200);

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: `Sign in with ${NAME}` }).click();
  await expect(page).toHaveURL(/\/login\/verify/);
  expect((await page.request.get('/api/getProfile')).status()).toBe(401);
});

test('attack: the same provider identity cannot be linked to a second account', async ({
  browser,
  page,
  appURL,
  passwordSession: { account: other },
}) => {
  // The identity already belongs to an account, signed up in another browser.
  const person = newPerson();
  const elsewhere = await browser.newPage({ baseURL: appURL });
  await signUpThroughProvider(elsewhere, person);
  await confirmSignUp(elsewhere);
  await elsewhere.close();

  // This page is signed in to a second account (passwordSession), which tries to link the same identity.
  idp.signInAs(person);
  await page.goto('/settings/security');
  const callback = page.waitForResponse((response) => response.url().includes('/auth/testid/callback'));
  await page
    .getByRole('region', { name: 'Linked accounts' })
    .getByRole('button', { name: `Link ${NAME}` })
    .click();
  expect((await callback).status()).toBe(409);
  await expect(page.getByRole('alert')).toContainText('already linked to another Profile Hub account');
  expect(await (await page.request.get('/api/getProfile')).json()).toMatchObject({ Username: other.username });
});

test('attack: unlinking the last way in is refused', async ({ page }) => {
  await signUpThroughProvider(page, newPerson());
  await confirmSignUp(page);
  await page.goto('/settings/security');
  const region = page.getByRole('region', { name: 'Linked accounts' });
  await region.getByRole('button', { name: `Unlink ${NAME}` }).click();
  await expect(region.getByRole('alert')).toContainText('only way you can sign in');
  await page.reload();
  await expect(region.getByRole('button', { name: `Unlink ${NAME}` })).toBeVisible();
});

/**
 * Follows the round trip from /auth/testid one redirect at a time with the page's own cookies, up to the
 * callback URL the provider sends back (not opened): what an attacker could then alter or replay.
 */
async function callbackFromProvider(page: Page, provider = 'testid'): Promise<URL> {
  let url = new URL(`/auth/${provider}`, page.url());
  for (let hop = 0; hop < 10; hop++) {
    const response = await page.request.get(url.href, { maxRedirects: 0 });
    expect([302, 303], `${url.href} answered ${response.status()}`).toContain(response.status());
    url = new URL(response.headers().location!, url);
    if (url.pathname === `/auth/${provider}/callback`) return url;
  }
  throw new Error('the provider never sent the browser back');
}

/** The provider's callback with its state altered: a clear 400 page, nothing changed, no session. */
async function tamperedStateRefused(page: Page, provider?: string) {
  await page.goto('/login');
  const callback = await callbackFromProvider(page, provider);
  expect(callback.searchParams.get('code')).toBeTruthy();
  callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
  const answer = await page.goto(callback.href);
  expect(answer?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'Sign-in could not be completed' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Nothing was changed');
  expect((await page.request.get('/api/getProfile')).status()).toBe(401);
}

test('attack: a tampered state gets a clear 400 page, and no session', async ({ page }) => {
  idp.signInAs(newPerson());
  await tamperedStateRefused(page);
});

test('attack: a replayed callback gets a clear 400 page', async ({ page }) => {
  idp.signInAs(newPerson());
  await page.goto('/login');
  const callback = await callbackFromProvider(page);
  await page.goto(callback.href);
  await expect(page).toHaveURL(/\/signup\/continue$/);
  const replay = await page.goto(callback.href);
  expect(replay?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'Sign-in could not be completed' })).toBeVisible();
});

/** Through the fake GitHub to the confirm page, with its profile proposed (login, name split in two). */
async function signUpThroughGitHub(page: Page, person: GitHubPerson) {
  github.signInAs(person);
  await startSignUp(page, 'GitHub');
  await expect(page.getByLabel('Username')).toHaveValue(person.login);
  await expect(page.getByLabel('First name')).toHaveValue('Grace');
  await expect(page.getByLabel('Last name')).toHaveValue('Brewster Hopper');
}

test.describe('GitHub (OAuth 2 through the adapter, against a fake GitHub)', () => {
  test('sign-up through GitHub (primary verified email), then sign-in again', async ({ page }) => {
    const refusedBefore = github.refusals.length;
    const person = newGitHubPerson();
    await signUpThroughGitHub(page, person);
    await confirmSignUp(page);
    expect(await (await page.request.get('/api/getProfile')).json()).toMatchObject({
      Username: person.login,
      Email: person.emails[0]!.email,
      EmailVerified: true,
    });

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    github.signInAs(person);
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await expect(page).toHaveURL(/\/profile$/);
    expect(await (await page.request.get('/api/getProfile')).json()).toMatchObject({ Username: person.login });
    // The fake GitHub checked the client secret, the PKCE verifier and the token on every call: none refused.
    expect(github.refusals.slice(refusedBefore)).toEqual([]);
  });

  test('attack: an unverified or non-primary GitHub address is trusted for nothing', async ({ page, request }) => {
    const victim = await createAccount(request);

    // The victim's address as an unverified primary (plus a verified non-primary): no sign-in, no account.
    github.signInAs(
      newGitHubPerson({
        emails: [
          { email: victim.email, primary: true, verified: false },
          { email: `other${Date.now()}@example.test`, primary: false, verified: true },
        ],
      }),
    );
    await page.goto('/login');
    let callback = page.waitForResponse((response) => response.url().includes('/auth/github/callback'));
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    expect((await callback).status()).toBe(400);
    await expect(page.getByRole('heading', { name: 'No account was created' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('did not share an email address');
    expect((await page.request.get('/api/getProfile')).status()).toBe(401);

    // The victim's address verified but not primary: never used; the account proposed is the primary's.
    const person = newGitHubPerson();
    person.emails.push({ email: victim.email, primary: false, verified: true });
    github.signInAs(person);
    await page.goto('/login');
    callback = page.waitForResponse((response) => response.url().includes('/auth/github/callback'));
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    expect((await callback).status()).toBe(303);
    await expect(page).toHaveURL(/\/signup\/continue$/);
    await confirmSignUp(page);
    expect(await (await page.request.get('/api/getProfile')).json()).toMatchObject({
      Email: person.emails[0]!.email,
      EmailVerified: true,
    });

    // A primary address GitHub has not verified never creates an account, verified or not.
    await page.context().clearCookies();
    github.signInAs(
      newGitHubPerson({ emails: [{ email: `unv${Date.now()}@example.test`, primary: true, verified: false }] }),
    );
    await page.goto('/signup');
    callback = page.waitForResponse((response) => response.url().includes('/auth/github/callback'));
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    expect((await callback).status()).toBe(400);
    expect((await page.request.get('/api/getProfile')).status()).toBe(401);

    // The victim's account is untouched: its password is still the way in, and it has no GitHub linked.
    const login = await request.post('/api/login', { data: { email: victim.email, password: victim.password } });
    expect(login.status()).toBe(200);
    const { sessionCode } = (await login.json()) as { sessionCode: string };
    const exported = await request.get('/api/export', { headers: { authorization: `Bearer ${sessionCode}` } });
    expect(exported.status()).toBe(200);
    expect((await exported.body()).includes(Buffer.from('"provider": "github"'))).toBe(false);
  });

  test('attack: a tampered state gets a clear 400 page, and no session', async ({ page }) => {
    const refusedBefore = github.refusals.length;
    github.signInAs(newGitHubPerson());
    await tamperedStateRefused(page, 'github');
    // Refused by the app before any code exchange: GitHub was never asked for a token.
    expect(github.refusals.slice(refusedBefore)).toEqual([]);
  });
});

test('no provider configured: no button', async ({ browser }) => {
  // The suite's main server has no OIDC_* settings.
  const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  // "Sign in with a passkey" is no provider.
  const providerButton = page.getByRole('button', { name: /^Sign in with (?!a passkey)/ });
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
  await expect(providerButton).toHaveCount(0);
  await page.goto('/signup');
  await expect(providerButton).toHaveCount(0);
  await page.close();
});
