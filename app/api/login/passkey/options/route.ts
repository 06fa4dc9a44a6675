import { z } from 'zod';
import { passkeySignInOptions } from '@/lib/account/passkeys';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { passkeySignInOptionsSchema } from '@/lib/validation/passkeys';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      "Start a passkey log-in: WebAuthn request options (for navigator.credentials.get). Without mfaToken any passkey of this site (discoverable); with it, that account's passkeys as the second step.",
    tag: 'Sessions',
    auth: 'none',
    body: passkeySignInOptionsSchema,
    success: {
      status: 200,
      description: 'PublicKeyCredentialRequestOptionsJSON; its challenge is single-use and lives 5 minutes.',
      schema: z.looseObject({ challenge: z.string() }),
    },
    errors: ['invalid_credentials', 'rate_limited'],
    handler: async ({ request, body }) =>
      mapResult(await passkeySignInOptions(body, requestClient(request)), (options) => ({ ...options })),
  }),
});
