import { z } from 'zod';
import { currentPassword } from './fields';
import { passkeyAssertion, recoveryCode, totpCode } from './factors';

/*
 * What a sensitive change asks for (step-up, issue 21): the current password, or a passkey instead of it; and
 * when the account has a second factor, a code from the app, a recovery code or that passkey. The fields are
 * optional here (an old client of an account without a second factor sends currentPassword alone, as before);
 * which ones the account needs is the domain's rule (lib/account/step-up.ts).
 */

/** A form's empty box is an absent value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

export const stepUpFields = {
  currentPassword: optional(currentPassword).describe('The current password (not needed with passkeyAssertion).'),
  code: optional(totpCode).describe(
    'When the account has two-step sign-in: a current code from the authenticator app (one not used before).',
  ),
  recoveryCode: optional(recoveryCode).describe('Instead of code: one of the recovery codes (each works once).'),
  passkeyAssertion,
};

export type StepUpProof = {
  currentPassword?: string;
  code?: string;
  recoveryCode?: string;
  passkeyAssertion?: z.infer<typeof passkeyAssertion>;
};

/** The current password or a passkey; and not a code and a recovery code at once. */
export function stepUpRefinement({ passwordOptional = false }: { passwordOptional?: boolean } = {}): (
  value: StepUpProof,
  ctx: z.RefinementCtx,
) => void {
  return (value, ctx) => {
    if (!passwordOptional && !value.currentPassword && !value.passkeyAssertion) {
      ctx.addIssue({ code: 'custom', path: ['currentPassword'], message: 'Enter your current password.' });
    }
    if (value.code && value.recoveryCode) {
      ctx.addIssue({ code: 'custom', path: ['recoveryCode'], message: 'Send a code or a recovery code, not both.' });
    }
  };
}
