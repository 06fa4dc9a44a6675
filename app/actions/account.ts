'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { changeEmail, changePassword, changeUsername, deleteAccount } from '@/lib/accounts';
import { requireSession } from '@/lib/dal';
import { failureState, formObject, invalidState, successState, type FormState } from '@/lib/form-state';
import { browserClient, clearBrowserSessionCookie } from '@/lib/browser-session';
import { revokeOtherSessionsOnRequest, revokeUserSession } from '@/lib/sessions';
import {
  changeEmailSchema,
  changePasswordSchema,
  changeUsernameSchema,
  deleteAccountSchema,
} from '@/lib/validation/account';

const SETTINGS = '/settings';

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession(SETTINGS);
  const parsed = changePasswordSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await changePassword(session, parsed.data, await browserClient());
  if (!result.ok) return failureState(result, formData);
  revalidatePath(SETTINGS);
  return successState('Password changed. Your other sessions were signed out.');
}

export async function changeEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession(SETTINGS);
  const parsed = changeEmailSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await changeEmail(session, parsed.data, await browserClient());
  if (!result.ok) return failureState(result, formData);
  revalidatePath('/', 'layout');
  return successState(`Your email is now ${result.value.email}.`, { newEmail: result.value.email });
}

export async function changeUsernameAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession(SETTINGS);
  const parsed = changeUsernameSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await changeUsername(session, parsed.data, await browserClient());
  if (!result.ok) return failureState(result, formData);
  revalidatePath('/', 'layout');
  return successState(`Your username is now ${result.value.username}.`, { newUsername: result.value.username });
}

/** One form, two buttons: `intent` is "others" or "revoke:<session id>". */
export async function sessionsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession(SETTINGS);
  const intent = String(formData.get('intent') ?? '');
  if (intent === 'others') {
    const count = await revokeOtherSessionsOnRequest(session.user.id, session.sessionId, await browserClient());
    revalidatePath(SETTINGS);
    return successState(count ? `Signed out ${count} other session${count === 1 ? '' : 's'}.` : 'There were no other sessions.');
  }
  const id = intent.startsWith('revoke:') ? intent.slice('revoke:'.length) : '';
  if (id === session.sessionId) return { status: 'error', message: 'Use Log out to end the session on this device.', at: Date.now() };
  const revoked = id ? await revokeUserSession(session.user.id, id, await browserClient()) : false;
  revalidatePath(SETTINGS);
  return revoked ? successState('That session was signed out.') : { status: 'error', message: 'That session had already ended.', at: Date.now() };
}

export async function deleteAccountAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession(SETTINGS);
  const parsed = deleteAccountSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await deleteAccount(session, parsed.data);
  if (!result.ok) return failureState(result, formData);
  await clearBrowserSessionCookie();
  redirect('/?deleted=1');
}
