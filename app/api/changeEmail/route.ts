import { changeEmail } from '@/lib/accounts';
import { authenticate } from '@/lib/http/auth';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { requestClient } from '@/lib/http/client';
import { apiRoute } from '@/lib/http/route';
import { changeEmailSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    const input = await parseJsonBody(request, changeEmailSchema);
    return respond(await changeEmail(session, input, requestClient(request)), ({ email }) => ({ message: 'Email changed.', email }));
  },
});
