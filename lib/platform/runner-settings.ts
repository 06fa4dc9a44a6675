/**
 * The settings the production runner (server/start.ts) needs before Next loads, and the log needs in any
 * process. Plain node runs this file (type stripping), so: relative `.ts` imports, no `server-only`, no secret.
 * lib/platform/config.ts parses the same settings through this module, so each has one parser.
 */
import { availableParallelism } from 'node:os';
import proxyAddr from 'proxy-addr';

export class SettingError extends Error {}

/** Is the peer at this address, this many hops from the server, a trusted proxy? */
export type Trust = (address: string, hop: number) => boolean;

export type RunnerSettings = {
  /** 0 lets the OS pick. */
  port: number;
  /** Undefined: every interface (IPv6 and IPv4), as `next start` does. */
  host: string | undefined;
  shutdownTimeoutMs: number;
  workers: number;
  trustProxy: Trust;
  /** Some proxy is trusted (its X-Request-Id is believed outside the runner's per-connection check). */
  trustsAnyProxy: boolean;
  /** APP_URL is https: every request counts as https (Secure cookies, HSTS), whatever a proxy says or omits. */
  publicHttps: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFormat: 'json' | 'pretty' | undefined;
  /** The Prometheus endpoint, or null when METRICS_PORT is unset or "off". */
  metrics: { port: number; host: string } | null;
  /** libuv's thread pool (UV_THREADPOOL_SIZE, read by node itself; 4 by default). */
  threadPoolSize: number;
  /** The build's folder (NEXT_DIST_DIR, also read by next.config.mjs at build time; `.next` by default). */
  distDir: string;
};

type Env = Record<string, string | undefined>;

function whole(env: Env, name: string, fallback: number, min: number, max: number, unit = ''): number {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new SettingError(`${name}="${raw}" must be a whole number${unit} from ${min} to ${max}.`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, choices: readonly T[]): T | undefined {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return undefined;
  const value = raw.toLowerCase() as T;
  if (!choices.includes(value)) throw new SettingError(`${name}="${raw}" must be one of: ${choices.join(', ')}.`);
  return value;
}

const NO_PROXY = /^(|false|0|off|no)$/i;

/**
 * TRUST_PROXY: unset, empty, "false", "0", "off" or "no" (any case) → no proxy is trusted (the socket's peer is
 * the client); a whole number N → the N nearest hops are proxies; otherwise a comma list of addresses, CIDRs,
 * or proxy-addr's names ("loopback", "uniquelocal", …).
 */
export function parseTrustProxy(value: string | undefined): Trust {
  const setting = (value ?? '').trim();
  if (NO_PROXY.test(setting)) return () => false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  const list = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    return proxyAddr.compile(list);
  } catch (error) {
    throw new SettingError(
      `TRUST_PROXY="${setting}" is not a hop count or a list of addresses/CIDRs: ${(error as Error).message}`,
    );
  }
}

/** Every runner setting, checked; a bad one throws a SettingError naming it. */
export function parseRunnerSettings(env: Env): RunnerSettings {
  // Every core by default: one process on a 2-core server leaves half its speed unused. No worker keeps its own
  // copy of anything a user can change (sessions and public cards are read from MySQL on every request).
  const concurrency = (env.WEB_CONCURRENCY ?? '').trim();
  const workers =
    concurrency === 'auto'
      ? availableParallelism()
      : whole(env, 'WEB_CONCURRENCY', availableParallelism(), 1, 256, ' (or "auto")');
  const metricsSetting = (env.METRICS_PORT ?? '').trim();
  return {
    port: whole(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || undefined,
    shutdownTimeoutMs: whole(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000, ' of milliseconds'),
    workers,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    trustsAnyProxy: !NO_PROXY.test((env.TRUST_PROXY ?? '').trim()),
    publicHttps: /^https:\/\//i.test((env.APP_URL ?? '').trim()),
    logLevel:
      oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const) ?? 'info',
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const),
    metrics:
      metricsSetting === '' || /^off$/i.test(metricsSetting)
        ? null
        : { port: whole(env, 'METRICS_PORT', 0, 0, 65535), host: env.METRICS_HOST?.trim() || '127.0.0.1' },
    threadPoolSize: whole(env, 'UV_THREADPOOL_SIZE', 4, 1, 1024),
    distDir: env.NEXT_DIST_DIR?.trim() || '.next',
  };
}

let cached: RunnerSettings | undefined;

/** This process's runner settings (read once). */
export function runnerSettings(): RunnerSettings {
  cached ??= parseRunnerSettings(process.env);
  return cached;
}
