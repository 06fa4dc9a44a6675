'use server';

import { redirect } from 'next/navigation';
import { createAccount, verifyCredentials } from '@/lib/accounts';
import { getCurrentSession } from '@/lib/dal';
import { failureState, formObject, invalidState, type FormState } from '@/lib/form-state';
import { safeNextPath } from '@/lib/safe-next';
import { browserClient, clearBrowserSessionCookie, startBrowserSession } from '@/lib/browser-session';
import { endSession } from '@/lib/sessions';
import { loginSchema, signUpSchema } from '@/lib/validation/account';

export async function signUp(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await createAccount(parsed.data, await browserClient());
  if (!result.ok) return failureState(result, formData);
  await startBrowserSession(result.value.id);
  redirect('/profile');
}

export async function logIn(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = loginSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidState(parsed.error, formData);
  const result = await verifyCredentials(parsed.data, await browserClient());
  if (!result.ok) return failureState(result, formData);
  await startBrowserSession(result.value.id);
  redirect(safeNextPath(String(formData.get('next') ?? '')));
}

export async function logOut(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await endSession(session, await browserClient());
  await clearBrowserSessionCookie();
  redirect('/login');
}
