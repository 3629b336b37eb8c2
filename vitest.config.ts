import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // Browser steps on a busy two-core CI machine: generous limits, so that only a real fault fails.
    testTimeout: 120_000,
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    // e2e files start Chromium; two cores do not run many of them at once.
    maxWorkers: 2,
  },
});
