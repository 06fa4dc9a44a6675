import { apiRoute, operation } from '@/lib/http/route';
import { profileSchema } from '@/lib/account/profile-schema';
import { updateContactDetails } from '@/lib/account/profiles';
import { contactDetailsSchema } from '@/lib/validation/profile';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Update contact details and the image; absent keys keep their value, image "" clears it.',
    tag: 'Profile',
    auth: 'session',
    body: contactDetailsSchema,
    upload: true,
    success: { status: 200, description: 'The updated profile.', schema: profileSchema },
    handler: async ({ session, body }) => updateContactDetails(session, body),
  }),
});
