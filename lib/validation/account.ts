import { z } from 'zod';
import * as field from './fields';
import { stepUpFields, stepUpRefinement } from './step-up';

export const signUpSchema = z
  .object({
    email: field.email,
    password: field.password,
    firstName: field.firstName,
    lastName: field.lastName,
    username: field.username,
  })
  .superRefine((value, ctx) => {
    if (field.passwordMatchesIdentity(value.password, value)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: field.PASSWORD_IS_IDENTITY });
    }
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Log in by email or by username; the browser form sends one `email` box that takes either. */
export const loginSchema = z
  .object({
    email: z.string().trim().max(254).optional(),
    username: z.string().trim().max(64).optional(),
    password: field.currentPassword.describe('The account password.'),
  })
  .superRefine((value, ctx) => {
    if (!value.email && !value.username) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter your email address or username.' });
    }
  });
export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z
  .object({ ...stepUpFields, newPassword: field.password })
  .superRefine(stepUpRefinement());
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const changeEmailSchema = z.object({ newEmail: field.email, ...stepUpFields }).superRefine(stepUpRefinement());
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;

export const changeUsernameSchema = z.object({ newUsername: field.username });
export type ChangeUsernameInput = z.infer<typeof changeUsernameSchema>;

export const deleteAccountSchema = z.object(stepUpFields).superRefine(stepUpRefinement());
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;

export const checkUsernameSchema = z.object({ username: field.username });
export const checkEmailSchema = z.object({ email: field.email });

/** `GET /api/activity?before=` — the `next` cursor of the previous page. */
export const activityQuerySchema = z.object({
  before: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'Use the "next" value of the previous page.')
    .transform(Number)
    .optional(),
});
