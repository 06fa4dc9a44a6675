import { z } from 'zod';
import { listPasskeys } from '@/lib/account/passkeys';
import { apiRoute, operation } from '@/lib/http/route';
import { ok } from '@/lib/platform/result';

export const passkeySummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string().describe('ISO 8601.'),
  lastUsedAt: z.string().nullable().describe('ISO 8601; null until first used.'),
});

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: "The user's passkeys: name, created, last used.",
    tag: 'Accounts',
    auth: 'session',
    success: {
      status: 200,
      description: 'The passkeys.',
      schema: z.object({ passkeys: z.array(passkeySummarySchema) }),
    },
    errors: [],
    handler: async ({ session }) =>
      ok({
        passkeys: (await listPasskeys(session.user.id)).map((key) => ({
          id: key.id,
          name: key.name,
          createdAt: key.createdAt.toISOString(),
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        })),
      }),
  }),
});
