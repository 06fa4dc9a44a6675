/**
 * The load generator of `npm run bench`, in its own process(es): Debian's wrk
 * when installed (a Lua script picks a random prepared request each time),
 * else autocannon in a child process. Both report the same summary.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Variant = { headers: Record<string, string>; body?: string };
export type Load = { url: string; method: 'GET' | 'POST'; variants: Variant[]; seconds: number; connections: number };
export type Summary = { rps: number; p50: number; p99: number; requests: number; failures: number };

export const tool = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).stdout.trim()
  ? 'wrk'
  : 'autocannon';

const lua = (text: string) => `[==[${text}]==]`;

function wrkScript(load: Load): string {
  const { pathname, search } = new URL(load.url);
  const variants = load.variants
    .map(
      (v) =>
        `{ headers = { ${Object.entries(v.headers)
          .map(([k, x]) => `[ ${lua(k)} ] = ${lua(x)}`)
          .join(', ')} }, body = ${v.body === undefined ? 'nil' : lua(v.body)} }`,
    )
    .join(',\n');
  return `local variants = {\n${variants}\n}
local prepared = {}
init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  for i, v in ipairs(variants) do prepared[i] = wrk.format(${lua(load.method)}, ${lua(pathname + search)}, v.headers, v.body) end
end
request = function() return prepared[math.random(#prepared)] end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"failures":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;
}

function collect(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}: ${out}`)),
    );
  });
}

export async function runLoad(load: Load): Promise<Summary> {
  if (tool === 'wrk') {
    const dir = mkdtempSync(path.join(tmpdir(), 'profile-hub-wrk-'));
    const script = path.join(dir, 'load.lua');
    writeFileSync(script, wrkScript(load));
    const origin = new URL(load.url).origin;
    const out = await collect('wrk', [
      '-t2',
      `-c${load.connections}`,
      `-d${load.seconds}s`,
      '--timeout',
      '30s',
      '-s',
      script,
      origin,
    ]);
    const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no summary:\n${out}`);
    const r = JSON.parse(line) as {
      requests: number;
      durationUs: number;
      p50Us: number;
      p99Us: number;
      failures: number;
    };
    return {
      rps: r.requests / (r.durationUs / 1e6),
      p50: r.p50Us / 1000,
      p99: r.p99Us / 1000,
      requests: r.requests,
      failures: r.failures,
    };
  }
  const out = await collect(process.execPath, [
    path.join(import.meta.dirname, 'autocannon-load.ts'),
    JSON.stringify(load),
  ]);
  return JSON.parse(out.trim().split('\n').pop()!) as Summary;
}
