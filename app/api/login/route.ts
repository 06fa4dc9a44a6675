import { verifyCredentials } from '@/lib/accounts';
import { parseJsonBody } from '@/lib/http/body';
import { failureResponse, jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { issueDeviceToken } from '@/lib/device-token';
import { requestClient } from '@/lib/http/client';
import { clientInfo } from '@/lib/session-cookie';
import { createSession } from '@/lib/sessions';
import { loginSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const input = await parseJsonBody(request, loginSchema);
    const result = await verifyCredentials(input, requestClient(request));
    if (!result.ok) return failureResponse(result);
    const session = await createSession(result.value.id, clientInfo(request.headers));
    const device = await issueDeviceToken(result.value.id);
    // `message` carries the code too: that is where the old clients read it. `deviceToken` goes back in
    // X-Device-Token on later logins, so this client keeps its own allowance while strangers are paused.
    return jsonResponse({
      message: session.code,
      sessionCode: session.code,
      expiresAt: session.expiresAt.toISOString(),
      deviceToken: device.token,
    });
  },
});
