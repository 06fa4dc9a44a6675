import { apiRoute, operation } from '@/lib/http/route';
import { profileSchema } from '@/lib/profile-schema';
import { getProfile } from '@/lib/profiles';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'The profile card of the signed-in user.',
    tag: 'Profile',
    auth: 'session',
    success: { status: 200, description: 'Profile.', schema: profileSchema },
    handler: async ({ session }) => getProfile(session),
  }),
});
