import { changePassword } from '@/lib/accounts';
import { authenticate } from '@/lib/http/auth';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { requestClient } from '@/lib/http/client';
import { apiRoute } from '@/lib/http/route';
import { changePasswordSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    const input = await parseJsonBody(request, changePasswordSchema);
    return respond(await changePassword(session, input, requestClient(request)), () => ({ message: 'Password changed. Your other sessions were signed out.' }));
  },
});
