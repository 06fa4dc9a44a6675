import { z } from 'zod';
import { changeEmail } from '@/lib/account/accounts';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { changeEmailSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Change the email address.',
    tag: 'Accounts',
    auth: 'session',
    body: changeEmailSchema,
    success: {
      status: 200,
      description: 'Email changed.',
      schema: z.object({ message: z.string(), email: z.string() }),
    },
    errors: ['incorrect_password', 'email_taken'],
    handler: async ({ request, session, body }) =>
      mapResult(await changeEmail(session, body, requestClient(request)), ({ email }) => ({
        message: 'Email changed.',
        email,
      })),
  }),
});
