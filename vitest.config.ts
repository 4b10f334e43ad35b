import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One DynamoDB Local per project; tests isolate themselves by table name.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/browser/**'],
          // Two files at a time even on two cores: most of a store test's time is spent waiting
          // on DynamoDB Local (its own Java process), so a second file fills that wait.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Real Chromium: after the rest, one file at a time, so the browsers never compete
        // with the other tests (or each other) for the CPU.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
