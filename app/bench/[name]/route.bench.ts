import { resolveSessionWithProfile } from '@/lib/account/session-profile';
import { config } from '@/lib/platform/config';

/*
 * The benchmark's framework references, built only into npm run bench's own build (BENCH_REFERENCES=1 in
 * next.config.mjs: the `.bench.ts` extension is a route there and nothing in `next build`): `empty` (the framework's
 * ceiling) and `one-query` (the app's own one-round-trip read of GET /api/getProfile, lib/account/session-profile.ts,
 * without the API's adapter: what the adapter costs). Served only when the server runs with PROFILE_HUB_BENCH=1;
 * otherwise a plain 404. Outside /api: not part of the API.
 */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  if (!config().benchRoutes || (name !== 'empty' && name !== 'one-query')) {
    return new Response('Not found', { status: 404 });
  }
  if (name === 'empty') return Response.json({ ok: true });
  const code = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '').trim();
  const read = await resolveSessionWithProfile(code, 'bytes');
  return read
    ? Response.json(read.profile)
    : Response.json({ error: 'Sign in first.', code: 'unauthenticated' }, { status: 401 });
}
