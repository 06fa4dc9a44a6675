import { authenticate } from '@/lib/http/auth';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { updateContactDetails } from '@/lib/profiles';
import { contactDetailsSchema } from '@/lib/validation/profile';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    const input = await parseJsonBody(request, contactDetailsSchema);
    return respond(await updateContactDetails(session.user.id, input), (profile) => profile);
  },
});
