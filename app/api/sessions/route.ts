import { authenticate } from '@/lib/http/auth';
import { jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { requestClient } from '@/lib/http/client';
import { listSessions, revokeOtherSessionsOnRequest } from '@/lib/sessions';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    const session = await authenticate(request, { stateChanging: false });
    const sessions = await listSessions(session.user.id, session.sessionId);
    return jsonResponse({ sessions });
  },
  DELETE: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    const revoked = await revokeOtherSessionsOnRequest(session.user.id, session.sessionId, requestClient(request));
    return jsonResponse({ message: `Signed out ${revoked} other session${revoked === 1 ? '' : 's'}.`, revoked });
  },
});
