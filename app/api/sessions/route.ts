import { z } from 'zod';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';
import {
  listSessions,
  MAX_SESSIONS_PER_ACCOUNT,
  otherSessionsRevokedMessage,
  revokeOtherSessionsOnRequest,
} from '@/lib/auth/sessions';

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
    summary: "The signed-in user's active sessions, a page at a time (at most 100 per account).",
    tag: 'Sessions',
    auth: 'session',
    query: z.object({
      after: z.coerce
        .number()
        .int()
        .min(0)
        .max(MAX_SESSIONS_PER_ACCOUNT)
        .optional()
        .describe("The previous page's `next`: how many sessions were already listed."),
    }),
    success: {
      status: 200,
      description: 'Sessions, this one first, then the most recently used; `next` is null on the last page.',
      schema: z.object({ sessions: z.array(sessionSummary), next: z.number().int().nullable() }),
    },
    handler: async ({ session, query }) => {
      const page = await listSessions(session, query.after ?? 0);
      const sessions = page.sessions.map((summary) => ({
        ...summary,
        createdAt: summary.createdAt.toISOString(),
        lastSeenAt: summary.lastSeenAt.toISOString(),
        expiresAt: summary.expiresAt.toISOString(),
      }));
      return ok({ sessions, next: page.next });
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
