'use server';

import { headers } from 'next/headers';
import { revertEmailChange } from '@/lib/accounts';
import { clearBrowserSessionCookie } from '@/lib/browser-session';
import { requireSession } from '@/lib/dal';
import { resendVerification } from '@/lib/email-verification';
import { failureState, formObject, invalidState, successState, type FormState } from '@/lib/form-state';
import { FORGOT_PASSWORD_ANSWER, requestPasswordReset, resetPassword } from '@/lib/password-reset';
import { clientInfo } from '@/lib/session-cookie';
import { forgotPasswordSchema, resetPasswordSchema, revertEmailChangeSchema } from '@/lib/validation/email';

export async function resendVerificationAction(_previous: FormState, _formData: FormData): Promise<FormState> {
  const session = await requireSession('/settings');
  const result = await resendVerification(session.user);
  if (!result.ok) return { status: 'error', message: result.message, at: Date.now() };
  return successState(
    result.value.alreadyVerified ? 'Your email address is already verified.' : `A new link is on its way to ${session.user.email}.`,
  );
}

export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = forgotPasswordSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await requestPasswordReset(parsed.data, clientInfo(await headers()));
  if (!result.ok) return failureState(result, formData);
  return successState(FORGOT_PASSWORD_ANSWER, { email: parsed.data.email });
}

/** Every session ends, this browser's too: its cookie goes with it. */
export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = resetPasswordSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await resetPassword(parsed.data);
  if (!result.ok) return failureState(result, formData);
  await clearBrowserSessionCookie();
  return successState('Your password is changed and every session was signed out. Log in with your new password.');
}

export async function revertEmailChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = revertEmailChangeSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await revertEmailChange(parsed.data);
  if (!result.ok) return failureState(result, formData);
  await clearBrowserSessionCookie();
  return successState(
    `Your account uses ${result.value.email} again, your new password is set and every session was signed out. Log in again.`,
  );
}
