#!/usr/bin/env node
/**
 * Gzip bytes of the widget bundles against bench/budget.json (`node bench/size.mjs`); exits 1 when
 * an entry is over its budget or has none. It measures `packages/widgets/dist` as built and builds
 * nothing itself.
 *
 * Each entry is measured alone ("own") and with what a page that uses it downloads ("loads"): a
 * page that loads `member-status.js` also downloads the shared chunk with Lit, the SDK and the
 * kit, so the budget is held against what it loads. The texts of each language are a chunk of
 * their own (`chunks/fi-….js`, `sv-…`, `en-…`) that the kit imports dynamically, and a page in
 * one language downloads one of them: "loads" is the entry, its static imports, and the largest
 * language chunk with whatever that imports besides. `ekollega-widgets.js` has no shared chunks;
 * its budget is the product's ceiling of 25 kB for every widget, Lit, the SDK and one language.
 *
 * It fails rather than undercounts: a dynamic import that is not a language's texts (a page
 * might load all of those), or a file in `dist` that no entry loads, is an error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/widgets/dist');
const BUNDLE = 'ekollega-widgets.js';

if (!existsSync(join(dist, BUNDLE))) {
  console.error(
    `No ${relative(root, join(dist, BUNDLE))}; build the widgets first: pnpm --filter @ekollega/widgets build`,
  );
  process.exit(1);
}

const budget = JSON.parse(readFileSync(join(root, 'bench/budget.json'), 'utf8'));
const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** A language's texts, the only chunk a page loads one of: `chunks/<locale>-<hash>.js`. */
const LANGUAGE_CHUNK = /^(fi|sv|en)-[\w-]+\.js$/;

/** Relative specifiers imported statically (`import … from "./x.js"`, `import "./x.js"`) or dynamically (`import("./x.js")`). */
const imports = (file, pattern) =>
  [...readFileSync(file, 'utf8').matchAll(pattern)].map(([, specifier]) => join(dirname(file), specifier));
const staticImports = (file) =>
  imports(file, /\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g);
const dynamicImports = (file) => imports(file, /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g);

/** The file and every module it imports statically, relative imports only (all our chunks are). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of staticImports(file)) closure(imported, seen);
  return seen;
}

const sum = (files) => [...files].reduce((total, file) => total + gzipBytes(file), 0);
const problems = [];
const counted = new Set();

/** What a page using `file` downloads: its static closure, and the largest language chunk (with its own imports) it may fetch. */
function loads(file) {
  const statics = closure(file);
  let language = 0;
  for (const chunk of new Set([...statics].flatMap(dynamicImports))) {
    if (!LANGUAGE_CHUNK.test(basename(chunk)))
      problems.push(
        `${relative(dist, file)} imports ${relative(dist, chunk)} dynamically, and it is not a language's texts`,
      );
    const extra = [...closure(chunk)].filter((module) => !statics.has(module));
    extra.forEach((module) => counted.add(module));
    language = Math.max(language, sum(extra));
  }
  statics.forEach((module) => counted.add(module));
  return sum(statics) + language;
}

const entries = readdirSync(dist)
  .filter((name) => name.endsWith('.js'))
  .sort((a, b) => (a === BUNDLE ? -1 : b === BUNDLE ? 1 : a.localeCompare(b)));
const rows = entries.map((name) => {
  const file = join(dist, name);
  return { name, own: gzipBytes(file), loads: loads(file), budget: budget[name] };
});
const missing = Object.keys(budget).filter((name) => !name.startsWith('$') && !entries.includes(name));
const chunksDir = join(dist, 'chunks');
const files = [
  ...entries.map((name) => join(dist, name)),
  ...(existsSync(chunksDir)
    ? readdirSync(chunksDir)
        .filter((name) => name.endsWith('.js'))
        .map((name) => join(chunksDir, name))
    : []),
];
for (const file of files)
  if (!counted.has(file))
    problems.push(
      `${relative(dist, file)} is loaded by no entry, so no budget counts it (a stale build? build again)`,
    );

const n = (value) => (value === undefined ? '—' : value.toLocaleString('en-US'));
const columns = [
  ['entry', 24, (r) => r.name],
  ['own gzip', 10, (r) => n(r.own)],
  ['loads gzip', 11, (r) => n(r.loads)],
  ['budget', 9, (r) => n(r.budget)],
  ['used', 7, (r) => (r.budget ? `${((r.loads / r.budget) * 100).toFixed(0)}%` : '—')],
  ['', 0, (r) => (r.budget === undefined ? 'no budget' : r.loads > r.budget ? 'OVER' : 'ok')],
];
const line = (cells) =>
  cells
    .map((cell, i) => (i === 0 ? cell.padEnd(columns[i][1]) : cell.padStart(columns[i][1])))
    .join(' ')
    .trimEnd();

console.log(`Widget bundles in ${relative(root, dist)}, gzip level 9, against bench/budget.json:\n`);
console.log(line(columns.map(([title]) => title)));
for (const row of rows) console.log(line(columns.map(([, , cell]) => cell(row))));
for (const name of missing) console.log(`${name}: in the budget but not built`);
for (const problem of problems) console.log(problem);

const failed =
  rows.filter((r) => r.budget === undefined || r.loads > r.budget).length + missing.length + problems.length;
if (budget.$comment) console.log(`\n${budget.$comment}`);
if (failed) {
  console.error(
    `\n✖ ${failed} entr${failed === 1 ? 'y is' : 'ies are'} over budget, unbudgeted, missing or unmeasured. Explain the growth and raise the budget, or shrink the code.`,
  );
  process.exit(1);
}
console.log('\nAll entries within budget.');
