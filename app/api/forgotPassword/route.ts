import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { FORGOT_PASSWORD_ANSWER, requestPasswordReset } from '@/lib/password-reset';
import { clientInfo } from '@/lib/session-cookie';
import { forgotPasswordSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const input = await parseJsonBody(request, forgotPasswordSchema);
    const result = await requestPasswordReset(input, clientInfo(request.headers));
    return respond(result, () => ({ message: FORGOT_PASSWORD_ANSWER }));
  },
});
