import { verifyEmail } from '@/lib/email-verification';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { verifyEmailSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const input = await parseJsonBody(request, verifyEmailSchema);
    return respond(await verifyEmail(input.token), ({ email }) => ({ message: 'Email address verified.', email }));
  },
});
