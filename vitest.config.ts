import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          // tests/.artifacts/ holds scratch output (git-ignored), never tests.
          exclude: ['tests/browser/**', 'tests/.artifacts/**', 'node_modules/**'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // One Chromium at a time, and only after the unit tests: the machine has two cores,
          // and timing-based checks (steps per second, pause) need a quiet CPU.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
