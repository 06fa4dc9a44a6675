import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, baseUrl, expectContractError, signedUpUser } from '../support/api';
import { gif, jpeg } from '../support/images';

/** The signed-in /profile page's HTML, by the browser's cookie. */
async function profilePage(token: string) {
  const response = await api('/profile', { headers: { cookie: `session=${token}` } });
  expect(response.status).toBe(200);
  return response.text;
}

function imageUrlIn(html: string): string {
  const match = /\/api\/profileImage\/(\d+)\?v=([0-9a-f]{32})/.exec(html);
  if (!match) throw new Error('the page links no profile image');
  return match[0];
}

describe('GET /api/profileImage/{userId}?v=', () => {
  it('pages link the image by a content-hashed URL instead of inlining its bytes', async () => {
    const user = await signedUpUser();
    const bytes = jpeg();
    expect(
      (await api('/api/setContactDetail', { token: user.token, json: { image: bytes.toString('base64') } })).status,
    ).toBe(200);
    const html = await profilePage(user.token);
    expect(html).not.toContain(bytes.toString('base64'));
    expect(html).not.toContain('data:image/');
    const url = imageUrlIn(html);

    const response = await fetch(`${baseUrl()}${url}`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(response.headers.get('etag')).toBe(`"${new URL(url, 'http://x').searchParams.get('v')}"`);
    // The stored image is the re-encoded one: the URL's hash and ETag are of those bytes.
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(createHash('sha256').update(served).digest('hex').slice(0, 32)).toBe(
      new URL(url, 'http://x').searchParams.get('v'),
    );

    // The API's contract is unchanged: getProfile still carries the image inline.
    const profile = await api<{ Image: string; ImageType: string }>('/api/getProfile', { token: user.token });
    expect(profile.body.Image).toBe(served.toString('base64'));
    expect(profile.body.ImageType).toBe('image/jpeg');
  });

  it('answers 304 to a matching If-None-Match; a new image is a new URL', async () => {
    const user = await signedUpUser();
    await api('/api/setContactDetail', { token: user.token, json: { image: jpeg().toString('base64') } });
    const first = imageUrlIn(await profilePage(user.token));
    const served = await api(first, { token: user.token });
    const etag = served.headers.get('etag')!;
    const revalidated = await api(first, { token: user.token, headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');

    await api('/api/setContactDetail', { token: user.token, json: { image: gif().toString('base64') } });
    const second = imageUrlIn(await profilePage(user.token));
    expect(second).not.toBe(first);
    expect((await api(first, { token: user.token, headers: { 'if-none-match': etag } })).status).toBe(200);
    // An out-of-date `v` gets today's bytes, but not for keeps.
    const stale = await api(first, { token: user.token });
    // A GIF is stored as its first frame, in PNG (lib/account/image-processing.ts).
    expect(stale.headers.get('content-type')).toBe('image/png');
    expect(stale.headers.get('cache-control')).toBe('private, no-cache');
  });

  it("is the owner's only: someone else gets 404, nobody 401, a revoked session 401 even when revalidating", async () => {
    const owner = await signedUpUser();
    const other = await signedUpUser();
    await api('/api/setContactDetail', { token: owner.token, json: { image: jpeg().toString('base64') } });
    const url = imageUrlIn(await profilePage(owner.token));
    const etag = (await api(url, { token: owner.token })).headers.get('etag')!;
    expectContractError(await api(url, { token: other.token }), 404, 'not_found');
    expectContractError(await api(url), 401, 'unauthenticated');
    await api('/api/logout', { method: 'POST', token: owner.token });
    expectContractError(
      await api(url, { token: owner.token, headers: { 'if-none-match': etag } }),
      401,
      'unauthenticated',
    );
  });

  it('404 when the user has no image', async () => {
    const user = await signedUpUser();
    const html = await profilePage(user.token);
    expect(html).not.toContain('/api/profileImage/');
    expectContractError(await api('/api/profileImage/1?v=0', { token: user.token }), 404, 'not_found');
  });
});

describe('proxy.ts: optimistic redirects on the cookie only', () => {
  it('a stale cookie reaches the log-in page (no loop); a signed-in page sends it there', async () => {
    const stale = `session=${'A'.repeat(43)}`;
    expect((await api('/login', { headers: { cookie: stale } })).status).toBe(200);
    const page = await api('/profile', { headers: { cookie: stale } });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/login?next=%2Fprofile');
    const none = await api('/settings');
    expect(none.status).toBe(307);
    expect(none.headers.get('location')).toContain('/login?next=%2Fsettings');
  });
});
