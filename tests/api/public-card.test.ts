import { request as httpRequest } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { PUBLIC_CARD_DEFAULTS } from '@/lib/account/public-cards';
import { api, baseUrl, expectContractError, signedUpUser } from '../support/api';
import { linkToken, waitForMail } from '../support/mail-catcher';

type Settings = Record<string, boolean | string>;

const page = async (path: string) => {
  const response = await fetch(`${baseUrl()}${path}`, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
};

describe('GET/POST /api/publicCard', () => {
  it('is off by default, with the private parts off and the usual ones on', async () => {
    const user = await signedUpUser();
    const { status, body } = await api<Settings>('/api/publicCard', { token: user.token });
    expect(status).toBe(200);
    expect(body).toEqual({ ...PUBLIC_CARD_DEFAULTS, url: `/u/${user.username}` });
    // The private parts, whatever else the defaults say.
    expect(body).toMatchObject({
      published: false,
      allowSearchEngines: false,
      showHomeAddress: false,
      showEmail: false,
    });
    expect((await page(`/u/${user.username}`)).status).toBe(404);
  });

  it('publishes, keeps absent keys, and unpublishing answers 404 at once', async () => {
    const user = await signedUpUser();
    await api('/api/setContactDetail', {
      token: user.token,
      json: { occupation: 'Analyst', homeAddress: '12 Secret Lane' },
    });
    let response = await api<Settings>('/api/publicCard', { token: user.token, json: { published: true } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ published: true, showName: true, showHomeAddress: false });

    let card = await page(`/u/${user.username}`);
    expect(card.status).toBe(200);
    expect(card.text).toContain('Analyst');
    expect(card.text).not.toContain('12 Secret Lane');
    expect(card.text).not.toContain(user.email);
    expect(card.text).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(card.text).toMatch(/<meta property="og:image"/);

    response = await api<Settings>('/api/publicCard', {
      token: user.token,
      json: { showHomeAddress: true, allowSearchEngines: true },
    });
    expect(response.body).toMatchObject({ published: true, showHomeAddress: true, allowSearchEngines: true });
    card = await page(`/u/${user.username}`);
    expect(card.text).toContain('12 Secret Lane');
    expect(card.text).not.toMatch(/noindex/);

    // An edit shows at once (every view reads the card).
    await api('/api/setContactDetail', { token: user.token, json: { occupation: 'Engineer' } });
    expect((await page(`/u/${user.username}`)).text).toContain('Engineer');

    await api('/api/publicCard', { token: user.token, json: { published: false } });
    expect((await page(`/u/${user.username}`)).status).toBe(404);
  });

  it('never shows an email its owner has not proved: not before verifying, not after a change to a new address', async () => {
    const user = await signedUpUser();
    await api('/api/publicCard', { token: user.token, json: { published: true, showEmail: true } });
    // The attack: an address typed at sign-up (anyone's) would be shown as this person's contact.
    let card = await page(`/u/${user.username}`);
    expect(card.status).toBe(200);
    expect(card.text).not.toContain(user.email);

    const mail = await waitForMail(inject('mailDir'), user.email, /Confirm your email address/);
    expect((await api('/api/verifyEmail', { json: { token: linkToken(mail, '/verify-email') } })).status).toBe(200);
    card = await page(`/u/${user.username}`);
    expect(card.text).toContain(`mailto:${user.email}`);

    // A new address is unproven until its own link is used: the card does not show it.
    const newEmail = `n${user.email}`;
    const changed = await api('/api/changeEmail', {
      token: user.token,
      json: { newEmail, currentPassword: user.password },
    });
    expect(changed.status).toBe(200);
    card = await page(`/u/${user.username}`);
    expect(card.status).toBe(200);
    expect(card.text).not.toContain(newEmail);
  });

  it('moves with the username; the old address answers 404', async () => {
    const user = await signedUpUser();
    await api('/api/publicCard', { token: user.token, json: { published: true } });
    expect((await page(`/u/${user.username}`)).status).toBe(200);
    const renamed = `${user.username}x`;
    expect((await api('/api/changeUsername', { token: user.token, json: { newUsername: renamed } })).status).toBe(200);
    expect((await page(`/u/${user.username}`)).status).toBe(404);
    expect((await page(`/u/${renamed}`)).status).toBe(200);
    expect((await api<Settings>('/api/publicCard', { token: user.token })).body.url).toBe(`/u/${renamed}`);
  });

  it('serves a share image for a published card only', async () => {
    const user = await signedUpUser();
    expect((await fetch(`${baseUrl()}/u/${user.username}/opengraph-image`)).status).toBe(404);
    await api('/api/publicCard', { token: user.token, json: { published: true } });
    const image = await fetch(`${baseUrl()}/u/${user.username}/opengraph-image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it("builds the card's share URLs on APP_URL, whatever Host the client sends", async () => {
    const user = await signedUpUser();
    await api('/api/publicCard', { token: user.token, json: { published: true } });
    // node:http lets a client name any Host, as a raw request could.
    const html = await new Promise<string>((resolve, reject) => {
      const target = new URL(`${baseUrl()}/u/${user.username}`);
      const request = httpRequest(
        { host: target.hostname, port: target.port, path: target.pathname, headers: { host: 'evil.example' } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve(body));
        },
      );
      request.on('error', reject).end();
    });
    const ogUrl = /<meta property="og:url" content="([^"]+)"/.exec(html)?.[1];
    expect(ogUrl).toBe(`${baseUrl()}/u/${user.username}`);
    expect(html).not.toContain('evil.example');
  });

  it('refuses non-boolean values with field errors, and needs a session', async () => {
    const user = await signedUpUser();
    const bad = await api('/api/publicCard', { token: user.token, json: { published: 'yes' } });
    expectContractError(bad, 400, 'validation_failed');
    expect((bad.body as { fields: Record<string, string> }).fields.published).toBeTruthy();
    expectContractError(await api('/api/publicCard', {}), 401, 'unauthenticated');
  });
});
