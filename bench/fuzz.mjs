#!/usr/bin/env node
/**
 * The API's property-based fuzz run (the one `pnpm test` runs briefly), for as long as you like:
 * every operation of /v1/openapi.json with requests generated from its schemas and hostile values,
 * by every kind of caller, failing on any 5xx. `FUZZ_SEED` (default: from the clock, printed),
 * `FUZZ_RUNS` requests per operation (default 200), `DATABASE_URL` to run on PostgreSQL as well.
 */
import { register } from 'tsx/esm/api';

register();
const { fuzzOpenApi } = await import('../packages/api/test/fuzz/openapi-fuzz.ts');

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 200);
const engines = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
for (const engine of engines) {
  const started = performance.now();
  console.log(`fuzz ${engine}: seed ${seed}, ${runsPerOperation} requests per operation`);
  try {
    const { operations, requests } = await fuzzOpenApi({ engine, seed, runsPerOperation });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`fuzz ${engine}: ${requests} requests over ${operations} operations in ${seconds} s, no 5xx`);
  } catch (error) {
    console.error(
      `fuzz ${engine}: FAILED with seed ${seed}\n${error instanceof Error ? error.message : error}`,
    );
    process.exitCode = 1;
  }
}
