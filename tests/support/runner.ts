import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { RUNNER_ARGS } from '../../server/node-flags';
import { LIFTED_CLIENT_LIMITS } from './server';

export type Runner = {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Starts the production runner (server/start.ts) on a free port with extra environment; resolves once it serves.
 * Per-address limits are lifted as on the shared server: their counts live in the shared database, where every
 * other test's requests from 127.0.0.1 are counted too (tests/throttle/ checks them at their defaults).
 */
export async function startRunner(env: Record<string, string> = {}, readyLines = 1): Promise<Runner> {
  const child = spawn(process.execPath, RUNNER_ARGS, {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...LIFTED_CLIENT_LIMITS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const deadline = Date.now() + 90_000;
  let port = 0;
  while (Date.now() < deadline) {
    const ready = [...output.matchAll(/ready on http:\/\/127\.0\.0\.1:(\d+)/g)];
    if (ready.length >= readyLines) {
      port = Number(ready[0]![1]);
      break;
    }
    if (child.exitCode !== null) throw new Error(`the runner exited (${child.exitCode}):\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!port) {
    child.kill('SIGKILL');
    throw new Error(`the runner did not start in 90 s:\n${output}`);
  }
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
