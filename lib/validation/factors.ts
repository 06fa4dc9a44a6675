import { z } from 'zod';

/* The proofs of a second factor, shared by sign-in (two-step.ts, passkeys.ts) and step-up (step-up.ts). */

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

/** What navigator.credentials.create()/get() gave, as JSON (@simplewebauthn/browser's output). */
export const credentialJson = z
  .looseObject({
    id: z.string().min(1).max(1400),
    rawId: z.string().min(1).max(1400),
    type: z.literal('public-key'),
    response: z.looseObject({ clientDataJSON: z.string().min(1).max(4096) }),
  })
  .describe(
    'The credential as @simplewebauthn/browser returns it (RegistrationResponseJSON or AuthenticationResponseJSON).',
  );

export type PasskeyCredentialJson = z.infer<typeof credentialJson>;

/**
 * A passkey assertion confirming a change (step-up): the JSON object, or (from a form) that object as a string.
 * Its challenge comes from POST /api/passkeys/stepUp/options.
 */
export const passkeyAssertion = z
  .preprocess((value) => {
    if (value === '' || value === null) return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, credentialJson.optional())
  .describe(
    'Instead of currentPassword (and of a code): an assertion (AuthenticationResponseJSON) for the challenge from ' +
      'POST /api/passkeys/stepUp/options, signed by one of the account’s passkeys.',
  );
