import { z } from 'zod';
import { changeUsername } from '@/lib/account/accounts';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { changeUsernameSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Change the username.',
    tag: 'Accounts',
    auth: 'session',
    body: changeUsernameSchema,
    success: {
      status: 200,
      description: 'Username changed.',
      schema: z.object({ message: z.string(), username: z.string() }),
    },
    errors: ['username_taken'],
    handler: async ({ request, session, body }) =>
      mapResult(await changeUsername(session, body, requestClient(request)), ({ username }) => ({
        message: 'Username changed.',
        username,
      })),
  }),
});
