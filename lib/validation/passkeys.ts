import { z } from 'zod';
import { credentialJson, passkeyAssertion, type PasskeyCredentialJson } from './factors';
import { stepUpFields, stepUpRefinement } from './step-up';

export { passkeyAssertion, type PasskeyCredentialJson };

/*
 * Passkeys (WebAuthn, issue 21). The browser's answers are checked by
 * @simplewebauthn/server; here only their outer shape (an object with an id
 * and a response) and our own fields are checked.
 */

export const passkeyName = z
  .string({ error: 'Give the passkey a name.' })
  .trim()
  .min(1, 'Give the passkey a name.')
  .max(64, 'A passkey name has at most 64 characters.');

/**
 * Registration options: a fresh sign-in (10 minutes) or the current password, and a second factor when the account
 * has one (lib/account/step-up.ts).
 */
export const passkeyRegisterOptionsSchema = z
  .object({
    ...stepUpFields,
    currentPassword: stepUpFields.currentPassword.describe('Needed unless the session is under 10 minutes old.'),
  })
  .superRefine(stepUpRefinement({ passwordOptional: true }));
export type PasskeyRegisterOptionsInput = z.infer<typeof passkeyRegisterOptionsSchema>;

export const passkeyRegisterVerifySchema = z.object({
  name: passkeyName,
  credential: credentialJson,
});
export type PasskeyRegisterVerifyInput = z.infer<typeof passkeyRegisterVerifySchema>;

/** A passkey sign-in: no identifier, the credential says whose it is (discoverable credentials). */
export const passkeySignInVerifySchema = z.object({ credential: credentialJson });
export type PasskeySignInVerifyInput = z.infer<typeof passkeySignInVerifySchema>;

const mfaToken = z
  .string({ error: 'Send the mfaToken from /api/login.' })
  .min(1, 'Send the mfaToken from /api/login.')
  .max(128, 'That is not an mfaToken.');

/** Options for a passkey as the second step: with the mfaToken, the challenge names the account's own passkeys. */
export const passkeySignInOptionsSchema = z.object({
  mfaToken: mfaToken.optional().describe('For a passkey as the second step after a password (POST /api/login).'),
});
export type PasskeySignInOptionsInput = z.infer<typeof passkeySignInOptionsSchema>;

export const passkeySecondStepSchema = z.object({
  mfaToken: mfaToken.describe('The mfaToken answered by POST /api/login.'),
  credential: credentialJson,
});
export type PasskeySecondStepInput = z.infer<typeof passkeySecondStepSchema>;

/** `POST /api/login/passkey/verify`: with an mfaToken the second step, without one a sign-in on its own. */
export const passkeyLoginVerifySchema = z.object({
  mfaToken: mfaToken.optional().describe('The mfaToken from POST /api/login, when the passkey is the second step.'),
  credential: credentialJson,
});
export type PasskeyLoginVerifyInput = z.infer<typeof passkeyLoginVerifySchema>;
