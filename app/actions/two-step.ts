'use server';

import { revalidatePath } from 'next/cache';
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from '@/lib/account/two-step';
import { browserClient } from '@/lib/http/browser-session';
import { successState } from '@/lib/http/form-state';
import { qrSvg } from '@/lib/http/qr';
import { formAction } from '@/lib/http/server-action';
import { confirmTotpSchema, startTotpSchema, totpChangeSchema } from '@/lib/validation/two-step';

const SECURITY = '/settings/security';

export const startTotpAction = formAction(
  { schema: startTotpSchema, returnTo: SECURITY },
  async ({ input, session }) => {
    const result = await startTotpEnrolment(session, input, await browserClient());
    if (!result.ok) return result;
    const { secret, otpauthUrl } = result.value;
    return {
      ...successState('Scan the QR code with your authenticator app, or type the key into it.'),
      data: { secret, otpauthUrl, qrSvg: await qrSvg(otpauthUrl) },
    };
  },
);

export const confirmTotpAction = formAction(
  { schema: confirmTotpSchema, returnTo: SECURITY },
  async ({ input, session }) => {
    const result = await confirmTotpEnrolment(session, input, await browserClient());
    if (!result.ok) return result;
    // No revalidation here: the page would swap the setup for the "on" view and the codes with it.
    // The form refreshes the page once they are saved.
    return {
      ...successState('Two-step sign-in is on. Save your recovery codes now: they are shown only this once.'),
      data: { recoveryCodes: result.value.recoveryCodes },
    };
  },
);

export const disableTotpAction = formAction(
  { schema: totpChangeSchema, returnTo: SECURITY },
  async ({ input, session }) => {
    const result = await disableTotp(session, input, await browserClient());
    if (!result.ok) return result;
    revalidatePath(SECURITY);
    return successState('Two-step sign-in is off.');
  },
);

export const regenerateRecoveryCodesAction = formAction(
  { schema: totpChangeSchema, returnTo: SECURITY },
  async ({ input, session }) => {
    const result = await regenerateRecoveryCodes(session, input, await browserClient());
    if (!result.ok) return result;
    revalidatePath(SECURITY);
    return {
      ...successState('New recovery codes made; the old ones no longer work. Save these now.'),
      data: { recoveryCodes: result.value.recoveryCodes },
    };
  },
);
