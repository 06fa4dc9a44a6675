import { z } from 'zod';
import { verifyCredentials } from '@/lib/account/accounts';
import { issueDeviceToken } from '@/lib/auth/device-token';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';
import { clientInfo } from '@/lib/http/session-cookie';
import { createSession } from '@/lib/auth/sessions';
import { loginSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Log in with email (or username) and password; returns a session code.',
    tag: 'Sessions',
    auth: 'none',
    body: loginSchema,
    headers: {
      'X-Device-Token':
        'The deviceToken of an earlier successful login to this account. Its holder keeps its own allowance of ' +
        'failed attempts, so failures by others (which pause the account from the 5th, for 1 s doubling to 15 min) ' +
        'never lock it out. Browsers hold it in an httpOnly cookie instead.',
    },
    success: {
      status: 200,
      description: 'Logged in. Send the code as `Authorization: Bearer <code>`; keep deviceToken for later logins.',
      schema: z.object({
        message: z.string().describe('The session code (legacy field).'),
        sessionCode: z.string(),
        expiresAt: z.string().datetime(),
        deviceToken: z.string().describe('Send it back as X-Device-Token when logging in to this account again.'),
      }),
    },
    // deletion_scheduled (403, with deletesAt and a cancelToken for POST /api/cancelDeletion) only after the right
    // password: a wrong one answers invalid_credentials as for any account.
    errors: ['invalid_credentials', 'rate_limited', 'deletion_scheduled'],
    handler: async ({ request, body }) => {
      const result = await verifyCredentials(body, requestClient(request));
      if (!result.ok) return result;
      const session = await createSession(result.value.id, clientInfo(request.headers));
      const device = await issueDeviceToken(result.value.id);
      // `message` carries the code too: that is where the old clients read it.
      return ok({
        message: session.code,
        sessionCode: session.code,
        expiresAt: session.expiresAt.toISOString(),
        deviceToken: device.token,
      });
    },
  }),
});
