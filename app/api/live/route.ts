import { z } from 'zod';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    // No database: an outage must not get healthy processes restarted by their supervisor.
    summary: 'Liveness: 200 while the process runs; touches no database.',
    tag: 'Service',
    auth: 'none',
    unlimited: true,
    success: { status: 200, description: 'Alive.', schema: z.object({ status: z.literal('ok') }) },
    handler: async () => ok({ status: 'ok' as const }),
  }),
});
