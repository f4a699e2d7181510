import { describe, expect, it } from 'vitest';
import { engines } from './harness.js';
import { fuzzOpenApi } from './fuzz/openapi-fuzz.js';

/**
 * Every operation of the OpenAPI document, fed requests generated from its own schemas with
 * hostile values mixed in, by every kind of caller: none may answer 5xx. A fixed seed and a
 * bounded count keep it a regression test; `node bench/fuzz.mjs` runs longer with other seeds.
 */
describe.each(engines)('fuzzing every route (%s)', (engine) => {
  it('never answers 5xx', { timeout: 120_000 }, async () => {
    const { operations, requests } = await fuzzOpenApi({ engine, seed: 18, runsPerOperation: 12 });
    expect(operations).toBeGreaterThanOrEqual(60);
    expect(requests).toBe(operations * 12);
  });
});
