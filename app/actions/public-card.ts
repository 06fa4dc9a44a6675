'use server';

import { revalidatePath } from 'next/cache';
import { successState } from '@/lib/http/form-state';
import { savePublicCardSettings } from '@/lib/account/public-cards';
import { formAction } from '@/lib/http/server-action';
import { PUBLIC_CARD_SWITCHES, publicCardSettingsSchema } from '@/lib/validation/public-card';

/** The form shows every switch, so an unticked box (absent from FormData) means false. */
export const savePublicCardAction = formAction(
  {
    schema: publicCardSettingsSchema,
    returnTo: '/settings/public-card',
    prepare: (values) => Object.fromEntries(PUBLIC_CARD_SWITCHES.map((key) => [key, values[key] === 'on'])),
  },
  async ({ input, session }) => {
    const result = await savePublicCardSettings(session, input);
    if (!result.ok) return result;
    revalidatePath('/settings/public-card');
    return successState(
      result.value.published ? 'Your public card is published.' : 'Your public card is not published.',
    );
  },
);
