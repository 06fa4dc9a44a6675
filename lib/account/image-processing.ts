import 'server-only';
import pLimit from 'p-limit';
import sharp from 'sharp';
import type { DecodedImage, ImageType } from '../validation/images';

/** Decompression bombs are refused from the header, before any pixel is decoded (5000 × 5000). */
export const MAX_INPUT_PIXELS = 25_000_000;
/** What is stored and served: at most this on each side, never enlarged. */
export const MAX_OUTPUT_SIDE = 1024;
/** Decodes at once per process; the rest wait their turn, so uploads cannot exhaust memory. */
const MAX_CONCURRENT_DECODES = 2;

// One libvips thread per image and no operation cache: memory stays proportional to the decodes running.
sharp.concurrency(1);
sharp.cache(false);

/** Uploads that may wait for a slot; past this one is turned away (503) rather than held in memory. */
const MAX_WAITING_DECODES = 16;
/** What a turned-away upload is told to wait, in seconds. */
export const DECODE_BUSY_RETRY_AFTER_SECONDS = 2;

const withDecodeSlot = pLimit(MAX_CONCURRENT_DECODES);

const FORMAT_OF: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export type ImageProcessing = { ok: true; image: DecodedImage } | { ok: false; message: string; busy?: true };

/**
 * Every upload is decoded and encoded afresh: what is stored holds pixels
 * only (no EXIF, GPS, ICC or text chunks — sharp keeps none unless asked),
 * turned upright by its EXIF orientation first, at most 1024 × 1024. A GIF
 * keeps its first frame, as a PNG. Bytes the decoder does not take as the
 * format they claim to be are refused.
 */
export async function reencodeImage(input: DecodedImage): Promise<ImageProcessing> {
  if (withDecodeSlot.pendingCount >= MAX_WAITING_DECODES) {
    return { ok: false, busy: true, message: 'Many images are being processed right now. Try again in a moment.' };
  }
  return withDecodeSlot(async () => {
    const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', pages: 1, sequentialRead: true } as const;
    try {
      const metadata = await sharp(input.bytes, options).metadata();
      if (metadata.format !== FORMAT_OF[input.type])
        return { ok: false, message: 'Upload a complete PNG, JPEG, GIF or WebP image.' };
      if ((metadata.width ?? 0) * (metadata.pageHeight ?? metadata.height ?? 0) > MAX_INPUT_PIXELS) {
        return { ok: false, message: 'The image has too many pixels: at most 25 megapixels.' };
      }
      const pipeline = sharp(input.bytes, options)
        .rotate()
        .resize(MAX_OUTPUT_SIDE, MAX_OUTPUT_SIDE, { fit: 'inside', withoutEnlargement: true });
      const [bytes, type]: [Buffer, ImageType] =
        input.type === 'image/jpeg'
          ? [await pipeline.jpeg({ quality: 85 }).toBuffer(), 'image/jpeg']
          : input.type === 'image/webp'
            ? [await pipeline.webp({ quality: 85 }).toBuffer(), 'image/webp']
            : [await pipeline.png({ compressionLevel: 6 }).toBuffer(), 'image/png'];
      return { ok: true, image: { bytes: new Uint8Array(bytes), type } };
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (/pixel limit/i.test(message))
        return { ok: false, message: 'The image has too many pixels: at most 25 megapixels.' };
      return { ok: false, message: 'The image could not be read. Upload a complete PNG, JPEG, GIF or WebP image.' };
    }
  });
}
