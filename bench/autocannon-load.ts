/** autocannon in its own process (the fallback of bench/load.ts when wrk is missing); prints one JSON summary. */
import autocannon from 'autocannon';
import type { Load } from './load.ts';

const load = JSON.parse(process.argv[2]!) as Load;
const pick = () => load.variants[Math.floor(Math.random() * load.variants.length)]!;
const result = await autocannon({
  url: load.url,
  connections: load.connections,
  duration: load.seconds,
  timeout: 30,
  requests: [{ method: load.method, setupRequest: (request) => ({ ...request, ...pick() }) }],
});
console.log(
  JSON.stringify({
    rps: result.requests.total / load.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  }),
);
