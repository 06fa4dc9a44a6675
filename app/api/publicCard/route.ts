import { authenticate } from '@/lib/http/auth';
import { parseJsonBody } from '@/lib/http/body';
import { jsonResponse } from '@/lib/http/errors';
import { respond } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { getPublicCardSettings, publicCardPath, savePublicCardSettings } from '@/lib/public-cards';
import { publicCardSettingsSchema, type PublicCardSettings } from '@/lib/validation/public-card';

const body = (settings: PublicCardSettings, username: string) => ({ ...settings, url: publicCardPath(username) });

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    const session = await authenticate(request, { stateChanging: false });
    return jsonResponse(body(await getPublicCardSettings(session.user.id), session.user.username));
  },
  POST: async (request) => {
    const session = await authenticate(request, { stateChanging: true });
    const input = await parseJsonBody(request, publicCardSettingsSchema);
    return respond(await savePublicCardSettings(session.user.id, input), (settings) => body(settings, session.user.username));
  },
});
