import { createAccount } from '@/lib/accounts';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { requestClient } from '@/lib/http/client';
import { apiRoute } from '@/lib/http/route';
import { signUpSchema } from '@/lib/validation/account';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const input = await parseJsonBody(request, signUpSchema);
    const result = await createAccount(input, requestClient(request));
    return respond(result, (user) => ({ message: 'Account created.', username: user.username, email: user.email }), 201);
  },
});
