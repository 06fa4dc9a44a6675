import { z } from 'zod';
import { verifyCredentials } from '@/lib/accounts';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/result';
import { clientInfo } from '@/lib/session-cookie';
import { createSession } from '@/lib/sessions';
import { loginSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Log in with email (or username) and password; returns a session code.',
    tag: 'Sessions',
    auth: 'none',
    body: loginSchema,
    success: {
      status: 200,
      description: 'Logged in. Send the code as `Authorization: Bearer <code>`.',
      schema: z.object({
        message: z.string().describe('The session code (legacy field).'),
        sessionCode: z.string(),
        expiresAt: z.string().datetime(),
      }),
    },
    errors: ['invalid_credentials', 'rate_limited'],
    handler: async ({ request, body }) => {
      const result = await verifyCredentials(body);
      if (!result.ok) return result;
      const session = await createSession(result.value.id, clientInfo(request.headers));
      // `message` carries the code too: that is where the old clients read it.
      return ok({ message: session.code, sessionCode: session.code, expiresAt: session.expiresAt.toISOString() });
    },
  }),
});
