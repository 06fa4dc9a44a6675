import { randomBytes } from 'node:crypto';
import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { png } from '../support/images';
import { api, expectContractError, signedUpUser } from '../support/api';
import { groupRssMiB } from '../support/server';

type Profile = { Image: string; ImageType: string };
const rss = () => groupRssMiB(inject('serverPid'));

async function upload(token: string, bytes: Buffer) {
  return api<Profile>('/api/setContactDetail', { token, json: { image: bytes.toString('base64') } });
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function pngChunkTypes(file: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at);
    types.push(file.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return types;
}

/** A 1-bit grey PNG of width × height, all zeros: tiny on disk, `width × height` pixels to decode. */
async function bombPng(width: number, height: number): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1;
  header[9] = 0;
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  const rows = Buffer.concat(Array.from({ length: 1000 }, () => row));
  for (let y = 0; y < height; y += 1000) deflate.write(rows);
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('uploaded images are decoded and encoded afresh', () => {
  it("drops a JPEG's EXIF (GPS included), after turning it upright by its orientation", async () => {
    const user = await signedUpUser();
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'SpyCam' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '44/1 25/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '26/1 6/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(photo.includes(Buffer.from('SpyCam'))).toBe(true);
    // The GPS IFD pointer (tag 0x8825) is in the upload's EXIF, in either byte order.
    expect(before.exif!.includes(Buffer.from([0x88, 0x25])) || before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(
      true,
    );

    const response = await upload(user.token, photo);
    expect(response.status).toBe(200);
    expect(response.body.ImageType).toBe('image/jpeg');
    const stored = Buffer.from(response.body.Image, 'base64');
    const after = await sharp(stored).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from('SpyCam'))).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect([after.width, after.height]).toEqual([20, 40]);
  });

  it("drops a PNG's text chunks (a <script> in tEXt)", async () => {
    const user = await signedUpUser();
    const base = png();
    const script = chunk('tEXt', Buffer.from('Comment\0<script>alert(document.cookie)</script>', 'latin1'));
    const file = Buffer.concat([base.subarray(0, -12), script, base.subarray(-12)]);
    const response = await upload(user.token, file);
    expect(response.status).toBe(200);
    const stored = Buffer.from(response.body.Image, 'base64');
    expect(stored.includes(Buffer.from('<script>'))).toBe(false);
    expect(pngChunkTypes(file)).toContain('tEXt');
    // No text or metadata chunk of any kind (pHYs, the pixel density, is all sharp writes besides pixels).
    expect(
      pngChunkTypes(stored).filter((type) => ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP', 'tIME'].includes(type)),
    ).toEqual([]);
  });

  it('keeps at most 1024 × 1024, never enlarges, and keeps a GIF as its first frame in PNG', async () => {
    const user = await signedUpUser();
    const big = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    const shrunk = await sharp(Buffer.from((await upload(user.token, big)).body.Image, 'base64')).metadata();
    expect([shrunk.width, shrunk.height]).toEqual([1024, 512]);
    const small = await sharp(Buffer.from((await upload(user.token, png(16, 16))).body.Image, 'base64')).metadata();
    expect([small.width, small.height]).toEqual([16, 16]);
    const frames = await Promise.all(
      ['#ff0000', '#00ff00'].map((colour) =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
          .raw()
          .toBuffer(),
      ),
    );
    const animated = await sharp(Buffer.concat(frames), { raw: { width: 8, height: 16, channels: 3, pageHeight: 8 } })
      .gif({ loop: 0 })
      .toBuffer();
    const answer = await upload(user.token, animated);
    expect(answer.body.ImageType).toBe('image/png');
    const firstFrame = sharp(Buffer.from(answer.body.Image, 'base64'));
    expect(await firstFrame.metadata()).toMatchObject({ format: 'png', width: 8, height: 8 });
    const { data } = await firstFrame.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1]]).toEqual([255, 0]);
  });

  it('refuses a 20000 × 20000 PNG (decompression bomb) from its header, with memory flat', async () => {
    const user = await signedUpUser();
    const bomb = await bombPng(20_000, 20_000);
    const before = rss();
    const started = performance.now();
    const response = await api<{ fields: Record<string, string> }>('/api/setContactDetail', {
      token: user.token,
      json: { image: bomb.toString('base64') },
    });
    const ms = Math.round(performance.now() - started);
    const after = rss();
    console.log(
      `[figures] 20000×20000 PNG bomb (${bomb.length} bytes): refused in ${ms} ms; server RSS ${before} → ${after} MiB`,
    );
    expectContractError(response, 400, 'validation_failed');
    expect(response.body.fields.image).toMatch(/too many pixels/);
  });

  it('decodes a bounded number at once: 10 concurrent 1.5 MB uploads all succeed (RSS printed)', async () => {
    const user = await signedUpUser();
    const noise = await sharp(randomBytes(1200 * 1200 * 3), { raw: { width: 1200, height: 1200, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(noise.length).toBeGreaterThan(1_400_000);
    expect(noise.length).toBeLessThan(2 * 1024 * 1024);
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 10 }, () => upload(user.token, noise)));
    clearInterval(sampler);
    console.log(
      `[figures] 10 concurrent ${(noise.length / 1e6).toFixed(2)} MB JPEG uploads: ${Math.round(performance.now() - started)} ms; ` +
        `server RSS ${before} → peak ${peak} → ${rss()} MiB`,
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
  }, 60_000);

  it('turns uploads away with 503 and Retry-After when the decode queue is full, instead of holding them all', async () => {
    const user = await signedUpUser();
    const noise = await sharp(randomBytes(1200 * 1200 * 3), { raw: { width: 1200, height: 1200, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const answers = await Promise.all(Array.from({ length: 48 }, () => upload(user.token, noise)));
    const busy = answers.filter((answer) => answer.status === 503);
    console.log(`[figures] 48 concurrent uploads: ${answers.length - busy.length} × 200, ${busy.length} × 503`);
    for (const answer of answers) expect([200, 503]).toContain(answer.status);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expectContractError(answer, 503, 'unavailable');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 60_000);
});
