/**
 * Test configuration. Deliberately separate from vite.config.ts: vite-plugin-solid would make `ws`
 * resolve to its browser build in server tests.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'test/bench/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and browsers; two cores are shared with them.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
