import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** The Galera cluster suite (npm test -- galera): starts its own cluster and app instances. */
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['tests/galera/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 400_000,
    pool: 'forks',
  },
});
