import { jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { openApiDocument } from '@/lib/openapi';

let document: ReturnType<typeof openApiDocument> | undefined;

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async () => {
    document ??= openApiDocument();
    const response = jsonResponse(document);
    response.headers.set('cache-control', 'public, max-age=300');
    return response;
  },
});
