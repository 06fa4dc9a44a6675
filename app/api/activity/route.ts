import { authenticate } from '@/lib/http/auth';
import { parseWith } from '@/lib/http/body';
import { jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { listEvents } from '@/lib/security-events';
import { activityQuerySchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    const session = await authenticate(request, { stateChanging: false });
    const { before } = await parseWith(activityQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const page = await listEvents(session.user.id, before ?? null);
    return jsonResponse({ events: page.events, next: page.next === null ? null : String(page.next) });
  },
});
