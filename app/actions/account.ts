'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  cancelEmailChange,
  changeEmail,
  changeEmailMessage,
  changePassword,
  changeUsername,
  EMAIL_CHANGE_CANCELLED,
} from '@/lib/account/accounts';
import { cancelDeletion, deleteAccount, DELETION_CANCELLED_MESSAGE } from '@/lib/account/deletion';
import { browserClient, clearBrowserSessionCookie } from '@/lib/http/browser-session';
import { errorState, successState } from '@/lib/http/form-state';
import { formAction } from '@/lib/http/server-action';
import { otherSessionsRevokedMessage, revokeOtherSessionsOnRequest, revokeOwnSession } from '@/lib/auth/sessions';
import {
  changeEmailSchema,
  changePasswordSchema,
  changeUsernameSchema,
  deleteAccountSchema,
} from '@/lib/validation/account';
import { cancelDeletionSchema } from '@/lib/validation/email';

// Each form's own section (a signed-out submit comes back to it after logging in); a change may show in any section.
const SETTINGS = '/settings';
const revalidateSettings = () => revalidatePath(SETTINGS, 'layout');

export const changePasswordAction = formAction(
  { schema: changePasswordSchema, returnTo: '/settings/security' },
  async ({ input, session }) => {
    const result = await changePassword(session, input, await browserClient());
    if (!result.ok) return result;
    revalidateSettings();
    return successState('Password changed. Your other sessions were signed out.');
  },
);

export const changeEmailAction = formAction(
  { schema: changeEmailSchema, returnTo: '/settings/account' },
  async ({ input, session }) => {
    const result = await changeEmail(session, input, await browserClient());
    if (!result.ok) return result;
    revalidateSettings();
    return successState(changeEmailMessage(result.value));
  },
);

/** The Cancel button beside the pending address in settings. */
export const cancelEmailChangeAction = formAction(
  { schema: z.object({}), returnTo: '/settings/account' },
  async ({ session }) => {
    const result = await cancelEmailChange(session, await browserClient());
    if (!result.ok) return result;
    revalidateSettings();
    return successState(EMAIL_CHANGE_CANCELLED);
  },
);

export const changeUsernameAction = formAction(
  { schema: changeUsernameSchema, returnTo: '/settings/account' },
  async ({ input, session }) => {
    const result = await changeUsername(session, input, await browserClient());
    if (!result.ok) return result;
    revalidatePath('/', 'layout');
    return successState(`Your username is now ${result.value.username}.`);
  },
);

/** One form, two kinds of button: `intent` is "others" or "revoke:<session id>". */
const sessionsIntentSchema = z.object({
  intent: z.union([z.literal('others'), z.string().startsWith('revoke:')], { error: 'Choose what to sign out.' }),
});

export const sessionsAction = formAction(
  { schema: sessionsIntentSchema, returnTo: '/settings/sessions' },
  async ({ input, session }) => {
    if (input.intent === 'others') {
      const count = await revokeOtherSessionsOnRequest(session, await browserClient());
      revalidateSettings();
      return successState(otherSessionsRevokedMessage(count));
    }
    const result = await revokeOwnSession(session, input.intent.slice('revoke:'.length), await browserClient());
    revalidateSettings();
    if (!result.ok) return errorState(result.message);
    if (result.value.current) {
      // Revoking this device's own session is logging out: the browser follows.
      await clearBrowserSessionCookie();
      redirect('/login');
    }
    return successState('That session was signed out.');
  },
);

export const deleteAccountAction = formAction(
  { schema: deleteAccountSchema, returnTo: '/settings/delete' },
  async ({ input, session }) => {
    const result = await deleteAccount(session, input, await browserClient());
    if (!result.ok) return result;
    await clearBrowserSessionCookie();
    const { deletesAt, deleted } = result.value;
    redirect(deleted ? '/?deleted=1' : `/?deletesAt=${encodeURIComponent(deletesAt.toISOString())}`);
  },
);

/** The "Cancel deletion" button: on the page of the mailed link, and on /login once the password was proven. */
export const cancelDeletionAction = formAction({ schema: cancelDeletionSchema, auth: 'none' }, async ({ input }) => {
  const result = await cancelDeletion(input, await browserClient());
  if (!result.ok) return result;
  return successState(DELETION_CANCELLED_MESSAGE);
});
