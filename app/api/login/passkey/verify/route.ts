import { verifyPasskeyLogin } from '@/lib/account/passkeys';
import { apiSessionSchema, DEVICE_TOKEN_HEADER_DOC, startApiSession } from '@/lib/http/api-sign-in';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';
import { passkeyLoginVerifySchema } from '@/lib/validation/passkeys';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Finish a passkey log-in with the credential from navigator.credentials.get (and the mfaToken when it is the second step).',
    tag: 'Sessions',
    auth: 'none',
    body: passkeyLoginVerifySchema,
    headers: { 'X-Device-Token': DEVICE_TOKEN_HEADER_DOC },
    success: {
      status: 200,
      description:
        'Logged in, as POST /api/login answers. A passkey that does not verify is 401 `invalid_credentials` ' +
        '(`invalid_code` as the second step, where the mfaToken stays valid).',
      schema: apiSessionSchema,
    },
    errors: ['invalid_credentials', 'invalid_code', 'rate_limited', 'deletion_scheduled'],
    handler: async ({ request, body }) => {
      const result = await verifyPasskeyLogin(body, requestClient(request));
      if (!result.ok) return result;
      return ok(await startApiSession(result.value.id, request));
    },
  }),
});
