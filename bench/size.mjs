#!/usr/bin/env node
/**
 * Gzip bytes of the widget bundles against bench/budget.json (`node bench/size.mjs`); exits 1 when
 * an entry is over its budget or has none. It measures `packages/widgets/dist` as built and builds
 * nothing itself.
 *
 * Each entry is measured alone ("own") and with the chunks it imports ("loads"): a page that
 * loads `member-status.js` also downloads the shared chunk with Lit, the SDK and the kit, so the
 * budget is held against what it loads. `ekollega-widgets.js` is self-contained; its budget is
 * the product's ceiling of 25 kB for every widget, Lit and the SDK together.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/widgets/dist');
const BUNDLE = 'ekollega-widgets.js';

if (!existsSync(join(dist, BUNDLE))) {
  console.error(`No ${relative(root, join(dist, BUNDLE))}; build the widgets first: pnpm --filter @ekollega/widgets build`);
  process.exit(1);
}

const budget = JSON.parse(readFileSync(join(root, 'bench/budget.json'), 'utf8'));
const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The file and every module it imports statically, relative imports only (all our chunks are). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, specifier] of code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    closure(join(dirname(file), specifier), seen);
  }
  return seen;
}

const entries = readdirSync(dist).filter((name) => name.endsWith('.js')).sort((a, b) => (a === BUNDLE ? -1 : b === BUNDLE ? 1 : a.localeCompare(b)));
const rows = entries.map((name) => {
  const file = join(dist, name);
  const loads = [...closure(file)].reduce((sum, module) => sum + gzipBytes(module), 0);
  return { name, own: gzipBytes(file), loads, budget: budget[name] };
});
const missing = Object.keys(budget).filter((name) => !name.startsWith('$') && !entries.includes(name));

const n = (value) => (value === undefined ? '—' : value.toLocaleString('en-US'));
const columns = [
  ['entry', 24, (r) => r.name],
  ['own gzip', 10, (r) => n(r.own)],
  ['loads gzip', 11, (r) => n(r.loads)],
  ['budget', 9, (r) => n(r.budget)],
  ['used', 7, (r) => (r.budget ? `${((r.loads / r.budget) * 100).toFixed(0)}%` : '—')],
  ['', 0, (r) => (r.budget === undefined ? 'no budget' : r.loads > r.budget ? 'OVER' : 'ok')],
];
const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(columns[i][1]) : cell.padStart(columns[i][1]))).join(' ').trimEnd();

console.log(`Widget bundles in ${relative(root, dist)}, gzip level 9, against bench/budget.json:\n`);
console.log(line(columns.map(([title]) => title)));
for (const row of rows) console.log(line(columns.map(([, , cell]) => cell(row))));
for (const name of missing) console.log(`${name}: in the budget but not built`);

const failed = rows.filter((r) => r.budget === undefined || r.loads > r.budget).length + missing.length;
if (budget.$comment) console.log(`\n${budget.$comment}`);
if (failed) {
  console.error(`\n✖ ${failed} entr${failed === 1 ? 'y is' : 'ies are'} over budget, unbudgeted or missing. Explain the growth and raise the budget, or shrink the code.`);
  process.exit(1);
}
console.log('\nAll entries within budget.');
