import { z } from 'zod';
import { errorResponse } from '@/lib/http/responses';
import { apiRoute, operation } from '@/lib/http/route';
import { resolveSessionWithProfile, type SessionWithProfile } from '@/lib/account/session-profile';

const FOREVER = 'private, max-age=31536000, immutable';

function matches(ifNoneMatch: string | null, etag: string): boolean {
  return (ifNoneMatch ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * A profile image by URL, for the owner only (their cookie or header, like
 * getProfile): the URL's `v` is the content hash, so a page links to it and the
 * browser keeps it for good; a new image is a new URL. `private`: no shared cache
 * holds it. The session check runs on every request, 304s included, so a
 * revoked session gets nothing.
 */
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: "The owner's profile image by URL (pages link to it); only the owner gets it. 304 on If-None-Match.",
    tag: 'Profile',
    auth: 'session',
    params: z.object({ userId: z.string().describe("The owner's user id.") }),
    query: z.object({
      v: z
        .string()
        .optional()
        .describe('The content hash the page linked; when it matches, the image may be cached for good.'),
    }),
    success: { status: 200, description: 'The image bytes, with ETag and Cache-Control.', mediaType: 'image/*' },
    errors: ['not_found'],
    // Session and image in one round trip; a revalidation needs only the hash.
    resolveSession: (code, request) =>
      resolveSessionWithProfile(code, request.headers.get('if-none-match') ? 'hash' : 'bytes'),
    handler: async ({ request, session, params, query }) => {
      const { image, user, code } = session as unknown as SessionWithProfile<'bytes'> & { code: string };
      if (String(user.id) !== params.userId || !image) {
        return errorResponse('not_found', 'There is no profile image here.');
      }
      const etag = `"${image.hash}"`;
      const headers = {
        etag,
        'cache-control': query.v === image.hash ? FOREVER : 'private, no-cache',
        vary: 'Authorization, Cookie',
      };
      if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
      const bytes = image.bytes ?? (await resolveSessionWithProfile(code, 'bytes'))?.image?.bytes;
      if (!bytes) return errorResponse('not_found', 'There is no profile image here.');
      return new Response(new Uint8Array(bytes), {
        headers: {
          ...headers,
          'content-type': image.type,
          'content-length': String(bytes.length),
          'content-disposition': 'inline',
        },
      });
    },
  }),
});
