import { z } from 'zod';
import { confirmEmailChange, confirmEmailChangeMessage } from '@/lib/account/accounts';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { linkTokenSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Confirm an email change with the token mailed to the new address (valid 24 hours, once): the account moves ' +
      'to it, and the old address gets a 7-day link that undoes the change.',
    tag: 'Email',
    auth: 'none',
    body: linkTokenSchema,
    success: { status: 200, description: 'Changed.', schema: z.object({ message: z.string(), email: z.string() }) },
    errors: ['invalid_token', 'email_taken'],
    handler: async ({ request, body }) =>
      mapResult(await confirmEmailChange(body.token, requestClient(request)), ({ email }) => ({
        message: confirmEmailChangeMessage(email),
        email,
      })),
  }),
});
