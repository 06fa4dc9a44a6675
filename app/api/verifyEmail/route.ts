import { z } from 'zod';
import { verifyEmail } from '@/lib/email/verification';
import { apiRoute, operation } from '@/lib/http/route';
import { mapResult } from '@/lib/platform/result';
import { verifyEmailSchema } from '@/lib/validation/email';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: operation({
    summary: 'Confirm an address with the token from its verification link (valid 24 hours, once).',
    tag: 'Email',
    auth: 'none',
    body: verifyEmailSchema,
    success: { status: 200, description: 'Verified.', schema: z.object({ message: z.string(), email: z.string() }) },
    errors: ['invalid_token'],
    handler: async ({ body }) =>
      mapResult(await verifyEmail(body.token), ({ email }) => ({ message: 'Email address verified.', email })),
  }),
});
