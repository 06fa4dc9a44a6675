import { authenticate } from '@/lib/http/auth';
import { parseJsonBody } from '@/lib/http/body';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { updateSocialLinks } from '@/lib/profiles';
import { socialLinksSchema } from '@/lib/validation/profile';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    const input = await parseJsonBody(request, socialLinksSchema);
    return respond(await updateSocialLinks(session.user.id, input), (profile) => profile);
  },
});
