#!/usr/bin/env node
/**
 * How long `ekollega serve` takes from launch to its first healthy `GET /v1/health`, on an embedded
 * data folder that already exists (migrated, one association): the restart an association's
 * server does after an upgrade or a crash. Side by side in one run: the published package's built
 * JavaScript (`packages/api/dist/cli.js`, what `npx ekollega` runs) and the workspace's bin, which
 * compiles the TypeScript through tsx on every start.
 *
 * `node bench/cold-start.mjs` (builds the API first; BENCH_RUNS starts each, default 5; prints the
 * median and the fastest). A report, not a timed test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'packages/api');
const runs = Number(process.env.BENCH_RUNS ?? 5);

const build = spawnSync(process.execPath, [join(api, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const data = mkdtempSync(join(tmpdir(), 'ekollega-cold-start-'));
const folder = join(data, 'store');
const setup = spawnSync(
  process.execPath,
  [
    join(api, 'dist/cli.js'),
    'tenant',
    'create',
    '--name',
    'Bench',
    '--origin',
    'http://localhost',
    '--data',
    folder,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (setup.status !== 0) process.exit(1);

/** A port nothing listens on. */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Milliseconds from spawning `node <cli> serve` to the first 200 from `/v1/health`.
 * @param {string} cli
 */
async function coldStart(cli) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--data', folder], {
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${cli} exited with ${child.exitCode}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/v1/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGINT');
    // The next start opens the same folder, which the running server holds until it exits.
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
}

const variants = [
  { name: 'built (dist/cli.js)', cli: join(api, 'dist/cli.js') },
  { name: 'workspace bin (tsx)', cli: join(api, 'bin/ekollega.mjs') },
];
const results = variants.map((variant) => ({ ...variant, times: /** @type {number[]} */ ([]) }));
// Interleaved, so a busy moment on the machine falls on both alike.
for (let run = 0; run < runs; run++)
  for (const result of results) result.times.push(await coldStart(result.cli));
rmSync(data, { recursive: true, force: true });

const median = (/** @type {number[]} */ times) =>
  [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
const base = median(results[0]?.times ?? []);
console.log(`\nekollega serve on an existing data folder → first healthy /v1/health (${runs} starts each)`);
console.log(`${''.padEnd(24)}${'median'.padStart(9)}${'fastest'.padStart(9)}${'ratio'.padStart(8)}`);
for (const { name, times } of results) {
  const ms = (/** @type {number} */ value) => `${Math.round(value)} ms`.padStart(9);
  console.log(
    `${name.padEnd(24)}${ms(median(times))}${ms(Math.min(...times))}${(median(times) / base).toFixed(2).padStart(8)}`,
  );
}
