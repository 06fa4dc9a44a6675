import { z } from 'zod';
import { deleteAccount, deletionDate } from '@/lib/account/deletion';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation, STEP_UP_ERRORS, STEP_UP_SUMMARY } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { deleteAccountSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  DELETE: operation({
    summary:
      'Delete the account: every session ends now; the account and everything tied to it are removed at deletesAt ' +
      '(ACCOUNT_DELETION_GRACE_DAYS later, default 7) unless the owner cancels (POST /api/cancelDeletion).' +
      STEP_UP_SUMMARY,
    tag: 'Accounts',
    auth: 'session',
    body: deleteAccountSchema,
    success: {
      status: 200,
      description: 'Scheduled (or, with a grace period of 0, deleted: deletesAt is now).',
      schema: z.object({ message: z.string(), deletesAt: z.string().datetime() }),
    },
    errors: STEP_UP_ERRORS,
    handler: async ({ request, session, body }) =>
      mapResult(await deleteAccount(session, body, requestClient(request)), ({ deletesAt, deleted }) => ({
        message: deleted
          ? 'Your account and everything tied to it were deleted.'
          : `Your account will be deleted with everything tied to it on ${deletionDate(deletesAt)}. Until then, a log-in or the mailed link can cancel it.`,
        deletesAt: deletesAt.toISOString(),
      })),
  }),
});
