#!/usr/bin/env node
/**
 * The whole test suite, as README's quick start and CI run it: Chromium if absent, format and
 * lint, typecheck, build, then every runner in turn. Each runner leaves a JSON result in
 * .test-results/; the last line printed is the total, `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { pnpm } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const env = { ...process.env, EK_TEST_RESULTS_DIR: results };

function run(label, command, args, cwd = root) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  return result.status === 0;
}

const steps = [];
ensureChromium();
if (process.env.DATABASE_URL)
  console.log(
    `Store tests run on PGlite and on PostgreSQL (${process.env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}).`,
  );
else
  console.log('Store tests run on PGlite only; set DATABASE_URL=postgres://… to run them on PostgreSQL too.');

const mustPass = (label, ok) => {
  if (!ok) {
    console.error(`\n✖ ${label} failed; the tests were not run.`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
};
// Format and lint first: they take seconds and say exactly what to fix.
mustPass('format check', run('Format (Prettier)', pnpm[0], [...pnpm.slice(1), 'format:check']));
mustPass('lint', run('Lint (ESLint)', pnpm[0], [...pnpm.slice(1), 'lint']));
mustPass('typecheck', run('Typecheck', pnpm[0], [...pnpm.slice(1), '-r', 'typecheck']));
mustPass(
  'widget build',
  run('Build the widgets', pnpm[0], [...pnpm.slice(1), '--filter', '@ekollega/widgets', 'build']),
);
// The manifest is committed for editors and docs; the build regenerates it, so a difference means
// someone changed an element's JSDoc or API without committing the manifest.
const manifest = spawnSync(
  'git',
  ['diff', '--exit-code', '--stat', '--', 'packages/widgets/custom-elements.json'],
  { cwd: root, stdio: 'inherit' },
);
mustPass('custom-elements.json is up to date', manifest.error !== undefined || manifest.status === 0);
// The SDK's types are generated from the API's OpenAPI document and committed; a difference after
// regenerating means a route changed without the SDK's types following it.
mustPass(
  'SDK types generated',
  run('Generate the SDK types from the API', pnpm[0], [
    ...pnpm.slice(1),
    '--filter',
    '@ekollega/sdk',
    'generate',
  ]),
);
const sdkTypes = spawnSync(
  'git',
  ['diff', '--exit-code', '--stat', '--', 'packages/sdk/src/generated/api.ts'],
  { cwd: root, stdio: 'inherit' },
);
mustPass('SDK types are up to date', sdkTypes.error !== undefined || sdkTypes.status === 0);

const vitest = (name, dir) =>
  steps.push({
    name,
    file: join(results, `${name}.json`),
    ok: run(
      `Tests: ${name}`,
      join(root, dir, 'node_modules/.bin/vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, `${name}.json`)}`],
      join(root, dir),
    ),
  });
vitest('api', 'packages/api');
vitest('sdk', 'packages/sdk');
steps.push({
  name: 'widgets',
  file: join(results, 'widgets.json'),
  ok: run('Tests: widgets in Chromium', pnpm[0], [...pnpm.slice(1), '--filter', '@ekollega/widgets', 'test']),
});
vitest('e2e', 'examples/association-site');
// The packages as an association's developer installs them: packed, installed with npm outside
// the workspace, typechecked, run against the installed API, built with Vite and seen in Chromium.
steps.push({
  name: 'consumer',
  file: join(results, 'consumer.json'),
  ok: run('Tests: an outside consumer of the packed packages', process.execPath, [
    join(root, 'test/consumer/run.mjs'),
  ]),
});
const sizeOk = run('Bundle size against bench/budget.json', process.execPath, [join(root, 'bench/size.mjs')]);

let passed = 0;
let failed = 0;
for (const step of steps) {
  if (!existsSync(step.file)) {
    console.error(`✖ ${step.name}: the runner left no results (${step.file}).`);
    failed++;
    continue;
  }
  const data = JSON.parse(readFileSync(step.file, 'utf8'));
  const p = data.numPassedTests ?? data.passed ?? 0;
  const f = data.numFailedTests ?? data.failed ?? 0;
  if (!step.ok && f === 0) failed++;
  passed += p;
  failed += f;
  console.log(`  ${step.name}: ${p} passed, ${f} failed`);
}
if (!sizeOk) {
  console.error('✖ the bundle is over its budget (bench/size.mjs).');
  failed++;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
