import { resendVerification } from '@/lib/email-verification';
import { authenticate } from '@/lib/http/auth';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    return respond(await resendVerification(session.user), ({ alreadyVerified }) => ({
      message: alreadyVerified ? 'Your email address is already verified.' : `A new link is on its way to ${session.user.email}.`,
    }));
  },
});
