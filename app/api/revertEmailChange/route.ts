import { z } from 'zod';
import { revertEmailChange, revertEmailChangeMessage } from '@/lib/account/accounts';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { revertEmailChangeSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Undo an email change with the token mailed to the old address (valid 7 days, once): the old address is back, ' +
      'the new password is set, every session and device token ends, and revert links issued after this one die ' +
      '(older ones live on).',
    tag: 'Email',
    auth: 'none',
    body: revertEmailChangeSchema,
    success: { status: 200, description: 'Restored.', schema: z.object({ message: z.string(), email: z.string() }) },
    errors: ['invalid_token', 'email_taken'],
    handler: async ({ request, body }) =>
      mapResult(await revertEmailChange(body, requestClient(request)), ({ email }) => ({
        message: revertEmailChangeMessage(email),
        email,
      })),
  }),
});
