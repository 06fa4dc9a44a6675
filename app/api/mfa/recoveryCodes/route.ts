import { regenerateRecoveryCodes } from '@/lib/account/two-step';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation, STEP_UP_ERRORS, STEP_UP_SUMMARY } from '@/lib/http/route';
import { recoveryCodesBody, totpChangeSchema } from '@/lib/validation/two-step';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Ten new recovery codes; the old ones stop working. Needs the password and a current code.' + STEP_UP_SUMMARY,
    tag: 'Accounts',
    auth: 'session',
    body: totpChangeSchema,
    success: { status: 200, description: 'The new codes, shown this once.', schema: recoveryCodesBody },
    errors: [...STEP_UP_ERRORS, 'mfa_not_enabled'],
    handler: async ({ request, session, body }) => regenerateRecoveryCodes(session, body, requestClient(request)),
  }),
});
