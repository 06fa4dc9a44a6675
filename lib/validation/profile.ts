import { z } from 'zod';
import { checkImagePayload } from '@/lib/validation/images';
import { SOCIAL_NETWORKS, type SocialLinkField } from '@/lib/validation/social-networks';
import * as field from './fields';

export const image = z.string({ error: 'The image must be a base64 string.' }).transform((value, ctx) => {
  const checked = checkImagePayload(value.trim());
  if (!checked.ok) {
    ctx.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  }
  return checked.image;
});

/** Every key optional: absent keys keep their stored value. */
export const contactDetailsSchema = z.object({
  occupation: field.shortText('Occupation').optional(),
  homeAddress: field.shortText('Home address').optional(),
  country: field.shortText('Country').optional(),
  county: field.shortText('County').optional(),
  image: image.optional(),
  firstName: field.firstName.optional(),
  lastName: field.lastName.optional(),
});
export type ContactDetailsInput = z.infer<typeof contactDetailsSchema>;

const linkFields = Object.fromEntries(
  SOCIAL_NETWORKS.map((network) => [network.field, field.link.optional()]),
) as Record<SocialLinkField, z.ZodOptional<typeof field.link>>;

/** One optional link per network in SOCIAL_NETWORKS, and the description. */
export const socialLinksSchema = z.object({ ...linkFields, description: field.description.optional() });
export type SocialLinksInput = z.infer<typeof socialLinksSchema>;
