import { spawn, type ChildProcess } from 'node:child_process';
import { RUNNER_ARGS } from '../../server/node-flags';

/** The production app in its own process on its own port, with everything it prints kept for inspection. */
export class AppProcess {
  private child?: ChildProcess;
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 60_000) {
    // The production runner (npm start), as users get it.
    this.child = spawn(process.execPath, RUNNER_ARGS, {
      env: {
        ...process.env,
        WEB_CONCURRENCY: '1',
        ...this.env,
        NODE_ENV: 'production',
        PORT: String(this.port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.stdout!.on('data', (chunk) => (this.output += chunk));
    this.child.stderr!.on('data', (chunk) => (this.output += chunk));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const live = await fetch(`${this.baseUrl}/api/live`).catch(() => undefined);
      if (live?.ok) return;
      if (this.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`the app did not start on port ${this.port}:\n${this.output.slice(-3000)}`);
  }

  /** The JSON lines the app logged (anything else it printed is skipped). */
  logLines(): Record<string, unknown>[] {
    return this.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  async stop() {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** fetch with the time it took. */
export async function timed(url: string, init: RequestInit = {}) {
  const started = performance.now();
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}
