/**
 * The runner's side of the metrics (lib/platform/metrics.ts): which route a request was, and the endpoint
 * Prometheus scrapes, on its own port (METRICS_PORT, bound to 127.0.0.1 unless METRICS_HOST says otherwise).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { scrape } from '../lib/platform/metrics.ts';

type Route = { page: string; regex: string };
type RoutesManifest = { staticRoutes?: Route[]; dynamicRoutes?: Route[] };

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A bounded label for a method: anything unusual is "other". */
export function methodLabel(method: string | undefined): string {
  return method && METHODS.has(method) ? method : 'other';
}

/**
 * The route label of a request path: the app's route pattern from the build's routes manifest ("/u/[username]"),
 * "static" for build files, "other" for anything else (a 404), so a label never holds a user's input.
 */
export function routeLabeler(manifest: RoutesManifest): (url: string) => string {
  // Next's own order: the static routes, then the dynamic ones (most specific first).
  const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map(({ page, regex }) => ({
    page,
    regex: new RegExp(regex),
  }));
  return (url) => {
    const pathname = url.split('?')[0] ?? '/';
    if (pathname.startsWith('/_next/')) return 'static';
    return routes.find((route) => route.regex.test(pathname))?.page ?? 'other';
  };
}

export function buildRouteLabeler(root: string, distDir: string): (url: string) => string {
  const manifest = JSON.parse(readFileSync(path.join(root, distDir, 'routes-manifest.json'), 'utf8')) as RoutesManifest;
  return routeLabeler(manifest);
}

/** GET /metrics on its own port; `aggregate` in a cluster's primary (every worker's metrics together). */
export function serveMetrics(
  where: { port: number; host: string },
  aggregate: boolean,
  log: (message: string) => void,
): Server {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GET /metrics\n');
      return;
    }
    scrape(aggregate).then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      (error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`),
    );
  });
  server.listen(where.port, where.host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : where.port;
    log(`metrics on http://${where.host}:${bound}/metrics`);
  });
  server.unref();
  return server;
}
