/**
 * Metrics (docs/operating.md): Prometheus text on METRICS_PORT only, bound to loopback, counting what the runner
 * served; with several cluster workers, one scrape covers every worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { send } from '../support/http';
import type { RunningApp } from '../../scripts/lib/app-server';
import { startTestApp } from '../support/server';

const runners: RunningApp[] = [];
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
});

function metricsUrl(runner: RunningApp): string {
  const found = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(runner.output());
  expect(found, runner.output()).not.toBeNull();
  return found![1]!;
}

/** The value of one sample ("name{labels}"), or undefined when the scrape has no such line. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const LIVE = 'profilehub_http_requests_total{route="/api/live",method="GET",status="200"}';

/** A request on a connection of its own (cluster workers take turns per connection). */
const get = (url: string) => send(url, { headers: { connection: 'close' } });

async function scrapeWhen(url: string, ready: (text: string) => boolean): Promise<string> {
  let text = '';
  for (let attempt = 0; attempt < 50; attempt++) {
    const reply = await send(url);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = reply.body;
    if (ready(text)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return text;
}

describe('metrics', () => {
  it('are off unless METRICS_PORT is set, and never served on the public port', async () => {
    const runner = await startTestApp();
    runners.push(runner);
    expect(runner.output()).not.toMatch(/metrics on/);
    const reply = await get(`${runner.baseUrl}/metrics`);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toMatch(/profilehub_http_requests_total/);
  });

  it('count requests by route and status, latency, refusals, the pool, the outbox and the process', async () => {
    const runner = await startTestApp({ METRICS_PORT: '0', RATE_LIMIT_AVAILABILITY_PER_MINUTE: '1' });
    runners.push(runner);
    const url = metricsUrl(runner);
    // startApp's readiness probes (GET /api/live) are counted too.
    const probes = sample((await send(url)).body, LIVE) ?? 0;
    // /api/live touches no database, so a loaded machine cannot turn these into 503s.
    for (let i = 0; i < 3; i++) expect((await get(`${runner.baseUrl}/api/live`)).status).toBe(200);
    expect([404, 503]).toContain((await get(`${runner.baseUrl}/api/no-such-endpoint`)).status);
    const card = (await get(`${runner.baseUrl}/u/nobody-${Date.now()}`)).status;
    expect([404, 503]).toContain(card); // 503 only when the loaded database is too slow
    const availability: number[] = [];
    for (let i = 0; i < 10 && !availability.includes(429); i++)
      availability.push((await get(`${runner.baseUrl}/api/checkUsername?username=x${i}abc`)).status);
    expect(availability).toContain(429);

    const text = await scrapeWhen(url, (body) => sample(body, LIVE) === probes + 3);
    expect(sample(text, LIVE)).toBe(probes + 3);
    expect(sample(text, 'profilehub_http_request_duration_seconds_count{route="/api/live",method="GET"}')).toBe(
      probes + 3,
    );
    expect(
      sample(text, 'profilehub_http_request_duration_seconds_bucket{le="+Inf",route="/api/live",method="GET"}'),
    ).toBe(probes + 3);
    // A path's own text never becomes a label: unknown paths are their route pattern.
    expect(text).not.toMatch(/nobody-|no-such-endpoint/);
    expect(sample(text, `profilehub_http_requests_total{route="/u/[username]",method="GET",status="${card}"}`)).toBe(1);
    expect(sample(text, 'profilehub_rate_limit_refusals_total{kind="availability"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'profilehub_http_requests_total{route="/api/checkUsername",method="GET",status="429"}')).toBe(
      availability.filter((status) => status === 429).length,
    );
    for (const gauge of [
      'profilehub_db_pool_connections_in_use',
      'profilehub_db_pool_waiting',
      'profilehub_outbox_depth',
      'profilehub_outbox_oldest_age_seconds',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(sample(text, gauge), gauge).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 2 ** 20);
    expect((await send(url.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('cover every cluster worker in one scrape (the primary asks each)', async () => {
    const runner = await startTestApp({ WEB_CONCURRENCY: '2', METRICS_PORT: '0' }, { readyLines: 2 });
    runners.push(runner);
    const url = metricsUrl(runner);
    const probes = sample((await send(url)).body, LIVE) ?? 0;
    const requests = 40;
    for (let i = 0; i < requests; i++) expect((await get(`${runner.baseUrl}/api/live`)).status).toBe(200);
    const text = await scrapeWhen(url, (body) => sample(body, LIVE) === probes + requests);
    // Connections alternate between the two workers: each saw about half, and the scrape sums them.
    expect(sample(text, LIVE)).toBe(probes + requests);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 2 ** 20);
  });
});
