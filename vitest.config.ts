import { defineConfig } from 'vitest/config';

// Tests sit beside the code (src/**/x.test.ts); cross-engine suites live in test/.
// Two projects so that only runs which include operational-store tests pay for their globalSetup
// (a PGlite template and a PostgreSQL server, ~4 s and ~1 GiB): vitest runs a project's
// globalSetup only when one of its files is selected.
// A test that needs an operational store (PGlite or PostgreSQL) is named like these.
// src/api's tests run the API over a real data folder and store, on both engines.
const operationalStore = ['test/conformance/operational-*.test.ts', 'src/api/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'], exclude: operationalStore },
      },
      {
        extends: true,
        test: {
          name: 'operational-store',
          include: operationalStore,
          globalSetup: ['test/support/operational-store-setup.ts'],
        },
      },
    ],
  },
});
