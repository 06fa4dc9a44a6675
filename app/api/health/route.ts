import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { errorResponse } from '@/lib/http/responses';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/result';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'Liveness: 200 when the database answers, else 503.',
    tag: 'Service',
    auth: 'none',
    unlimited: true,
    success: { status: 200, description: 'Healthy.', schema: z.object({ status: z.literal('ok') }) },
    handler: async () => {
      try {
        await db().execute(sql`SELECT 1`);
        return ok({ status: 'ok' as const });
      } catch {
        return errorResponse('unavailable', 'The database is not answering.', { headers: { 'retry-after': '5' } });
      }
    },
  }),
});
