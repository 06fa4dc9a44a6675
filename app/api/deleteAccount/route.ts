import { deleteAccount } from '@/lib/account/accounts';
import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { deleteAccountSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  DELETE: operation({
    summary: 'Delete the account with its profile, links and sessions.',
    tag: 'Accounts',
    auth: 'session',
    body: deleteAccountSchema,
    success: { status: 200, description: 'Deleted.', schema: messageBody },
    errors: ['incorrect_password', 'rate_limited'],
    handler: async ({ request, session, body }) =>
      mapResult(await deleteAccount(session, body, requestClient(request)), () => ({
        message: 'Your account and everything tied to it were deleted.',
      })),
  }),
});
