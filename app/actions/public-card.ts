'use server';

import { revalidatePath } from 'next/cache';
import { requireSession } from '@/lib/dal';
import { failureState, invalidState, successState, type FormState } from '@/lib/form-state';
import { savePublicCardSettings } from '@/lib/public-cards';
import { PUBLIC_CARD_SWITCHES, publicCardSettingsSchema } from '@/lib/validation/public-card';

/** The form shows every switch, so an unticked box (absent from FormData) means false. */
export async function savePublicCardAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession('/settings');
  const parsed = publicCardSettingsSchema.safeParse(
    Object.fromEntries(PUBLIC_CARD_SWITCHES.map((key) => [key, formData.get(key) === 'on'])),
  );
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await savePublicCardSettings(session.user.id, parsed.data);
  if (!result.ok) return failureState(result, formData);
  revalidatePath('/settings');
  return successState(result.value.published ? 'Your public card is published.' : 'Your public card is not published.');
}
