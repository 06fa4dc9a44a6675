import { jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers; touches no database, so an outage does not get healthy processes restarted. */
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async () => jsonResponse({ status: 'ok' }),
});
