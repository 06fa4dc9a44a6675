import { authenticate } from '@/lib/http/auth';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { getProfile } from '@/lib/profiles';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    const session = await authenticate(request, { stateChanging: false });
    return respond(await getProfile(session.user.id), (profile) => profile);
  },
});
