import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { apiRoute, operation, unavailableResponse } from '@/lib/http/route';
import { logError } from '@/lib/platform/log';
import { ok } from '@/lib/platform/result';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'Readiness: 200 when the database answers within its deadline, else 503 with Retry-After.',
    tag: 'Service',
    auth: 'none',
    unlimited: true,
    success: { status: 200, description: 'Ready.', schema: z.object({ status: z.literal('ok') }) },
    errors: ['unavailable'],
    handler: async () => {
      try {
        await db().execute(sql`SELECT 1`);
        return ok({ status: 'ok' as const });
      } catch (error) {
        logError('health check failed', error);
        return unavailableResponse();
      }
    },
  }),
});
