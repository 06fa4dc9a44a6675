import { messageBody } from '@/lib/http/bodies';
import { apiRoute, operation } from '@/lib/http/route';
import { RESET_PASSWORD_DONE, resetPassword } from '@/lib/email/password-reset';
import { mapResult } from '@/lib/platform/result';
import { resetPasswordSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Set a new password with the token from a reset link; every session of the user ends.',
    tag: 'Email',
    auth: 'none',
    body: resetPasswordSchema,
    success: { status: 200, description: 'Password set.', schema: messageBody },
    errors: ['invalid_token'],
    handler: async ({ body }) => mapResult(await resetPassword(body), () => ({ message: RESET_PASSWORD_DONE })),
  }),
});
