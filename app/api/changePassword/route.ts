import { changePassword } from '@/lib/account/accounts';
import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation, STEP_UP_ERRORS, STEP_UP_SUMMARY } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { changePasswordSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Change the password; every other session of the user ends.' + STEP_UP_SUMMARY,
    tag: 'Accounts',
    auth: 'session',
    body: changePasswordSchema,
    success: { status: 200, description: 'Password changed.', schema: messageBody },
    errors: STEP_UP_ERRORS,
    handler: async ({ request, session, body }) =>
      mapResult(await changePassword(session, body, requestClient(request)), () => ({
        message: 'Password changed. Your other sessions were signed out.',
      })),
  }),
});
