/**
 * Prometheus metrics (prom-client). The runner (server/start.ts) loads this module before Next, so the metrics
 * live on globalThis and the app's own bundled copy of this file records into the same ones. The runner serves
 * them on METRICS_PORT only (127.0.0.1 by default), never on the public port; with several cluster workers the
 * primary asks every worker (prom-client's AggregatorRegistry). Runner-loaded: relative imports, no
 * server-only, no database: the database pool and the outbox report through sources set by their owners.
 */
import client from 'prom-client';

export type PoolStats = { inUse: number; waiting: number };
export type OutboxBacklog = { depth: number; oldestAgeSeconds: number };

type Metrics = {
  registry: client.Registry;
  requests: client.Counter<'route' | 'method' | 'status'>;
  duration: client.Histogram<'route' | 'method'>;
  unavailable: client.Counter<'route'>;
  refusals: client.Counter<'kind'>;
  sources: { pool?: () => PoolStats; outbox?: () => Promise<OutboxBacklog> };
};

function create(): Metrics {
  const registry = client.register;
  const sources: Metrics['sources'] = {};
  // Process memory, CPU, heap, event-loop lag (nodejs_eventloop_lag_seconds), under their usual names.
  client.collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    sources,
    requests: new client.Counter({
      name: 'profilehub_http_requests_total',
      help: 'Requests answered, by route (the app route pattern, "static" or "other") and status.',
      labelNames: ['route', 'method', 'status'],
    }),
    duration: new client.Histogram({
      name: 'profilehub_http_request_duration_seconds',
      help: 'Time to answer a request, by route.',
      labelNames: ['route', 'method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    unavailable: new client.Counter({
      name: 'profilehub_unavailable_total',
      help: 'Requests answered 503 (the database unreachable, slow or out of connections).',
      labelNames: ['route'],
    }),
    refusals: new client.Counter({
      name: 'profilehub_rate_limit_refusals_total',
      help: 'Requests refused by a rate limit or the login back-off, by kind.',
      labelNames: ['kind'],
    }),
  };
  new client.Gauge({
    name: 'profilehub_db_pool_connections_in_use',
    help: 'Database connections lent out right now.',
    registers: [registry],
    collect() {
      this.set(sources.pool?.().inUse ?? 0);
    },
  });
  new client.Gauge({
    name: 'profilehub_db_pool_waiting',
    help: 'Requests waiting for a database connection right now.',
    registers: [registry],
    collect() {
      this.set(sources.pool?.().waiting ?? 0);
    },
  });
  // Every worker sees the same table: the cluster view takes the largest, not the sum.
  const depth = new client.Gauge({
    name: 'profilehub_outbox_depth',
    help: 'Mail waiting to be sent (not sent, not given up).',
    registers: [registry],
    aggregator: 'max',
  });
  new client.Gauge({
    name: 'profilehub_outbox_oldest_age_seconds',
    help: 'Age of the oldest mail waiting to be sent (0 when none waits).',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const backlog = await sources.outbox?.().catch(() => undefined);
      depth.set(backlog?.depth ?? 0);
      this.set(backlog?.oldestAgeSeconds ?? 0);
    },
  });
  return metrics;
}

type Aggregator = client.AggregatorRegistry<client.RegistryContentType>;
const globalForMetrics = globalThis as unknown as { profileHubMetrics?: Metrics; profileHubAggregator?: Aggregator };

/** This process's metrics (created once, shared by the runner and the app). */
export function metrics(): Metrics {
  globalForMetrics.profileHubMetrics ??= create();
  return globalForMetrics.profileHubMetrics;
}

/** A refusal by a per-address limit (its kind), another limit (its rule's name) or the login back-off. */
export function countRefusal(kind: string): void {
  metrics().refusals.inc({ kind });
}

/** Where the pool's numbers come from (db/client.ts sets it when it opens the pool). */
export function reportPoolStats(source: () => PoolStats): void {
  metrics().sources.pool = source;
}

/** Where the outbox backlog comes from (the mail worker sets it when it starts). */
export function reportOutboxBacklog(source: () => Promise<OutboxBacklog>): void {
  metrics().sources.outbox = source;
}

/** One answered request. 503s are also counted on their own. */
export function recordRequest(route: string, method: string, status: number, seconds: number): void {
  const { requests, duration, unavailable } = metrics();
  requests.inc({ route, method, status: String(status) });
  duration.observe({ route, method }, seconds);
  if (status === 503) unavailable.inc({ route });
}

/** The text a scrape gets: this process's metrics, or, in a cluster's primary, every worker's together. */
export async function scrape(aggregate: boolean): Promise<{ contentType: string; body: string }> {
  const registry = metrics().registry;
  if (!aggregate) return { contentType: registry.contentType, body: await registry.metrics() };
  const cluster = globalForMetrics.profileHubAggregator!;
  return { contentType: cluster.contentType, body: await cluster.clusterMetrics() };
}

/** Call once in every cluster process: the primary to ask, a worker to answer (prom-client's listeners). */
export function joinClusterMetrics(): void {
  globalForMetrics.profileHubAggregator ??= new client.AggregatorRegistry();
}
