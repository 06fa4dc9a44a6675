import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { RESET_PASSWORD_DONE, resetPassword } from '@/lib/email/password-reset';
import { mapResult } from '@/lib/platform/result';
import { resetPasswordSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Set a new password with the token from a reset link; every session and device token of the user ends, and ' +
      'outstanding verification and email-change links die.',
    tag: 'Email',
    auth: 'none',
    body: resetPasswordSchema,
    success: { status: 200, description: 'Password set.', schema: messageBody },
    errors: ['invalid_token'],
    handler: async ({ request, body }) =>
      mapResult(await resetPassword(body, requestClient(request)), () => ({ message: RESET_PASSWORD_DONE })),
  }),
});
