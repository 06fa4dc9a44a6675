import { z } from 'zod';
import { recoveryCode, totpCode } from './factors';
import { stepUpFields, stepUpRefinement } from './step-up';

export { recoveryCode, totpCode };

/** A form's empty box is an absent value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

const proof = {
  code: optional(totpCode).describe('A current code from the authenticator app.'),
  recoveryCode: optional(recoveryCode).describe('One of the recovery codes (each works once).'),
};

/** Exactly one of the two proofs. */
function oneProof(value: { code?: string; recoveryCode?: string }, ctx: z.RefinementCtx) {
  if (!value.code && !value.recoveryCode) {
    ctx.addIssue({ code: 'custom', path: ['code'], message: 'Enter the 6-digit code from your authenticator app.' });
  }
  if (value.code && value.recoveryCode) {
    ctx.addIssue({ code: 'custom', path: ['recoveryCode'], message: 'Send a code or a recovery code, not both.' });
  }
}

/** The second step on /login/verify: the pending sign-in is the browser's cookie. */
export const secondStepSchema = z.object(proof).superRefine(oneProof);
export type SecondStepInput = z.infer<typeof secondStepSchema>;

/** `POST /api/login/mfa`: the pending sign-in's token and a code (or a recovery code). */
export const loginMfaSchema = z
  .object({
    mfaToken: z
      .string({ error: 'Send the mfaToken from /api/login.' })
      .min(1, 'Send the mfaToken from /api/login.')
      .max(128, 'That is not an mfaToken.')
      .describe('The mfaToken answered by POST /api/login (single-use, 5 minutes).'),
    ...proof,
  })
  .superRefine(oneProof);
export type LoginMfaInput = z.infer<typeof loginMfaSchema>;

export const startTotpSchema = z.object(stepUpFields).superRefine(stepUpRefinement());
export type StartTotpInput = z.infer<typeof startTotpSchema>;

export const confirmTotpSchema = z.object({ code: totpCode });
export type ConfirmTotpInput = z.infer<typeof confirmTotpSchema>;

/**
 * Turning two-step sign-in off, or new recovery codes: the password and a current code (or a recovery code), or a
 * passkey instead of both.
 */
export const totpChangeSchema = z.object(stepUpFields).superRefine(stepUpRefinement());
export type TotpChangeInput = z.infer<typeof totpChangeSchema>;

/** Ten recovery codes, answered once (at setup and when made anew). */
export const recoveryCodesBody = z.object({
  recoveryCodes: z.array(z.string()).length(10).describe('Each works once, in place of a code from the app.'),
});
