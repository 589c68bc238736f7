// `npm run test:aws`: the opt-in smoke test against a deployed stage, its own
// vitest project under its own config so `npm test` never collects it (and so
// never skips it). It refuses to start without MCC_AWS_STAGE and credentials.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'aws',
          include: ['test/aws/**/*.test.ts'],
          globalSetup: ['test/aws/require-stage.ts'],
          // A real build: the planner and writer agents take minutes.
          testTimeout: 900_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
