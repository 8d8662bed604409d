import { defineConfig } from 'vitest/config';

// Tests sit beside the code (src/**/x.test.ts); cross-engine suites live in test/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
