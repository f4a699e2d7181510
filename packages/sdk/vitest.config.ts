import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `test/*.test-d.ts` pin the types the SDK infers; tsc checks them, vitest runs no code there.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
