import { exportAccountData } from '@/lib/account/export';
import { requestClient } from '@/lib/http/client';
import { failureResponse } from '@/lib/http/responses';
import { apiRoute, operation } from '@/lib/http/route';
import { accountExportSchema } from '@/lib/validation/export';

const CURRENT_PASSWORD_HEADER = 'x-current-password';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'Download my data: a ZIP of account.json (everything kept about the account, no secret) and the image.',
    tag: 'Accounts',
    auth: 'session',
    headers: {
      'X-Current-Password':
        'Needed unless the session was created within the last 10 minutes; checked like a log-in (failures pause).',
    },
    success: {
      status: 200,
      description:
        'The archive, streamed (Content-Disposition: attachment). At most 5 per hour per account; the owner is mailed.',
      mediaType: 'application/zip',
      archiveEntries: { 'account.json': accountExportSchema },
    },
    errors: ['reauthentication_required', 'incorrect_password', 'rate_limited'],
    handler: async ({ request, session }) => {
      const client = requestClient(request);
      const result = await exportAccountData(session, {
        currentPassword: request.headers.get(CURRENT_PASSWORD_HEADER),
        deviceToken: client.deviceToken,
        client,
      });
      if (!result.ok) return failureResponse(result);
      return new Response(result.value.stream, {
        status: 200,
        headers: {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${result.value.filename}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    },
  }),
});
