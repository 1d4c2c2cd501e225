import { defineConfig } from 'vitest/config';

// Two cores on the CI machine: keep workers few so integration suites that start servers do not starve.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'bot/**/*.test.ts', 'manifest/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['**/*.timing.test.ts', '**/node_modules/**'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Figures with a time limit (first start ≤ 60 s, restart ≤ 10 s, sends per second): run alone after the
        // rest, so that the other suites' servers competing for the two cores do not decide the result.
        test: {
          name: 'timing',
          include: ['test/**/*.timing.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
