import { isEmailAvailable } from '@/lib/account/accounts';
import { availabilityBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { checkEmailSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'Whether an email address is free.',
    tag: 'Accounts',
    auth: 'none',
    query: checkEmailSchema,
    success: { status: 200, description: 'Availability.', schema: availabilityBody },
    errors: ['rate_limited'],
    handler: async ({ request, query }) =>
      mapResult(await isEmailAvailable(query.email, requestClient(request)), (available) => ({ available })),
  }),
});
