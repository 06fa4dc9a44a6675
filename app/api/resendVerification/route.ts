import { resendVerification, resendVerificationMessage } from '@/lib/email/verification';
import { messageBody } from '@/lib/http/bodies';
import { requestClient } from '@/lib/http/client';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Mail a new verification link to the address on file (older links die). Three per 15 minutes.',
    tag: 'Email',
    auth: 'session',
    success: { status: 200, description: 'Sent, or already verified.', schema: messageBody },
    errors: ['rate_limited', 'unavailable'],
    handler: async ({ request, session }) =>
      mapResult(await resendVerification(session.user, requestClient(request)), (sent) => ({
        message: resendVerificationMessage(sent, session.user),
      })),
  }),
});
