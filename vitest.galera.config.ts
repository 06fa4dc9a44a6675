import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** The Galera cluster suite (npm test -- galera): starts its own cluster and app instances. */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['tests/galera/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 400_000,
    pool: 'forks',
  },
});
