import { z } from 'zod';
import { verifyCredentials } from '@/lib/account/accounts';
import { apiSessionSchema, DEVICE_TOKEN_HEADER_DOC, startApiSession } from '@/lib/http/api-sign-in';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';
import { loginSchema } from '@/lib/validation/account';

const secondStepSchema = z.object({
  mfaRequired: z.literal(true),
  mfaToken: z.string().describe('Send it to POST /api/login/mfa with a code; single-use, lives 5 minutes.'),
  methods: z.array(z.enum(['totp', 'recovery', 'passkey'])).describe('The second factors this account has.'),
});

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Log in with email (or username) and password; returns a session code, or (two-step sign-in on) an mfaToken for POST /api/login/mfa.',
    tag: 'Sessions',
    auth: 'none',
    body: loginSchema,
    headers: { 'X-Device-Token': DEVICE_TOKEN_HEADER_DOC },
    success: {
      status: 200,
      description:
        'Logged in: send the code as `Authorization: Bearer <code>`; keep deviceToken for later logins. ' +
        'An account with two-step sign-in answers `mfaRequired` instead, with no session code.',
      schema: z.union([apiSessionSchema, secondStepSchema]),
    },
    // deletion_scheduled (403, with deletesAt and a cancelToken for POST /api/cancelDeletion) only after the right
    // password: a wrong one answers invalid_credentials as for any account.
    errors: ['invalid_credentials', 'rate_limited', 'deletion_scheduled'],
    handler: async ({ request, body }) => {
      const result = await verifyCredentials(body, requestClient(request));
      if (!result.ok) return result;
      const step = result.value;
      if (step.kind === 'second_step') {
        return ok({ mfaRequired: true as const, mfaToken: step.mfaToken, methods: step.methods });
      }
      return ok(await startApiSession(step.user.id, request));
    },
  }),
});
