import { z } from 'zod';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';
import { listSessions, otherSessionsRevokedMessage, revokeOtherSessionsOnRequest } from '@/lib/auth/sessions';

const sessionSummary = z.object({
  id: z.string().describe('Public id of the session; not the session code.'),
  createdAt: z.string().datetime(),
  lastSeenAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  userAgent: z.string(),
  ip: z.string(),
  current: z.boolean(),
});

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: "The signed-in user's active sessions.",
    tag: 'Sessions',
    auth: 'session',
    success: {
      status: 200,
      description: 'Sessions, this one first.',
      schema: z.object({ sessions: z.array(sessionSummary) }),
    },
    handler: async ({ session }) => {
      const sessions = (await listSessions(session)).map((summary) => ({
        ...summary,
        createdAt: summary.createdAt.toISOString(),
        lastSeenAt: summary.lastSeenAt.toISOString(),
        expiresAt: summary.expiresAt.toISOString(),
      }));
      return ok({ sessions });
    },
  }),
  DELETE: operation({
    summary: 'End every session of the user but this one.',
    tag: 'Sessions',
    auth: 'session',
    success: {
      status: 200,
      description: 'Other sessions ended.',
      schema: z.object({ message: z.string(), revoked: z.number().int() }),
    },
    handler: async ({ request, session }) => {
      const revoked = await revokeOtherSessionsOnRequest(session, requestClient(request));
      return ok({ message: otherSessionsRevokedMessage(revoked), revoked });
    },
  }),
});
