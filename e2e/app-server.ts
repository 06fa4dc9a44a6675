import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nothing listens on at the moment of asking (the OS picks it, so parallel runs never collide). */
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

/**
 * Another runner (server/start.ts) of the same production build, with its own environment: how a test sees the
 * app against a database that is down or was never migrated, for real, beside the suite's main server.
 */
export async function startApp(env: Record<string, string>): Promise<{ baseURL: string; stop: () => void }> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // The production runner (server/start.ts): the app refuses to serve in production without it.
  const child = spawn(process.execPath, ['server/start.ts'], {
    env: { ...process.env, NODE_ENV: 'production', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let attempt = 0; attempt < 180; attempt++) {
    if (child.exitCode !== null) break;
    try {
      // Any answer means it is up: /api/health itself says 503 while the database is down.
      await fetch(`${baseURL}/api/health`);
      return { baseURL, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  stop();
  throw new Error(`the runner on ${baseURL} did not answer in 90 s.\n${errors}`);
}
