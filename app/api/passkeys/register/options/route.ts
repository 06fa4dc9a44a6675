import { z } from 'zod';
import { passkeyRegistrationOptions } from '@/lib/account/passkeys';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation, STEP_UP_ERRORS, STEP_UP_SUMMARY } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { passkeyRegisterOptionsSchema } from '@/lib/validation/passkeys';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Start adding a passkey: WebAuthn creation options (for navigator.credentials.create). Needs a sign-in from the last 10 minutes or currentPassword.' +
      STEP_UP_SUMMARY,
    tag: 'Accounts',
    auth: 'session',
    body: passkeyRegisterOptionsSchema,
    success: {
      status: 200,
      description: 'PublicKeyCredentialCreationOptionsJSON; its challenge is single-use and lives 5 minutes.',
      schema: z.looseObject({ challenge: z.string() }),
    },
    errors: STEP_UP_ERRORS,
    handler: async ({ request, session, body }) =>
      mapResult(await passkeyRegistrationOptions(session, body, requestClient(request)), (options) => ({ ...options })),
  }),
});
