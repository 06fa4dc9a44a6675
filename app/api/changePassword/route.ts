import { changePassword } from '@/lib/account/accounts';
import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { changePasswordSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Change the password; every other session of the user ends.',
    tag: 'Accounts',
    auth: 'session',
    body: changePasswordSchema,
    success: { status: 200, description: 'Password changed.', schema: messageBody },
    errors: ['incorrect_password', 'rate_limited'],
    handler: async ({ request, session, body }) =>
      mapResult(await changePassword(session, body, requestClient(request)), () => ({
        message: 'Password changed. Your other sessions were signed out.',
      })),
  }),
});
