'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import {
  cancelEmailChangeByLink,
  confirmEmailChange,
  confirmEmailChangeMessage,
  EMAIL_CHANGE_CANCELLED,
  revertEmailChange,
  revertEmailChangeMessage,
} from '@/lib/account/accounts';
import { browserClient, clearBrowserSessionCookie } from '@/lib/http/browser-session';
import { resendVerification, resendVerificationMessage, verifyEmail } from '@/lib/email/verification';
import { errorState, successState } from '@/lib/http/form-state';
import {
  FORGOT_PASSWORD_ANSWER,
  RESET_PASSWORD_DONE,
  requestPasswordReset,
  resetPassword,
} from '@/lib/email/password-reset';
import { formAction } from '@/lib/http/server-action';
import {
  forgotPasswordSchema,
  linkTokenSchema,
  resetPasswordSchema,
  revertEmailChangeSchema,
} from '@/lib/validation/email';

export const resendVerificationAction = formAction(
  { schema: z.object({}), returnTo: '/settings/account' },
  async ({ session }) => {
    const result = await resendVerification(session.user, await browserClient());
    if (!result.ok) return errorState(result.message);
    return successState(resendVerificationMessage(result.value, session.user));
  },
);

export const forgotPasswordAction = formAction({ schema: forgotPasswordSchema, auth: 'none' }, async ({ input }) => {
  const result = await requestPasswordReset(input, await browserClient());
  if (!result.ok) return result;
  return successState(FORGOT_PASSWORD_ANSWER, { email: input.email });
});

/** Every session ends, this browser's too: its cookie goes with it. */
export const resetPasswordAction = formAction({ schema: resetPasswordSchema, auth: 'none' }, async ({ input }) => {
  const result = await resetPassword(input, await browserClient());
  if (!result.ok) return result;
  await clearBrowserSessionCookie();
  return successState(RESET_PASSWORD_DONE);
});

export const revertEmailChangeAction = formAction(
  { schema: revertEmailChangeSchema, auth: 'none' },
  async ({ input }) => {
    const result = await revertEmailChange(input, await browserClient());
    if (!result.ok) return result;
    await clearBrowserSessionCookie();
    return successState(revertEmailChangeMessage(result.value.email));
  },
);

/** The Confirm button of /verify-email: the POST verifies, opening the link did not. */
export const verifyEmailAction = formAction({ schema: linkTokenSchema, auth: 'none' }, async ({ input }) => {
  const result = await verifyEmail(input.token);
  if (!result.ok) return result;
  revalidatePath('/', 'layout');
  return successState(`Thank you: ${result.value.email} is verified.`);
});

/** The Confirm button of /confirm-email: the account moves to the new address. */
export const confirmEmailChangeAction = formAction({ schema: linkTokenSchema, auth: 'none' }, async ({ input }) => {
  const result = await confirmEmailChange(input.token, await browserClient());
  if (!result.ok) return result;
  revalidatePath('/', 'layout');
  return successState(confirmEmailChangeMessage(result.value.email));
});

/** The "stop this change" link mailed to the current address. */
export const cancelEmailChangeByLinkAction = formAction(
  { schema: linkTokenSchema, auth: 'none' },
  async ({ input }) => {
    const result = await cancelEmailChangeByLink(input.token, await browserClient());
    if (!result.ok) return result;
    revalidatePath('/', 'layout');
    return successState(EMAIL_CHANGE_CANCELLED);
  },
);
