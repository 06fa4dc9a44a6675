import { z } from 'zod';
import { SOCIAL_NETWORKS, type SocialProfileKey } from '../validation/social-networks';

const text = z.string();
const socialKeys = Object.fromEntries(SOCIAL_NETWORKS.map((network) => [network.profileKey, text])) as Record<
  SocialProfileKey,
  typeof text
>;

/**
 * The contract's profile card as the API returns it (GET /api/getProfile and the
 * profile updates): every key always present, a string, "" when empty. The one
 * list of these keys: the type, the OpenAPI response and the tests derive from it.
 */
export const profileSchema = z.object({
  HomeAddress: text,
  Country: text,
  County: text,
  Occupation: text,
  Image: text.describe('The image as base64; "" when there is none.'),
  ImageType: text.describe('The image\'s MIME type, e.g. image/png; "" when there is none.'),
  FullName: text,
  FirstName: text,
  LastName: text,
  Username: text,
  Email: text,
  ...socialKeys,
  Description: text,
  EmailVerified: z.boolean().describe('Whether the address on file was confirmed through a link sent to it.'),
});
export type Profile = z.infer<typeof profileSchema>;
