import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { RUNNER_ARGS } from '../../server/node-flags';

export type RunningServer = { baseUrl: string; pid: number; stop: () => void };

/** Resident memory of a server's whole process group (the runner and any workers), in MiB. */
export function groupRssMiB(pgid: number): number {
  let kib = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      kib += Number(rss?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kib / 1024);
}

/**
 * The production build behind the production runner (server/start.ts, as `npm start`), served for real over
 * HTTP with this environment, in a process group of its own. The runner takes the client's address from the
 * socket, so a request sent from 127.0.x.y counts as that client.
 */
export async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, RUNNER_ARGS, {
    env: { WEB_CONCURRENCY: '1', ...env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return { baseUrl, pid: child.pid!, stop };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`the server on port ${port} did not answer /api/health in 60 s`);
}

/**
 * Every test reaches the shared servers from 127.0.0.1, so the per-address
 * limits are lifted there (the per-account ones stay at their defaults);
 * tests/throttle/ runs its own server with every limit at its default.
 */
export const LIFTED_CLIENT_LIMITS = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
  RATE_LIMIT_SIGNUP_PER_HOUR: '1000000',
  RATE_LIMIT_AVAILABILITY_PER_MINUTE: '1000000',
  RATE_LIMIT_API_PER_MINUTE: '1000000',
  RATE_LIMIT_MAIL_PER_HOUR: '1000000',
};
