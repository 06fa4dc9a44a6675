'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { changeEmail, changePassword, changeUsername, deleteAccount } from '@/lib/account/accounts';
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

const SETTINGS = '/settings';

export const changePasswordAction = formAction(
  { schema: changePasswordSchema, returnTo: SETTINGS },
  async ({ input, session }) => {
    const result = await changePassword(session, input, await browserClient());
    if (!result.ok) return result;
    revalidatePath(SETTINGS);
    return successState('Password changed. Your other sessions were signed out.');
  },
);

export const changeEmailAction = formAction(
  { schema: changeEmailSchema, returnTo: SETTINGS },
  async ({ input, session }) => {
    const result = await changeEmail(session, input, await browserClient());
    if (!result.ok) return result;
    revalidatePath('/', 'layout');
    return successState(`Your email is now ${result.value.email}.`);
  },
);

export const changeUsernameAction = formAction(
  { schema: changeUsernameSchema, returnTo: SETTINGS },
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
  { schema: sessionsIntentSchema, returnTo: SETTINGS },
  async ({ input, session }) => {
    if (input.intent === 'others') {
      const count = await revokeOtherSessionsOnRequest(session, await browserClient());
      revalidatePath(SETTINGS);
      return successState(otherSessionsRevokedMessage(count));
    }
    const result = await revokeOwnSession(session, input.intent.slice('revoke:'.length), await browserClient());
    revalidatePath(SETTINGS);
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
  { schema: deleteAccountSchema, returnTo: SETTINGS },
  async ({ input, session }) => {
    const result = await deleteAccount(session, input, await browserClient());
    if (!result.ok) return result;
    await clearBrowserSessionCookie();
    redirect('/?deleted=1');
  },
);
