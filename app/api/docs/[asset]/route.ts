import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorResponse } from '@/lib/http/responses';
import { z } from 'zod';
import { apiRoute, operation } from '@/lib/http/route';

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: false });`;

// Only these files, by exact name: nothing else under node_modules is reachable.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'The files of the reference page.',
    tag: 'Service',
    auth: 'none',
    params: z.object({ asset: z.string().describe('swagger-ui.css, swagger-ui-bundle.js or init.js.') }),
    success: { status: 200, description: 'The file.', mediaType: 'text/javascript' },
    errors: ['not_found'],
    handler: async ({ params: { asset } }) => {
      if (asset === 'init.js') {
        return new Response(INIT, {
          headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' },
        });
      }
      const type = ASSETS[asset];
      if (!type) return errorResponse('not_found', 'There is no such file.');
      const body = await readFile(path.join(process.cwd(), 'node_modules', 'swagger-ui-dist', asset));
      return new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } });
    },
  }),
});
