import { codeFrom, oneQueryRead } from '@/bench/one-query-read';
import { pool } from '@/db/client';
import { config } from '@/lib/platform/config';

/*
 * The benchmark's framework references, in the same build as the app: `empty`
 * (the framework's ceiling) and `one-query` (the floor's one statement inside a
 * Next route). Served only when the server runs with PROFILE_HUB_BENCH=1 (npm run
 * bench); otherwise a plain 404. Outside /api: not part of the API.
 */
let read: ReturnType<typeof oneQueryRead> | undefined;

export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  if (!config().benchRoutes || (name !== 'empty' && name !== 'one-query')) {
    return new Response('Not found', { status: 404 });
  }
  if (name === 'empty') return Response.json({ ok: true });
  read ??= oneQueryRead(pool(), config().jwtSecret);
  const profile = await read(codeFrom(request.headers.get('authorization')));
  return profile
    ? Response.json(profile)
    : Response.json({ error: 'Sign in first.', code: 'unauthenticated' }, { status: 401 });
}
