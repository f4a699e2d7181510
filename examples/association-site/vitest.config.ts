import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The repository's test script gathers every runner's JSON result from one folder.
const resultsDir =
  process.env.EK_TEST_RESULTS_DIR ?? fileURLToPath(new URL('../../.test-results', import.meta.url));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A real browser, API and site start in beforeAll; a slow machine must not fail the run.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: `${resultsDir}/e2e.json` },
  },
});
