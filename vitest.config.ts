import path from 'node:path';
import { defineConfig } from 'vitest/config';

// *.isolated.test.ts measure answer times: they run in a pass of their own (VITEST_ISOLATED=1),
// not beside 15 other files.
const isolated = process.env.VITEST_ISOLATED === '1';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The domain runs in-process here, outside React's server graph that 'server-only' guards.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    // A stray `.only` must not silently shrink the suite in CI.
    allowOnly: !process.env.CI,
    projects: [
      {
        // Pure functions: no database, no build, no server; seconds to run (npm run test:unit).
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], pool: 'threads', isolate: false },
      },
      {
        // The domain layer in-process and every route over real HTTP against `next start` (npm test builds first).
        extends: true,
        test: {
          name: 'integration',
          include: isolated ? ['tests/**/*.isolated.test.ts'] : ['tests/**/*.test.ts'],
          // tests/galera is its own suite: npm test -- galera (vitest.galera.config.ts), run by .ci/run after npm test.
          exclude: [
            'tests/unit/**',
            'tests/galera/**',
            '**/node_modules/**',
            ...(isolated ? [] : ['tests/**/*.isolated.test.ts']),
          ],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
