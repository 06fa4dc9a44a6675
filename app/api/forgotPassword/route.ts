import { messageBody } from '@/lib/http/bodies';
import { apiRoute, operation } from '@/lib/http/route';
import { FORGOT_PASSWORD_ANSWER, requestPasswordReset } from '@/lib/email/password-reset';
import { mapResult } from '@/lib/platform/result';
import { requestClient } from '@/lib/http/client';
import { forgotPasswordSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary:
      'Mail a password-reset link (valid 30 minutes, once; a newer one kills it). The same answer in about the same ' +
      'time whether or not the address has an account; throttled per address and per client.',
    tag: 'Email',
    auth: 'none',
    body: forgotPasswordSchema,
    headers: {
      'X-Device-Token':
        'The deviceToken of an earlier login to this account: its holder has a reset quota of its own, which a ' +
        "stranger spending the address's quota cannot use up.",
    },
    success: { status: 200, description: 'Always the same sentence.', schema: messageBody },
    errors: ['rate_limited', 'unavailable'],
    handler: async ({ request, body }) =>
      mapResult(await requestPasswordReset(body, requestClient(request)), () => ({
        message: FORGOT_PASSWORD_ANSWER,
      })),
  }),
});
