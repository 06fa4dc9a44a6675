import { authenticate } from '@/lib/http/auth';
import { errorResponse, jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { requestClient } from '@/lib/http/client';
import { revokeUserSession } from '@/lib/sessions';

type Context = { params: Promise<{ id: string }> };

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute<Context>({
  DELETE: async (request, { params }) => {
    const session = await authenticate(request, { stateChanging: true });
    const { id } = await params;
    if (!(await revokeUserSession(session.user.id, id, requestClient(request)))) {
      return errorResponse('not_found', 'You have no session with this id.');
    }
    return jsonResponse({ message: 'Session revoked.', current: id === session.sessionId });
  },
});
