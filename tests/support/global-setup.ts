import type { TestProject } from 'vitest/node';
import { LIFTED_CLIENT_LIMITS, startServer, type RunningServer } from './server';

/** The production build, served for real over HTTP, against this run's throwaway database. */
let server: RunningServer | undefined;
const PORT = Number(process.env.TEST_API_PORT ?? 3210);

export async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL?.includes('_test_')) {
    throw new Error('Integration tests need a throwaway DATABASE_URL (run them with npm test).');
  }
  // The production runner (npm start), so the tested path is the one users get.
  server = await startServer(PORT, { ...process.env, ...LIFTED_CLIENT_LIMITS });
  project.provide('baseUrl', server.baseUrl);
  project.provide('serverPid', server.pid);
}

export async function teardown() {
  server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverPid: number;
  }
}
