import { regenerateRecoveryCodes } from '@/lib/account/two-step';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { recoveryCodesBody, totpChangeSchema } from '@/lib/validation/two-step';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Ten new recovery codes; the old ones stop working. Needs the password and a current code.',
    tag: 'Accounts',
    auth: 'session',
    body: totpChangeSchema,
    success: { status: 200, description: 'The new codes, shown this once.', schema: recoveryCodesBody },
    errors: ['incorrect_password', 'incorrect_code', 'mfa_not_enabled', 'rate_limited'],
    handler: async ({ request, session, body }) => regenerateRecoveryCodes(session, body, requestClient(request)),
  }),
});
