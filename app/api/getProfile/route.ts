import { authenticate } from '@/lib/http/auth';
import { jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { resolveSessionWithProfile } from '@/lib/sessions';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    // One round trip: the session, its user and the profile (the contract's inline Image included).
    const session = await authenticate(request, { stateChanging: false }, (code) => resolveSessionWithProfile(code, 'bytes'));
    return jsonResponse(session.profile);
  },
});
