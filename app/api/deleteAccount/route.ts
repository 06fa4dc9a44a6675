import { deleteAccount } from '@/lib/accounts';
import { authenticate } from '@/lib/http/auth';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { deleteAccountSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  DELETE: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    const input = await parseJsonBody(request, deleteAccountSchema);
    return respond(await deleteAccount(session, input), () => ({ message: 'Your account and everything tied to it were deleted.' }));
  },
});
