import { z } from 'zod';
import { jsonResponse } from '@/lib/http/responses';
import { apiRoute, operation } from '@/lib/http/route';
import { openApiDocument } from '@/lib/http/openapi';
import { DOCUMENTED_ROUTES } from './routes';

let document: ReturnType<typeof openApiDocument> | undefined;

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'This document.',
    tag: 'Service',
    auth: 'none',
    success: { status: 200, description: 'OpenAPI 3.1 document.', schema: z.object({}).passthrough() },
    handler: async () => {
      // Built on first use: by then every route module (this one included) is loaded.
      document ??= openApiDocument([...DOCUMENTED_ROUTES, { path: '/api/openapi.json', handlers: { GET } }]);
      const response = jsonResponse(document);
      response.headers.set('cache-control', 'public, max-age=300');
      return response;
    },
  }),
});
