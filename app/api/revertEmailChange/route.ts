import { revertEmailChange } from '@/lib/accounts';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { revertEmailChangeSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const input = await parseJsonBody(request, revertEmailChangeSchema);
    return respond(await revertEmailChange(input), ({ email }) => ({
      message: 'Your email address is restored and your new password is set. Every session was signed out; log in again.',
      email,
    }));
  },
});
