import { apiRoute, operation } from '@/lib/http/route';

// Swagger UI (swagger-ui-dist) renders the generated document; its files are served by ./[asset].
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Profile Hub API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: operation({
    summary: 'This reference, rendered by Swagger UI.',
    tag: 'Service',
    auth: 'none',
    success: { status: 200, description: 'An HTML page.', mediaType: 'text/html' },
    handler: async () =>
      new Response(PAGE, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
      }),
  }),
});
