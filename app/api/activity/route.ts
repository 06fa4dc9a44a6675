import { z } from 'zod';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';
import { SECURITY_EVENT_TYPES } from '@/lib/security/event-types';
import { listEvents } from '@/lib/security/events';
import { activityQuerySchema } from '@/lib/validation/account';

const securityEvent = z.object({
  id: z.number().int(),
  type: z.enum(SECURITY_EVENT_TYPES),
  at: z.string().datetime(),
  ip: z.string().describe('The client address as resolved by the server ("" when unknown).'),
  userAgent: z.string(),
});

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: "The signed-in user's own security events, newest first, 20 a page (kept 90 days by default).",
    tag: 'Sessions',
    auth: 'session',
    query: activityQuerySchema,
    success: {
      status: 200,
      description: 'One page; pass `next` as `before` for the following one (null on the last page).',
      schema: z.object({ events: z.array(securityEvent), next: z.string().nullable() }),
    },
    handler: async ({ session, query }) => {
      const page = await listEvents(session.user.id, query.before ?? null);
      const events = page.events.map((event) => ({ ...event, at: event.at.toISOString() }));
      return ok({ events, next: page.next === null ? null : String(page.next) });
    },
  }),
});
