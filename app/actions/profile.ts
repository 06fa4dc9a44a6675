'use server';

import { revalidatePath } from 'next/cache';
import { requireSession } from '@/lib/dal';
import { failureState, invalidState, submittedValues, successState, type FormState } from '@/lib/form-state';
import { updateContactDetails, updateSocialLinks } from '@/lib/profiles';
import { contactDetailsSchema, socialLinksSchema } from '@/lib/validation/profile';

const CONTACT_FIELDS = ['occupation', 'homeAddress', 'country', 'county', 'firstName', 'lastName'] as const;
const LINK_FIELDS = ['linkedIn', 'faceBook', 'gitHub', 'instagram', 'twitter', 'youtube', 'description'] as const;

function pick(formData: FormData, keys: readonly string[]) {
  const values: Record<string, unknown> = {};
  for (const key of keys) {
    const value = formData.get(key);
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

/**
 * The image arrives as a File (works without JavaScript) and is handed to the
 * same schema as the API's base64: its bytes decide, not its name or type.
 * An empty file input keeps the image; the "remove" box clears it.
 */
async function imageField(formData: FormData): Promise<{ image?: string }> {
  if (formData.get('removeImage') === 'on') return { image: '' };
  const file = formData.get('image');
  if (file instanceof File && file.size > 0) return { image: Buffer.from(await file.arrayBuffer()).toString('base64') };
  return {};
}

export async function saveContactDetails(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession('/profile/edit');
  const parsed = await contactDetailsSchema.safeParseAsync({ ...pick(formData, CONTACT_FIELDS), ...(await imageField(formData)) });
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await updateContactDetails(session.user.id, parsed.data);
  if (!result.ok) return failureState(result, formData);
  revalidatePath('/', 'layout');
  return successState('Contact details saved.', submittedValues(formData));
}

export async function saveSocialLinks(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession('/profile/edit');
  const parsed = socialLinksSchema.safeParse(pick(formData, LINK_FIELDS));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await updateSocialLinks(session.user.id, parsed.data);
  if (!result.ok) return failureState(result, formData);
  revalidatePath('/', 'layout');
  return successState('Social links saved.', submittedValues(formData));
}
