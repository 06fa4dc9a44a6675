import { z } from 'zod';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { revokeOwnSession } from '@/lib/auth/sessions';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  DELETE: operation({
    summary: "End one of the user's own sessions (this one included: that is logging out).",
    tag: 'Sessions',
    auth: 'session',
    params: z.object({ id: z.string().describe('The session id from GET /api/sessions.') }),
    success: {
      status: 200,
      description: 'Session ended.',
      schema: z.object({ message: z.string(), current: z.boolean().describe('True when it was the calling session.') }),
    },
    errors: ['not_found'],
    handler: async ({ request, session, params }) =>
      mapResult(await revokeOwnSession(session, params.id, requestClient(request)), ({ current }) => ({
        message: 'Session revoked.',
        current,
      })),
  }),
});
