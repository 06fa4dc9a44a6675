import { authenticate } from '@/lib/http/auth';
import { jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { isSecureRequest, sessionCookieName } from '@/lib/session-cookie';
import { endSession } from '@/lib/sessions';
import { requestClient } from '@/lib/http/client';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    await endSession(session, requestClient(request));
    const response = jsonResponse({ message: 'Logged out.' });
    const secure = isSecureRequest(request.headers);
    response.headers.append(
      'set-cookie',
      `${sessionCookieName(secure)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
    );
    return response;
  },
});
