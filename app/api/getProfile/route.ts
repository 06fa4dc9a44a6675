import { apiRoute, operation } from '@/lib/http/route';
import { profileSchema } from '@/lib/account/profile-schema';
import { ok } from '@/lib/platform/result';
import { resolveSessionWithProfile, type SessionWithProfile } from '@/lib/account/session-profile';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'The profile card of the signed-in user.',
    tag: 'Profile',
    auth: 'session',
    success: { status: 200, description: 'Profile.', schema: profileSchema },
    // One round trip: the session, its user and the profile (the contract's inline Image included).
    resolveSession: (code) => resolveSessionWithProfile(code, 'bytes'),
    handler: async ({ session }) => ok((session as unknown as SessionWithProfile<'bytes'>).profile),
  }),
});
