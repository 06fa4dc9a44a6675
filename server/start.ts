/**
 * The production server (`npm start`; the tests start it too): Next's request
 * handler inside a plain node:http server that
 *  - decides the client address itself (server/forwarded.ts, TRUST_PROXY),
 *  - answers 405 to a non-GET method on a build file (server/static-files.ts),
 *  - runs WEB_CONCURRENCY processes (node:cluster; unset or "auto" = one per available core, `1` = one process),
 *  - stops gracefully on SIGTERM/SIGINT: no new connections, in-flight requests
 *    and any request still arriving on an open connection answered with
 *    `Connection: close`, idle keep-alive connections left to end on their own
 *    (at most the 5 s keep-alive timeout), the database pool and timers
 *    released, exit 0 — or exit 1 after SHUTDOWN_TIMEOUT_MS (10 s) if something hangs.
 *  - serves Prometheus metrics on its own port when METRICS_PORT is set (server/metrics.ts).
 * Run by Node 24 itself (type stripping): `npm start`, which adds the V8 heap flags (server/node-flags.ts).
 * Every setting it reads is parsed by lib/platform/runner-settings.ts; a bad one stops it with one line.
 */
import cluster from 'node:cluster';
import { createServer, type ServerResponse } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import nextEnv from '@next/env';
import { config, ConfigError } from '../lib/platform/config.ts';
import { logError, logger, quietClientMistakes, requestIdFrom } from '../lib/platform/log.ts';
import { withOutageStatus } from '../lib/platform/outage.ts';
import { markRunner } from '../lib/platform/runner.ts';
import { joinClusterMetrics, metrics, recordRequest } from '../lib/platform/metrics.ts';
import { runShutdownHooks } from '../lib/platform/shutdown.ts';
import { runnerSettings, type RunnerSettings } from '../lib/platform/runner-settings.ts';
import { rewriteForwardedHeaders } from './forwarded.ts';
import { buildRouteLabeler, methodLabel, serveMetrics } from './metrics.ts';
import { staticMethodGuard } from './static-files.ts';

// Next reads NODE_ENV when it loads; `next start` forces production the same way.
(process.env as Record<string, string>).NODE_ENV ??= 'production';
let settings: RunnerSettings;
try {
  settings = runnerSettings();
} catch (error) {
  console.error(`Profile Hub cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const { port, host, shutdownTimeoutMs, workers } = settings;
const root = path.resolve(import.meta.dirname, '..');

function log(message: string) {
  const role = cluster.isWorker ? `worker ${cluster.worker?.id}` : 'server';
  console.log(`[${role} ${process.pid}] ${message}`);
}

/**
 * The app's settings, checked once before any worker forks, with the env files each worker's Next will load: a bad
 * one stops start-up with one line, not one per worker. The primary's environment is put back as it was, so the
 * workers load the files themselves.
 */
function checkAppSettings() {
  try {
    nextEnv.loadEnvConfig(root, false, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
    config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger().fatal(`Profile Hub cannot start: ${error.message}`);
    process.exit(1);
  } finally {
    nextEnv.resetEnv();
  }
}

/** Forks the workers, replaces one that dies unexpectedly, and stops them all on a signal. */
function runPrimary(workers: number) {
  let stopping = false;
  let failed = false;
  checkAppSettings();
  log(`Node ${process.version}, starting ${workers} workers`);
  if (settings.metrics) {
    joinClusterMetrics();
    serveMetrics(settings.metrics, true, log);
  }
  for (let i = 0; i < workers; i++) cluster.fork();
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping && !listening.has(worker.id)) {
      // It never served (a bad environment, say): restarting it would only loop.
      log(`worker ${worker.id} failed to start (${signal ?? `exit ${code}`}); stopping`);
      failed = true;
      stop('SIGTERM');
    }
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    log(`worker ${worker.id} died (${signal ?? `exit ${code}`}); starting another`);
    setTimeout(() => cluster.fork(), 1000);
  });
  function stop(signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
    setTimeout(() => process.exit(1), shutdownTimeoutMs + 2000).unref();
  }
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function runServer() {
  const trust = settings.trustProxy;
  let warnedUntrustedProxy = false;
  const forwarding = {
    publicHttps: settings.publicHttps,
    onUntrustedProxy: (peer: string) => {
      if (warnedUntrustedProxy) return;
      warnedUntrustedProxy = true;
      log(
        `warning: ${peer} sends X-Forwarded-For but TRUST_PROXY does not name it: every client counts as ${peer} ` +
          '(per-address limits become site-wide). If it is your proxy, set TRUST_PROXY.',
      );
    },
  };
  // Created before Next loads, so the app's bundled copy of lib/platform/metrics.ts finds these (globalThis).
  metrics();
  if (cluster.isWorker) joinClusterMetrics();
  else if (settings.metrics) serveMetrics(settings.metrics, false, log);
  // Before Next loads, so that the console it keeps is the one that logs client mistakes as warnings.
  quietClientMistakes();
  // The app checks this mark at start and refuses to serve production without it (lib/platform/runner.ts).
  markRunner();
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname: host ?? 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const routeOf = buildRouteLabeler(root, settings.distDir);

  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  const server = createServer((request, response) => {
    const started = performance.now();
    response.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      recordRequest(routeOf(request.url ?? '/'), methodLabel(request.method), response.statusCode, seconds);
    });
    // A request id is taken from the connection's peer only when that peer is a trusted proxy.
    const fromProxy = trust(request.socket.remoteAddress ?? '', 0);
    const requestId = requestIdFrom(request.headers, fromProxy);
    rewriteForwardedHeaders(request, trust, forwarding);
    // Stopping: this connection ends with this answer, so a proxy sends its next request elsewhere.
    if (stopping) response.setHeader('connection', 'close');
    const refusal = staticMethodGuard(request.method ?? 'GET', request.url ?? '/');
    if (refusal) {
      response.writeHead(refusal.status, refusal.headers).end(refusal.body);
      return;
    }
    inFlight.add(response);
    response.on('close', () => inFlight.delete(response));
    // A page that failed on a database outage answers 503 + Retry-After (lib/platform/outage.ts), not Next's 500.
    withOutageStatus(request, response, () => handle(request, response), requestId).catch((error: unknown) => {
      logError('request failed', error, { requestId });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end();
    });
  });
  server.listen(port, host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    log(`ready on http://${host ?? 'localhost'}:${bound} (Node ${process.version})`);
  });

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing ${inFlight.size} in-flight requests`);
    const force = setTimeout(() => {
      log(`requests still running after ${shutdownTimeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, shutdownTimeoutMs);
    force.unref();
    for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
    // Stops accepting (a new connection is refused, which a proxy retries on another instance) and resolves once
    // every connection has ended. Not http.Server#close: it also cuts every idle keep-alive connection at once,
    // and a proxy may be sending a request on one at that very moment; a request it has sent it never sends
    // again if it is a POST (nginx answers 502). So an idle connection is left to end as usual: after its next
    // answer (Connection: close), when the client closes it (a proxy's own keep-alive timeout, shorter), or at
    // the server's keep-alive timeout (5 s). One still open a second after that (never used) is cut then.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    const idle = setTimeout(() => server.closeIdleConnections(), server.keepAliveTimeout + 1000);
    await closed;
    clearTimeout(idle);
    await app.close();
    await runShutdownHooks();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (cluster.isPrimary && workers > 1) runPrimary(workers);
else await runServer();
