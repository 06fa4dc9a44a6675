import { isUsernameAvailable } from '@/lib/account/accounts';
import { availabilityBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { checkUsernameSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'Whether a username is free (ignoring case).',
    tag: 'Accounts',
    auth: 'none',
    query: checkUsernameSchema,
    success: { status: 200, description: 'Availability.', schema: availabilityBody },
    errors: ['rate_limited'],
    handler: async ({ request, query }) =>
      mapResult(await isUsernameAvailable(query.username, requestClient(request)), (available) => ({ available })),
  }),
});
