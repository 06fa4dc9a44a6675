import { z } from 'zod';
import { createAccount } from '@/lib/account/accounts';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { signUpSchema } from '@/lib/validation/account';
import { SIGN_UP_MAIL_HELD_MESSAGE } from '@/lib/email/verification';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Create an account (user, empty profile card and empty social links, together and once).',
    tag: 'Accounts',
    auth: 'none',
    body: signUpSchema,
    success: {
      status: 201,
      description:
        'Account created. Past the per-address mail limit (RATE_LIMIT_MAIL_PER_HOUR) it is created all the same, ' +
        'without a verification mail, and `message` says so: ask for a link later with POST /api/resendVerification.',
      schema: z.object({ message: z.string(), username: z.string(), email: z.string() }),
    },
    errors: ['email_taken', 'username_taken', 'rate_limited'],
    handler: async ({ request, body }) =>
      mapResult(await createAccount(body, requestClient(request)), (user) => ({
        message: user.verificationMailHeld ? SIGN_UP_MAIL_HELD_MESSAGE : 'Account created.',
        username: user.username,
        email: user.email,
      })),
  }),
});
