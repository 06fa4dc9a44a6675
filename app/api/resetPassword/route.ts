import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { resetPassword } from '@/lib/password-reset';
import { resetPasswordSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const input = await parseJsonBody(request, resetPasswordSchema);
    return respond(await resetPassword(input), () => ({ message: 'Password changed. Every session was signed out; log in again.' }));
  },
});
