import { isUsernameAvailable } from '@/lib/accounts';
import { availabilityBody } from '@/lib/http/bodies';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/result';
import { checkUsernameSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'Whether a username is free (ignoring case).',
    tag: 'Accounts',
    auth: 'none',
    query: checkUsernameSchema,
    success: { status: 200, description: 'Availability.', schema: availabilityBody },
    handler: async ({ query }) => ok({ available: await isUsernameAvailable(query.username) }),
  }),
});
