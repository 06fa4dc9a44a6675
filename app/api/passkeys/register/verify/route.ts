import { verifyPasskeyRegistration } from '@/lib/account/passkeys';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { passkeyRegisterVerifySchema } from '@/lib/validation/passkeys';
import { passkeySummarySchema } from '../../route';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Finish adding a passkey: its name and the credential from navigator.credentials.create. A security event; mails a notice.',
    tag: 'Accounts',
    auth: 'session',
    body: passkeyRegisterVerifySchema,
    success: { status: 201, description: 'The passkey was added.', schema: passkeySummarySchema },
    errors: ['validation_failed'],
    handler: async ({ request, session, body }) =>
      mapResult(await verifyPasskeyRegistration(session, body, requestClient(request)), (key) => ({
        id: key.id,
        name: key.name,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: null,
      })),
  }),
});
