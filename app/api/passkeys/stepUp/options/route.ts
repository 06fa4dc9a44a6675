import { z } from 'zod';
import { stepUpPasskeyOptions } from '@/lib/account/step-up';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      "Confirm a change with a passkey (step-up): WebAuthn request options for navigator.credentials.get, limited to the signed-in account's passkeys. Send the credential it gives as `passkeyAssertion` in the change's body (changePassword, changeEmail, deleteAccount, DELETE /api/mfa/totp, POST /api/mfa/totp, /api/mfa/recoveryCodes, /api/passkeys/register/options): it stands in for currentPassword and the code.",
    tag: 'Accounts',
    auth: 'session',
    success: {
      status: 200,
      description:
        'PublicKeyCredentialRequestOptionsJSON; its challenge is single-use, bound to this account and lives 5 minutes.',
      schema: z.looseObject({ challenge: z.string() }),
    },
    errors: ['not_found', 'rate_limited'],
    handler: async ({ request, session }) =>
      mapResult(await stepUpPasskeyOptions(session, requestClient(request)), (options) => ({ ...options })),
  }),
});
