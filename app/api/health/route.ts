import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { jsonResponse } from '@/lib/http/errors';
import { apiRoute, unavailableResponse } from '@/lib/http/route';
import { logError } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** Readiness: the database answers a trivial query within its read deadline (else 503 with Retry-After). */
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async () => {
    try {
      await db().execute(sql`SELECT 1`);
      return jsonResponse({ status: 'ok' });
    } catch (error) {
      logError('health check failed', error);
      return unavailableResponse();
    }
  },
});
