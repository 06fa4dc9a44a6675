import { completeSecondStep } from '@/lib/account/two-step';
import { apiSessionSchema, DEVICE_TOKEN_HEADER_DOC, startApiSession } from '@/lib/http/api-sign-in';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';
import { loginMfaSchema } from '@/lib/validation/two-step';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Second step of a log-in with two-step sign-in: the mfaToken from POST /api/login and a code from the app (or a recovery code).',
    tag: 'Sessions',
    auth: 'none',
    body: loginMfaSchema,
    headers: { 'X-Device-Token': DEVICE_TOKEN_HEADER_DOC },
    success: {
      status: 200,
      description:
        'Logged in, as POST /api/login answers an account without two-step sign-in. A wrong or already used code is ' +
        '401 `invalid_code` (counted like a wrong password; the mfaToken stays valid); an unknown, used or expired ' +
        'mfaToken is 401 `invalid_credentials` (log in again).',
      schema: apiSessionSchema,
    },
    errors: ['invalid_code', 'invalid_credentials', 'rate_limited'],
    handler: async ({ request, body }) => {
      const result = await completeSecondStep(body, requestClient(request));
      if (!result.ok) return result;
      return ok(await startApiSession(result.value.id, request));
    },
  }),
});
