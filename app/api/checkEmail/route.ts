import { isEmailAvailable } from '@/lib/accounts';
import { availabilityBody } from '@/lib/http/bodies';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/result';
import { checkEmailSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'Whether an email address is free.',
    tag: 'Accounts',
    auth: 'none',
    query: checkEmailSchema,
    success: { status: 200, description: 'Availability.', schema: availabilityBody },
    handler: async ({ query }) => ok({ available: await isEmailAvailable(query.email) }),
  }),
});
