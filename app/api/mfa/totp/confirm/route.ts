import { confirmTotpEnrolment } from '@/lib/account/two-step';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { confirmTotpSchema, recoveryCodesBody } from '@/lib/validation/two-step';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Finish turning on two-step sign-in with a current code from the app; answers ten recovery codes.',
    tag: 'Accounts',
    auth: 'session',
    body: confirmTotpSchema,
    success: {
      status: 200,
      description: 'Two-step sign-in is on. The recovery codes are shown this once; each works once.',
      schema: recoveryCodesBody,
    },
    errors: ['incorrect_code', 'mfa_not_enabled', 'mfa_already_enabled', 'rate_limited'],
    handler: async ({ request, session, body }) => confirmTotpEnrolment(session, body, requestClient(request)),
  }),
});
