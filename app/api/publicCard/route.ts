import { z } from 'zod';
import { apiRoute, operation } from '@/lib/http/route';
import { publicCardView, savePublicCardSettings, getPublicCardView } from '@/lib/account/public-cards';
import { publicCardSettingsSchema } from '@/lib/validation/public-card';

const publicCardSchema = publicCardSettingsSchema.required().extend({
  url: z.string().describe('Path of the card, /u/{username}; it moves with the username (the old path answers 404).'),
});

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'The public card settings: whether /u/{username} is published and which parts it shows.',
    tag: 'Profile',
    auth: 'session',
    success: { status: 200, description: 'The settings.', schema: publicCardSchema },
    handler: async ({ session }) => getPublicCardView(session),
  }),
  POST: operation({
    summary: 'Change the public card settings; absent keys keep their value. Unpublishing answers 404 at once.',
    tag: 'Profile',
    auth: 'session',
    body: publicCardSettingsSchema,
    success: { status: 200, description: 'The updated settings.', schema: publicCardSchema },
    handler: async ({ session, body }) => {
      const result = await savePublicCardSettings(session, body);
      return result.ok ? { ok: true, value: publicCardView(result.value, session.user.username) } : result;
    },
  }),
});
