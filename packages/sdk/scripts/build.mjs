#!/usr/bin/env node
/**
 * Builds the published package: `tsc` writes `dist/` (JavaScript, declarations, source maps). The
 * wire types come from `src/generated/api.ts`, plain TypeScript generated from the API's OpenAPI
 * document, so the declarations stand alone; the check below keeps it so: a consumer with only
 * `@ekollega/sdk` installed must typecheck.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: here,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);

const leaks = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.d.ts'))
  .filter((name) => /['"](zod|hono|@hono\/|@ekollega\/api)/.test(readFileSync(join(dist, name), 'utf8')));
if (leaks.length > 0) {
  console.error(`✖ dist declarations still reach outside the SDK: ${leaks.join(', ')}`);
  process.exit(1);
}
