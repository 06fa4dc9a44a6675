import { apiRoute, operation } from '@/lib/http/route';
import { profileSchema } from '@/lib/account/profile-schema';
import { updateSocialLinks } from '@/lib/account/profiles';
import { socialLinksSchema } from '@/lib/validation/profile';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Update social links and the description; absent keys keep their value.',
    tag: 'Profile',
    auth: 'session',
    body: socialLinksSchema,
    success: { status: 200, description: 'The updated profile.', schema: profileSchema },
    handler: async ({ session, body }) => updateSocialLinks(session, body),
  }),
});
