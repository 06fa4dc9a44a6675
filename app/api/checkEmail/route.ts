import { isEmailAvailable } from '@/lib/accounts';
import { parseWith } from '@/lib/http/body';
import { requestClient } from '@/lib/http/client';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { checkEmailSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    const { email } = await parseWith(checkEmailSchema, Object.fromEntries(new URL(request.url).searchParams));
    return respond(await isEmailAvailable(email, requestClient(request)), (available) => ({ available }));
  },
});
