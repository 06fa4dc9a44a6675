import path from 'node:path';
import { defineConfig } from 'vitest/config';

// *.isolated.test.ts measure answer times: they run in a pass of their own (VITEST_ISOLATED=1), not beside 15 other files.
const isolated = process.env.VITEST_ISOLATED === '1';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: isolated ? ['tests/**/*.isolated.test.ts'] : ['tests/**/*.test.ts'],
    // Its own suite: npm test -- galera (vitest.galera.config.ts), run by .ci/run after npm test.
    exclude: ['tests/galera/**', '**/node_modules/**', ...(isolated ? [] : ['tests/**/*.isolated.test.ts'])],
    environment: 'node',
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
