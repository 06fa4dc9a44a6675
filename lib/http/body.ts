import type { z } from 'zod';
import { fieldErrors } from '@/lib/validation/field-errors';
import { HttpError } from './responses';

/** A route that takes an upload (a base64 image of at most 2 MiB) reads up to this; it is authenticated first. */
export const UPLOAD_BODY_BYTES = 4 * 1024 * 1024;
/** Every other JSON body: no field of the contract comes near it, so strangers cannot make the server hold more. */
export const SMALL_BODY_BYTES = 64 * 1024;
// Past the limit a streamed body is read on (and dropped, never kept) up to here, so the client
// gets its 413 rather than a broken pipe; beyond it the connection is closed.
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

function tooLarge(limit: number, closeConnection = false) {
  const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit / 1024} KiB`;
  return new HttpError('payload_too_large', `The request body is larger than ${size}.`, {
    headers: closeConnection ? { connection: 'close' } : {},
  });
}

/**
 * Reads at most `limit` bytes: a declared larger length is refused before a byte is read
 * (and the connection closed, so the rest is never read), a lying one is cut off mid-stream.
 */
async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit, declared > MAX_DRAIN_BYTES);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      if (size > limit) throw tooLarge(limit);
      break;
    }
    size += value.byteLength;
    if (size > MAX_DRAIN_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit, true);
    }
    if (size > limit) {
      chunks.length = 0;
      continue;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/** Content type → size → JSON object → the shared zod schema; each failure is its contract error. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = SMALL_BODY_BYTES,
): Promise<z.output<S>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await readLimited(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError('invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError('invalid_json', 'The request body must be a JSON object.');
  }
  return parseWith(schema, value);
}

export async function parseWith<S extends z.ZodType>(schema: S, value: unknown): Promise<z.output<S>> {
  const parsed = await schema.safeParseAsync(value);
  if (!parsed.success) {
    throw new HttpError('validation_failed', 'Some fields need attention.', { fields: fieldErrors(parsed.error) });
  }
  return parsed.data;
}
