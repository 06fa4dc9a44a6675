import { z } from 'zod';
import { removePasskey } from '@/lib/account/passkeys';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  DELETE: operation({
    summary:
      'Remove one of your passkeys (mails a notice). The last way in (no password, no other passkey, no provider) is refused.',
    tag: 'Accounts',
    auth: 'session',
    params: z.object({ id: z.coerce.number().int().positive().describe('The passkey id from GET /api/passkeys.') }),
    success: { status: 200, description: 'Removed.', schema: z.object({ message: z.string() }) },
    errors: ['not_found', 'validation_failed'],
    handler: async ({ request, session, params }) =>
      mapResult(await removePasskey(session, params.id, requestClient(request)), () => ({
        message: 'Passkey removed.',
      })),
  }),
});
