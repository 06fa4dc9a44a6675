import { z } from 'zod';
import { disableTotp, startTotpEnrolment } from '@/lib/account/two-step';
import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation, STEP_UP_ERRORS, STEP_UP_SUMMARY } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { startTotpSchema, totpChangeSchema } from '@/lib/validation/two-step';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Start turning on two-step sign-in: a new authenticator secret (not active until POST /api/mfa/totp/confirm).' +
      STEP_UP_SUMMARY,
    tag: 'Accounts',
    auth: 'session',
    body: startTotpSchema,
    success: {
      status: 200,
      description:
        'Add the secret to an authenticator app (or open otpauthUrl). SHA-1, 6 digits, 30 s. Shown once: no API reads it back.',
      schema: z.object({
        secret: z.string().describe('Base32.'),
        otpauthUrl: z.string().describe('otpauth://totp/… for a QR code.'),
      }),
    },
    errors: [...STEP_UP_ERRORS, 'mfa_already_enabled'],
    handler: async ({ request, session, body }) => startTotpEnrolment(session, body, requestClient(request)),
  }),
  DELETE: operation({
    summary:
      'Turn two-step sign-in off (the recovery codes go too). Needs the password and a current code.' + STEP_UP_SUMMARY,
    tag: 'Accounts',
    auth: 'session',
    body: totpChangeSchema,
    success: { status: 200, description: 'Two-step sign-in is off.', schema: messageBody },
    errors: [...STEP_UP_ERRORS, 'mfa_not_enabled'],
    handler: async ({ request, session, body }) =>
      mapResult(await disableTotp(session, body, requestClient(request)), () => ({
        message: 'Two-step sign-in is off.',
      })),
  }),
});
