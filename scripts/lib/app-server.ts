/**
 * The one way tests, e2e fixtures and scripts start the app: the production server (server/start.ts, with the
 * heap flags of `npm start`) of the current build, in a process group of its own, on a port the OS picks (PORT=0;
 * the server prints the port it bound), ready once it reports ready and `/api/live` answers. Everything it prints
 * goes to a log file per server (test-results/server-logs/<name>-<pid>.log), never to the test runner's output:
 * tests/support/setup.ts prints the tail beside a failing Vitest test, e2e/fixtures.ts attaches it to a failing
 * Playwright test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { HEAP_FLAGS } from '../../server/node-flags.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const SERVER_LOG_DIR = path.join(root, 'test-results', 'server-logs');

export type AppOptions = {
  /** Names the log file (`<name>-<pid>.log`). */
  name?: string;
  /** Over `baseEnv` and NODE_ENV=production, HOST=127.0.0.1, PORT, WEB_CONCURRENCY=1; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** The environment `env` goes over (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
  /** 0 (default): the OS picks. A fixed port only where it must be known before the start or kept over a restart. */
  port?: number;
  /** Node arguments after the heap flags (a profiler, say). */
  nodeArgs?: string[];
  /** Another server script (the bench's reference server); default the production server. */
  script?: string;
};

/** A spawned server, ready or not. */
export type SpawnedApp = {
  name: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** Everything the server printed so far (stdout and stderr, in order). */
  output: () => string;
  /** The JSON lines it logged (anything else it printed is skipped). */
  logLines: () => Record<string, unknown>[];
  /** Its exit code (null after a signal), once it has exited. */
  exited: Promise<number | null>;
  /**
   * Stops it: `signal` to the server (graceful for SIGTERM/SIGINT, workers included), then, if it is still there
   * after `graceMs`, SIGKILL to its whole process group. Resolves with the server's exit code.
   */
  stop: (signal?: NodeJS.Signals, graceMs?: number) => Promise<number | null>;
};

export type RunningApp = SpawnedApp & { port: number; baseUrl: string };

const spawned: SpawnedApp[] = [];
/** Every server this process started, oldest first (the test hooks print the logs of these). */
export const startedApps = (): readonly SpawnedApp[] => spawned;

/** The size of a log file now (0 if it is not there). */
export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The last `lines` lines of a log file written after byte `from`. */
export function logTail(file: string, from = 0, lines = 60): string {
  let text: string;
  try {
    text = readFileSync(file).subarray(from).toString('utf8');
  } catch {
    return '';
  }
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  const kept = all.slice(-lines);
  let tail = kept.join('\n');
  // A line can hold a stack: a screenful at most.
  if (tail.length > 12_000) tail = `…${tail.slice(-12_000)}`;
  return (all.length > kept.length ? `… (${all.length - kept.length} lines before)\n` : '') + tail;
}

/** A TCP port nothing listens on right now (the OS picks it, so parallel runs never collide). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawns the server and returns at once: for a test that expects it to exit (a refused setting). */
export function spawnApp(options: AppOptions = {}): SpawnedApp {
  const name = (options.name ?? 'app').replace(/[^\w.-]+/g, '-');
  mkdirSync(SERVER_LOG_DIR, { recursive: true });
  // Named after the server's pid once it has one; until then, unique to this call.
  const opening = path.join(SERVER_LOG_DIR, `${name}-${process.pid}-${Date.now()}-${spawned.length}.log`);
  const fd = openSync(opening, 'w');
  const env: NodeJS.ProcessEnv = {
    WEB_CONCURRENCY: '1',
    ...(options.baseEnv ?? process.env),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(options.port ?? 0),
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const script = options.script ?? 'server/start.ts';
  const flags = script === 'server/start.ts' ? HEAP_FLAGS : [];
  const child = spawn(process.execPath, [...flags, ...(options.nodeArgs ?? []), script], {
    cwd: root,
    env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  let logFile = opening;
  if (child.pid) {
    logFile = path.join(SERVER_LOG_DIR, `${name}-${child.pid}.log`);
    renameSync(opening, logFile);
  }
  const exited = once(child, 'exit').then(
    ([code]) => code as number | null,
    () => null,
  );
  const pid = child.pid ?? 0;
  const output = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const app: SpawnedApp = {
    name,
    child,
    pid,
    logFile,
    output,
    logLines: () =>
      output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    exited,
    stop: async (signal = 'SIGTERM', graceMs = 15_000) => {
      const kill = (target: number, sig: NodeJS.Signals) => {
        try {
          process.kill(target, sig);
        } catch {
          // already gone
        }
      };
      if (!pid) return exited;
      if (child.exitCode === null && child.signalCode === null) {
        if (signal === 'SIGKILL') kill(-pid, 'SIGKILL');
        else kill(pid, signal);
      }
      const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([exited, timer]);
      // Whatever is left of the group (a worker that outlived its primary, or a server that hangs).
      kill(-pid, 'SIGKILL');
      return exited;
    },
  };
  spawned.push(app);
  return app;
}

const READY = /ready on http:\/\/[^\s:]+:(\d+)/g;

/**
 * Starts the server and resolves once `readyLines` processes (workers) report ready and `/api/live` answers 200
 * (`live: false`: a server without it, the bench's reference);
 * rejects with the tail of its log if it exits or takes longer than `timeoutMs`.
 */
export async function startApp(
  options: AppOptions & { readyLines?: number; timeoutMs?: number; live?: boolean } = {},
): Promise<RunningApp> {
  const app = spawnApp(options);
  const { readyLines = 1, timeoutMs = 90_000, live = true } = options;
  const deadline = Date.now() + timeoutMs;
  const fail = async (why: string) => {
    await app.stop('SIGKILL');
    return new Error(`${app.name} (${app.logFile}) ${why}:\n${logTail(app.logFile, 0, 40)}`);
  };
  let port = 0;
  while (!port) {
    const ready = [...app.output().matchAll(READY)];
    if (ready.length >= readyLines) port = Number(ready[0]![1]);
    else if (app.child.exitCode !== null || app.child.signalCode !== null)
      throw await fail(`exited (${app.child.exitCode ?? app.child.signalCode}) before it was ready`);
    else if (Date.now() > deadline) throw await fail(`was not ready in ${timeoutMs / 1000} s`);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  while (live) {
    const answer = await fetch(`${baseUrl}/api/live`).catch(() => undefined);
    if (answer?.ok) break;
    if (app.child.exitCode !== null) throw await fail(`exited (${app.child.exitCode}) before /api/live answered`);
    if (Date.now() > deadline) throw await fail(`did not answer /api/live in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Object.assign(app, { port, baseUrl });
}

/**
 * Runs the server expecting it to exit by itself (a refused setting, say): resolves with its exit code (null if
 * it had to be killed after `timeoutMs`) and everything it printed.
 */
export async function runAppToExit(
  options: AppOptions & { timeoutMs?: number } = {},
): Promise<{ code: number | null; output: string }> {
  const app = spawnApp(options);
  const timer = setTimeout(() => void app.stop('SIGKILL'), options.timeoutMs ?? 30_000);
  const code = await app.exited;
  clearTimeout(timer);
  return { code, output: app.output() };
}
