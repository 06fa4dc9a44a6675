'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { revertEmailChange, revertEmailChangeMessage } from '@/lib/account/accounts';
import { clearBrowserSessionCookie } from '@/lib/http/browser-session';
import { resendVerification, resendVerificationMessage } from '@/lib/email/verification';
import { errorState, successState } from '@/lib/http/form-state';
import {
  FORGOT_PASSWORD_ANSWER,
  RESET_PASSWORD_DONE,
  requestPasswordReset,
  resetPassword,
} from '@/lib/email/password-reset';
import { formAction } from '@/lib/http/server-action';
import { clientInfo } from '@/lib/http/session-cookie';
import { forgotPasswordSchema, resetPasswordSchema, revertEmailChangeSchema } from '@/lib/validation/email';

export const resendVerificationAction = formAction(
  { schema: z.object({}), returnTo: '/settings' },
  async ({ session }) => {
    const result = await resendVerification(session.user, clientInfo(await headers()));
    if (!result.ok) return errorState(result.message);
    return successState(resendVerificationMessage(result.value, session.user));
  },
);

export const forgotPasswordAction = formAction({ schema: forgotPasswordSchema, auth: 'none' }, async ({ input }) => {
  const result = await requestPasswordReset(input, clientInfo(await headers()));
  if (!result.ok) return result;
  return successState(FORGOT_PASSWORD_ANSWER, { email: input.email });
});

/** Every session ends, this browser's too: its cookie goes with it. */
export const resetPasswordAction = formAction({ schema: resetPasswordSchema, auth: 'none' }, async ({ input }) => {
  const result = await resetPassword(input);
  if (!result.ok) return result;
  await clearBrowserSessionCookie();
  return successState(RESET_PASSWORD_DONE);
});

export const revertEmailChangeAction = formAction(
  { schema: revertEmailChangeSchema, auth: 'none' },
  async ({ input }) => {
    const result = await revertEmailChange(input);
    if (!result.ok) return result;
    await clearBrowserSessionCookie();
    return successState(revertEmailChangeMessage(result.value.email));
  },
);
