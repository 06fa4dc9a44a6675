import { spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';

/** The production build, served for real over HTTP, against this run's throwaway database. */
let server: ChildProcess | undefined;
const PORT = Number(process.env.TEST_API_PORT ?? 3210);

export async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL?.includes('_test_')) {
    throw new Error('Integration tests need a throwaway DATABASE_URL (run them with npm test).');
  }
  const baseUrl = `http://127.0.0.1:${PORT}`;
  project.provide('baseUrl', baseUrl);
  // The isolated pass starts servers of its own and wants the machine to itself.
  if (process.env.VITEST_ISOLATED === '1') return;
  server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (attempt === 119) throw new Error('next start did not answer /api/health in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  project.provide('baseUrl', baseUrl);
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
