import { z } from 'zod';
import * as field from './fields';

/** A link token as mailed: anything else is answered like a wrong token, not as a field error. */
const token = z
  .string({ error: 'The link is missing its token.' })
  .trim()
  .min(1, 'The link is missing its token.')
  .max(256);

export const forgotPasswordSchema = z.object({ email: field.email });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export const verifyEmailSchema = z.object({ token });

/** `POST /api/cancelDeletion`: the token of the mailed link (or the one offered at sign-in). */
export const cancelDeletionSchema = z.object({ token });
export type CancelDeletionInput = z.infer<typeof cancelDeletionSchema>;
export type VerifyEmailInput = z.infer<typeof verifyEmailSchema>;

/** `POST /api/confirmEmailChange`, the /confirm-email page and the "stop this change" link: the token alone. */
export const linkTokenSchema = z.object({ token });

export const resetPasswordSchema = z.object({ token, newPassword: field.password });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const revertEmailChangeSchema = z.object({ token, newPassword: field.password });
export type RevertEmailChangeInput = z.infer<typeof revertEmailChangeSchema>;
