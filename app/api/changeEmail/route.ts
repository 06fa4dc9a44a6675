import { z } from 'zod';
import { cancelEmailChange, changeEmail, changeEmailMessage, EMAIL_CHANGE_CANCELLED } from '@/lib/account/accounts';
import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation, STEP_UP_ERRORS, STEP_UP_SUMMARY } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { changeEmailSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Ask to change the email address: a confirmation link (24 hours, once) goes to the new address, and the ' +
      'current one hears of it with a link to stop it. Nothing changes until the new address confirms.' +
      STEP_UP_SUMMARY,
    tag: 'Accounts',
    auth: 'session',
    body: changeEmailSchema,
    success: {
      status: 200,
      description: 'Confirmation mailed; the account still uses `email`.',
      schema: z.object({
        message: z.string(),
        email: z.string().describe('The current address: still the one to sign in with.'),
        pendingEmail: z.string().nullable().describe('The address waiting for its confirmation (null: none).'),
      }),
    },
    errors: [...STEP_UP_ERRORS, 'email_taken', 'unavailable'],
    handler: async ({ request, session, body }) =>
      mapResult(await changeEmail(session, body, requestClient(request)), (result) => ({
        message: changeEmailMessage(result),
        ...result,
      })),
  }),
  DELETE: operation({
    summary: 'Cancel the pending email change; its confirmation link dies.',
    tag: 'Accounts',
    auth: 'session',
    success: { status: 200, description: 'Nothing is pending any more.', schema: messageBody },
    handler: async ({ request, session }) =>
      mapResult(await cancelEmailChange(session, requestClient(request)), () => ({ message: EMAIL_CHANGE_CANCELLED })),
  }),
});
