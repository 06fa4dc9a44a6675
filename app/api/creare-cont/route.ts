import { z } from 'zod';
import { createAccount } from '@/lib/account/accounts';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { signUpSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Create an account (user, empty profile card and empty social links, together and once).',
    tag: 'Accounts',
    auth: 'none',
    body: signUpSchema,
    success: {
      status: 201,
      description: 'Account created.',
      schema: z.object({ message: z.string(), username: z.string(), email: z.string() }),
    },
    errors: ['email_taken', 'username_taken', 'rate_limited'],
    handler: async ({ request, body }) =>
      mapResult(await createAccount(body, requestClient(request)), (user) => ({
        message: 'Account created.',
        username: user.username,
        email: user.email,
      })),
  }),
});
