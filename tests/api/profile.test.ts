import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { api, expectContractError, signedUpUser } from '../support/api';
import { gif, jpeg, png, webp } from '../support/images';
import { profileSchema } from '@/lib/account/profile-schema';

// The contract's 18 string keys and the boolean EmailVerified, from the one schema that also types the domain and
// documents the API.
const PROFILE_KEYS = Object.keys(profileSchema.shape);
const STRING_KEYS = PROFILE_KEYS.filter((key) => key !== 'EmailVerified');
type Profile = Record<string, string>;

describe('GET /api/getProfile', () => {
  it('answers every contract key as a string, "" when empty, and EmailVerified as a boolean', async () => {
    const user = await signedUpUser();
    const { status, body } = await api<Profile>('/api/getProfile', { token: user.token });
    expect(status).toBe(200);
    expect(STRING_KEYS).toHaveLength(18);
    expect(Object.keys(body).sort()).toEqual([...PROFILE_KEYS].sort());
    expect(() => profileSchema.strict().parse(body)).not.toThrow();
    for (const key of STRING_KEYS) expect(typeof body[key]).toBe('string');
    expect(body.EmailVerified).toBe(false);
    expect(body).toMatchObject({
      FullName: 'Ada Lovelace',
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Username: user.username,
      Email: user.email,
      Occupation: '',
      Image: '',
      ImageType: '',
    });
  });
});

describe('POST /api/setContactDetail', () => {
  it('updates only the keys sent and answers the whole profile', async () => {
    const user = await signedUpUser();
    let response = await api<Profile>('/api/setContactDetail', {
      token: user.token,
      json: { occupation: 'Nurse', country: 'România 🇷🇴', county: 'Timiș' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      Occupation: 'Nurse',
      Country: 'România 🇷🇴',
      County: 'Timiș',
      HomeAddress: '',
    });
    response = await api<Profile>('/api/setContactDetail', {
      token: user.token,
      json: { homeAddress: 'Strada Lalelelor 0', lastName: 'Byron 😀' },
    });
    expect(response.body).toMatchObject({
      Occupation: 'Nurse',
      Country: 'România 🇷🇴',
      HomeAddress: 'Strada Lalelelor 0',
      FullName: 'Ada Byron 😀',
    });
    expect((await api<Profile>('/api/getProfile', { token: user.token })).body.LastName).toBe('Byron 😀');
  });

  it.each([
    ['PNG', png(), 'image/png'],
    ['JPEG', jpeg(), 'image/jpeg'],
    // A GIF keeps its first frame, as a PNG (tests/api/images.test.ts).
    ['GIF', gif(), 'image/png'],
    ['WebP', webp(), 'image/webp'],
  ])('stores a %s recognised by its bytes, re-encoded, and answers it as plain base64', async (_name, bytes, type) => {
    const user = await signedUpUser();
    const response = await api<Profile>('/api/setContactDetail', {
      token: user.token,
      json: { image: bytes.toString('base64') },
    });
    expect(response.status).toBe(200);
    expect(response.body.ImageType).toBe(type);
    const stored = await sharp(Buffer.from(response.body.Image!, 'base64')).metadata();
    expect(`image/${stored.format}`).toBe(type);
    expect([stored.width, stored.height]).toEqual([
      (await sharp(bytes).metadata()).width,
      (await sharp(bytes).metadata()).height,
    ]);
  });

  it('accepts a data: URL whatever type it claims, and "" clears the image', async () => {
    const user = await signedUpUser();
    const response = await api<Profile>('/api/setContactDetail', {
      token: user.token,
      json: { image: `data:image/gif;base64,${png().toString('base64')}` },
    });
    expect(response.body.ImageType).toBe('image/png');
    expect(response.body.Image).not.toMatch(/^data:/);
    const cleared = await api<Profile>('/api/setContactDetail', { token: user.token, json: { image: '' } });
    expect(cleared.body).toMatchObject({ Image: '', ImageType: '' });
  });

  it.each([
    [
      'SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'),
    ],
    ['HTML', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
    ['a truncated PNG', png().subarray(0, 40)],
    ['a PNG with HTML appended', Buffer.concat([png(), Buffer.from('<script>alert(1)</script>')])],
    ['a GIF header without a body', Buffer.from('GIF89a' + 'x'.repeat(20))],
    ['over 2 MiB', Buffer.concat([png().subarray(0, 33), Buffer.alloc(2 * 1024 * 1024), png().subarray(-12)])],
  ])('refuses %s', async (_name, bytes) => {
    const user = await signedUpUser();
    const response = await api<{ fields: Record<string, string> }>('/api/setContactDetail', {
      token: user.token,
      json: { image: bytes.toString('base64'), occupation: 'kept?' },
    });
    expectContractError(response, 400, 'validation_failed');
    expect(response.body.fields).toHaveProperty('image');
    expect((await api<Profile>('/api/getProfile', { token: user.token })).body.Occupation).toBe('');
  });

  it('refuses text that is not base64', async () => {
    const user = await signedUpUser();
    for (const image of [
      'not base64 at all!',
      `${png().toString('base64')}!`,
      png().toString('base64url').replace(/=+$/, '') + '-_',
      42,
    ]) {
      const response = await api<{ fields: Record<string, string> }>('/api/setContactDetail', {
        token: user.token,
        json: { image },
      });
      expectContractError(response, 400, 'validation_failed');
      expect(Object.keys(response.body.fields)).toEqual(['image']);
    }
  });

  it('accepts a whole PNG of exactly 2 MiB and refuses one a byte larger', async () => {
    /** A valid PNG padded with a text chunk (correct CRC) to the given total size. */
    const pngOfSize = (size: number) => {
      const base = png();
      const iend = base.subarray(-12);
      const data = Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(size - base.length - 12 - 8, 0x61)]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const body = Buffer.concat([Buffer.from('tEXt', 'ascii'), data]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      const file = Buffer.concat([base.subarray(0, -12), length, body, crc, iend]);
      expect(file.length).toBe(size);
      return file;
    };
    const user = await signedUpUser();
    const exact = pngOfSize(2 * 1024 * 1024);
    const ok = await api<Profile>('/api/setContactDetail', {
      token: user.token,
      json: { image: exact.toString('base64') },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.ImageType).toBe('image/png');
    // Stored re-encoded, without the text chunk that padded it to 2 MiB.
    expect(Buffer.from(ok.body.Image!, 'base64').length).toBeLessThan(4096);
    const over = await api<{ fields: Record<string, string> }>('/api/setContactDetail', {
      token: user.token,
      json: { image: pngOfSize(2 * 1024 * 1024 + 1).toString('base64') },
    });
    expectContractError(over, 400, 'validation_failed');
    expect(over.body.fields).toHaveProperty('image');
    expect((await api<Profile>('/api/getProfile', { token: user.token })).body.Image).toBe(ok.body.Image);
  });

  it('refuses over-long values and control characters instead of cutting them', async () => {
    const user = await signedUpUser();
    const response = await api<{ fields: Record<string, string> }>('/api/setContactDetail', {
      token: user.token,
      json: { occupation: 'x'.repeat(121), country: 'bad\u0000byte', firstName: '', county: 'tab\there' },
    });
    expectContractError(response, 400, 'validation_failed');
    expect(Object.keys(response.body.fields).sort()).toEqual(['country', 'county', 'firstName', 'occupation']);
    expect(await api<Profile>('/api/getProfile', { token: user.token }).then((r) => r.body.Occupation)).toBe('');
  });
});

describe('characters, not bytes or UTF-16 units', () => {
  it('keeps 4-byte characters intact and distinct, up to the limit in characters', async () => {
    const user = await signedUpUser();
    const occupation = '😀😁🙂🦄'.repeat(30); // 120 characters, 240 UTF-16 units, 480 bytes
    const response = await api<Profile>('/api/setContactDetail', {
      token: user.token,
      json: { occupation, firstName: '𝔄𝔡𝔞' },
    });
    expect(response.status).toBe(200);
    expect(response.body.Occupation).toBe(occupation);
    expect(response.body.FullName).toBe('𝔄𝔡𝔞 Lovelace');
    const stored = await api<Profile>('/api/getProfile', { token: user.token });
    expect(stored.body.Occupation).toBe(occupation);
    expectContractError(
      await api('/api/setContactDetail', { token: user.token, json: { occupation: `${occupation}😀` } }),
      400,
      'validation_failed',
    );
  });

  it('accepts a link of exactly 2048 characters and refuses 2049', async () => {
    const user = await signedUpUser();
    const base = 'https://example.com/';
    const exact = base + '😀'.repeat(2048 - base.length);
    const response = await api<Profile>('/api/setSocialLink', { token: user.token, json: { youtube: exact } });
    expect(response.status).toBe(200);
    expect(response.body.Youtube).toBe(exact);
    const over = await api<{ fields: Record<string, string> }>('/api/setSocialLink', {
      token: user.token,
      json: { youtube: `${exact}a` },
    });
    expectContractError(over, 400, 'validation_failed');
    expect(over.body.fields).toHaveProperty('youtube');
    expect((await api<Profile>('/api/getProfile', { token: user.token })).body.Youtube).toBe(exact);
  });
});

describe('POST /api/setSocialLink', () => {
  it('updates only the keys sent, keeping the old field names', async () => {
    const user = await signedUpUser();
    await api('/api/setSocialLink', {
      token: user.token,
      json: { gitHub: 'https://github.com/ada', description: 'First programmer ✨\nLine two' },
    });
    const response = await api<Profile>('/api/setSocialLink', {
      token: user.token,
      json: { faceBook: 'http://facebook.com/ada', linkedIn: '' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      GitHub: 'https://github.com/ada',
      FaceBook: 'http://facebook.com/ada',
      LinkedIn: '',
      Description: 'First programmer ✨\nLine two',
    });
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/relative/path',
    'github.com/ada',
    'ftp://example.com',
    'https://',
    `https://example.com/${'a'.repeat(2048)}`,
    'JaVaScRiPt:alert(1)',
  ])('refuses %s', async (link) => {
    const user = await signedUpUser();
    const response = await api<{ fields: Record<string, string> }>('/api/setSocialLink', {
      token: user.token,
      json: { twitter: link },
    });
    expectContractError(response, 400, 'validation_failed');
    expect(response.body.fields).toHaveProperty('twitter');
  });

  it('refuses a description over 1000 characters', async () => {
    const user = await signedUpUser();
    expectContractError(
      await api('/api/setSocialLink', { token: user.token, json: { description: 'é'.repeat(1001) } }),
      400,
      'validation_failed',
    );
    expect(
      (await api('/api/setSocialLink', { token: user.token, json: { description: '😀'.repeat(1000) } })).status,
    ).toBe(200);
  });
});
