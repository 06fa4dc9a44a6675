import { authenticate } from '@/lib/http/auth';
import { errorResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { resolveSessionWithProfile } from '@/lib/sessions';

type Context = { params: Promise<{ userId: string }> };

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
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute<Context>({
  GET: async (request, { params }) => {
    const { userId } = await params;
    const revalidating = request.headers.get('if-none-match');
    const session = await authenticate(request, { stateChanging: false }, (code) =>
      resolveSessionWithProfile(code, revalidating ? 'hash' : 'bytes'),
    );
    const image = session.image;
    if (String(session.user.id) !== userId || !image) {
      return errorResponse('not_found', 'There is no profile image here.');
    }
    const etag = `"${image.hash}"`;
    const cacheControl = request.nextUrl.searchParams.get('v') === image.hash ? FOREVER : 'private, no-cache';
    const headers = { etag, 'cache-control': cacheControl, vary: 'Authorization, Cookie' };
    if (matches(revalidating, etag)) return new Response(null, { status: 304, headers });
    const bytes = image.bytes ?? (await resolveSessionWithProfile(session.code, 'bytes'))?.image?.bytes;
    if (!bytes) return errorResponse('not_found', 'There is no profile image here.');
    return new Response(new Uint8Array(bytes), {
      headers: { ...headers, 'content-type': image.type, 'content-length': String(bytes.length), 'content-disposition': 'inline' },
    });
  },
});
