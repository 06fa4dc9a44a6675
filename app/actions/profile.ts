'use server';

import { revalidatePath } from 'next/cache';
import { submittedValues, successState } from '@/lib/http/form-state';
import { updateContactDetails, updateSocialLinks } from '@/lib/account/profiles';
import { formAction } from '@/lib/http/server-action';
import { contactDetailsSchema, socialLinksSchema } from '@/lib/validation/profile';

const EDIT_PAGE = '/profile/edit';

/**
 * The image arrives as a File (works without JavaScript), is converted to the
 * API's base64 by the wrapper and checked by the same schema: its bytes decide,
 * not its name or type. An empty file input keeps the image; the "remove" box clears it.
 */
export const saveContactDetails = formAction(
  {
    schema: contactDetailsSchema,
    returnTo: EDIT_PAGE,
    prepare: ({ removeImage, ...values }) => (removeImage === 'on' ? { ...values, image: '' } : values),
  },
  async ({ input, session, formData }) => {
    const result = await updateContactDetails(session, input);
    if (!result.ok) return result;
    revalidatePath('/', 'layout');
    return successState('Contact details saved.', submittedValues(formData));
  },
);

export const saveSocialLinks = formAction(
  { schema: socialLinksSchema, returnTo: EDIT_PAGE },
  async ({ input, session, formData }) => {
    const result = await updateSocialLinks(session, input);
    if (!result.ok) return result;
    revalidatePath('/', 'layout');
    return successState('Social links saved.', submittedValues(formData));
  },
);
