import { z } from 'zod';
import * as field from './fields';

/** A code from the authenticator app: six digits, spaces allowed (apps show "123 456"). */
export const totpCode = z
  .string({ error: 'Enter the 6-digit code from your authenticator app.' })
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

/** One of the ten recovery codes (xxxxx-xxxxx); case, spaces and dashes do not matter. */
export const recoveryCode = z
  .string({ error: 'Enter one of your recovery codes.' })
  .trim()
  .min(1, 'Enter one of your recovery codes.')
  .max(64, 'That is not a recovery code.');

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

export const startTotpSchema = z.object({ currentPassword: field.currentPassword });
export type StartTotpInput = z.infer<typeof startTotpSchema>;

export const confirmTotpSchema = z.object({ code: totpCode });
export type ConfirmTotpInput = z.infer<typeof confirmTotpSchema>;

/** Turning two-step sign-in off, or new recovery codes: the password and a current code. */
export const totpChangeSchema = z.object({ currentPassword: field.currentPassword, code: totpCode });
export type TotpChangeInput = z.infer<typeof totpChangeSchema>;

/** Ten recovery codes, answered once (at setup and when made anew). */
export const recoveryCodesBody = z.object({
  recoveryCodes: z.array(z.string()).length(10).describe('Each works once, in place of a code from the app.'),
});
