import { defineConfig } from 'vitest/config';
export default defineConfig({ resolve: { alias: { '@': '/work/wt/i15' } }, test: { root: '/work/wt/i15', include: [process.env.ONLY ?? 'tests/unit/**/*.test.ts'], testTimeout: 120000, hookTimeout: 180000, environment: 'node' } });
