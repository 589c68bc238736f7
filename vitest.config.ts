import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // DynamoDB Local is one JVM on a 2-core machine; a few files at a time keeps it responsive.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // test/aws/ is `npm run test:aws` (vitest.aws.config.ts): against a deployed stage, opt-in.
          exclude: ['test/e2e/**', 'test/aws/**'],
          globalSetup: ['test/setup/dynamodb-local.ts'],
        },
      },
      {
        // The end-to-end tier: one local runtime over the real synthesized app, shared by its files
        // (its global setup runs only when e2e files are selected).
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/e2e-runtime.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
