import { cancelDeletion, DELETION_CANCELLED_MESSAGE } from '@/lib/account/deletion';
import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { cancelDeletionSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Cancel a scheduled account deletion with the token of the mailed link, or the cancelToken a log-in answered with.',
    tag: 'Accounts',
    auth: 'none',
    body: cancelDeletionSchema,
    success: { status: 200, description: 'The account is as it was; its sessions stay ended.', schema: messageBody },
    errors: ['invalid_token'],
    handler: async ({ request, body }) =>
      mapResult(await cancelDeletion(body, requestClient(request)), () => ({ message: DELETION_CANCELLED_MESSAGE })),
  }),
});
