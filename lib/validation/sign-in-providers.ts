import { z } from 'zod';
import * as field from './fields';

/** The small confirm page of a sign-up through a provider: the proposed names, editable; no password. */
export const providerSignUpSchema = z.object({
  username: field.username,
  firstName: field.firstName,
  lastName: field.lastName,
});
export type ProviderSignUpInput = z.infer<typeof providerSignUpSchema>;

/** Unlinking names the provider by its id (OIDC_<NAME>_* lower-cased, or github). */
export const unlinkProviderSchema = z.object({
  provider: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'Unknown sign-in provider.'),
});
export type UnlinkProviderInput = z.infer<typeof unlinkProviderSchema>;
