import { isUsernameAvailable } from '@/lib/accounts';
import { parseWith } from '@/lib/http/body';
import { requestClient } from '@/lib/http/client';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { checkUsernameSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    const { username } = await parseWith(checkUsernameSchema, Object.fromEntries(new URL(request.url).searchParams));
    return respond(await isUsernameAvailable(username, requestClient(request)), (available) => ({ available }));
  },
});
