import { messageBody } from '@/lib/http/bodies';
import { jsonResponse } from '@/lib/http/responses';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { clearSessionCookie, isSecureRequest } from '@/lib/http/session-cookie';
import { endSession } from '@/lib/auth/sessions';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: "End this session (and clear the browser's session cookie).",
    tag: 'Sessions',
    auth: 'session',
    success: { status: 200, description: 'Logged out.', schema: messageBody },
    handler: async ({ request, session }) => {
      await endSession(session, requestClient(request));
      const response = jsonResponse({ message: 'Logged out.' });
      clearSessionCookie(response.cookies, isSecureRequest(request.headers));
      return response;
    },
  }),
});
