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
    // Integration tests start real servers, child processes and browsers on two cores. In CI one file at
    // a time keeps every test's servers and browser from starving each other (slower, not flakier).
    maxWorkers: process.env.CI === 'true' ? 1 : 2,
    fileParallelism: true,
  },
});
