import { describe, expect, it } from 'vitest';
import { checkImagePayload, MAX_IMAGE_BYTES, sniffImageType } from '@/lib/validation/images';
import { gif, jpeg, png, webp } from '../support/images';

const bytes = (buffer: Buffer) => new Uint8Array(buffer);

describe('sniffImageType', () => {
  it.each([
    ['image/png', png()],
    ['image/jpeg', jpeg()],
    ['image/gif', gif()],
    ['image/webp', webp()],
  ])('names a whole %s by its bytes', (type, file) => {
    expect(sniffImageType(bytes(file))).toBe(type);
  });

  it.each([
    ['PNG', png()],
    ['JPEG', jpeg()],
    ['GIF', gif()],
    ['WebP', webp()],
  ])('refuses a truncated %s', (_format, file) => {
    expect(sniffImageType(bytes(file.subarray(0, file.length - 1)))).toBeNull();
  });

  it('refuses a WebP whose RIFF length does not match', () => {
    const file = webp();
    file.writeUInt32LE(file.readUInt32LE(4) + 2, 4);
    expect(sniffImageType(bytes(file))).toBeNull();
  });

  it('refuses a GIF of an unknown version', () => {
    const file = gif();
    file[4] = 0x38; // "GIF88a"
    expect(sniffImageType(bytes(file))).toBeNull();
  });

  it.each([
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['HTML', Buffer.from('<!doctype html><html><body>hello</body></html>')],
    ['fewer than 16 bytes', png().subarray(0, 15)],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_label, file) => {
    expect(sniffImageType(bytes(file))).toBeNull();
  });
});

describe('checkImagePayload', () => {
  it('treats "" as clearing the image', () => {
    expect(checkImagePayload('')).toEqual({ ok: true, image: null });
  });

  it('accepts plain base64 and returns the decoded bytes', () => {
    const file = png();
    const check = checkImagePayload(file.toString('base64'));
    expect(check).toEqual({ ok: true, image: { type: 'image/png', bytes: bytes(file) } });
  });

  it('accepts a data: URL, whatever type it claims, and trusts only the bytes', () => {
    const check = checkImagePayload(`data:image/png;base64,${jpeg().toString('base64')}`);
    expect(check.ok && check.image?.type).toBe('image/jpeg');
  });

  it('accepts base64 broken over lines', () => {
    const wrapped = gif()
      .toString('base64')
      .replace(/(.{20})/g, '$1\r\n');
    expect(checkImagePayload(wrapped)).toMatchObject({ ok: true, image: { type: 'image/gif' } });
  });

  it.each([
    ['not base64 at all', 'not base64!'],
    ['base64 of the wrong length', 'abc'],
    ['padding in the middle', 'ab==cd=='],
  ])('refuses %s as not valid base64', (_label, payload) => {
    expect(checkImagePayload(payload)).toEqual({ ok: false, message: 'The image is not valid base64.' });
  });

  it('refuses valid base64 that is not an image', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>').toString('base64');
    expect(checkImagePayload(`data:image/svg+xml;base64,${svg}`)).toEqual({
      ok: false,
      message: 'Upload a complete PNG, JPEG, GIF or WebP image.',
    });
  });

  it('accepts an image of exactly 2 MiB', () => {
    const file = paddedPng(MAX_IMAGE_BYTES);
    expect(file.length).toBe(MAX_IMAGE_BYTES);
    expect(checkImagePayload(file.toString('base64'))).toMatchObject({ ok: true, image: { type: 'image/png' } });
  });

  it('refuses an image one byte over 2 MiB', () => {
    const file = paddedPng(MAX_IMAGE_BYTES + 1);
    expect(checkImagePayload(file.toString('base64'))).toEqual({
      ok: false,
      message: 'The image is larger than 2 MiB.',
    });
  });

  it('refuses a payload far over the limit before decoding it', () => {
    const payload = 'A'.repeat(4 * Math.ceil((MAX_IMAGE_BYTES * 2) / 3));
    expect(checkImagePayload(payload)).toEqual({ ok: false, message: 'The image is larger than 2 MiB.' });
  });
});

/** A PNG grown to `size` bytes with an ancillary chunk, still a whole file ending in IEND. */
function paddedPng(size: number): Buffer {
  const file = png();
  const iend = file.subarray(file.length - 12);
  const padding = size - file.length - 12; // chunk length + type + CRC
  const chunk = Buffer.alloc(12 + padding);
  chunk.writeUInt32BE(padding, 0);
  chunk.write('teXt', 4, 'ascii');
  return Buffer.concat([file.subarray(0, file.length - 12), chunk, iend]);
}
