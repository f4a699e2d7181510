#!/usr/bin/env node
/**
 * Gzip bytes of the widgets against bench/budget.json (`node bench/size.mjs`); exits 1 when a line
 * is over its budget or has none. It measures `packages/widgets/dist` as built and builds nothing.
 *
 * A page pastes one script, the loader `ekollega-widgets.js`, which imports an element's chunk
 * when the element appears. So the lines are:
 * - the loader alone;
 * - each element's own chunk (`chunks/group-finder-<hash>.js` for `<ek-group-finder>`: Rollup
 *   names an element's chunk after its folder), and the shared chunk they all import;
 * - pages: what a page in one language with those elements loads to show them (its first paint) —
 *   the loader, the elements' chunks with everything they import statically, and the texts those
 *   chunks fetch on their first render (the common texts and each element's own) in the language
 *   whose texts are largest;
 * - views: a view that few readers open (the calendar's month grid, …) is a chunk of its own that
 *   its element imports when the view is first shown, with the loading placeholder meanwhile; each
 *   is a line of its own, with what it imports that its element's page has not loaded already.
 *
 * It fails rather than undercounts: a file in `dist` that no line counts is an error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/widgets/dist');
const LOADER = join(dist, 'ekollega-widgets.js');

/** The pages measured: an association's member page with one widget, with all of them, and the facilitators' page. */
const PAGES = {
  'page: ek-group-finder': ['ek-provider', 'ek-group-finder'],
  'page: ek-session-calendar': ['ek-provider', 'ek-session-calendar'],
  'page: ek-qa-board': ['ek-provider', 'ek-qa-board'],
  'page: ek-commitments': ['ek-provider', 'ek-commitments'],
  // The facilitators' own page: never a member's.
  'page: ek-facilitator-desk': ['ek-provider', 'ek-facilitator-desk'],
  'page: every member element': [
    'ek-provider',
    'ek-member-status',
    'ek-group-finder',
    'ek-session-calendar',
    'ek-qa-board',
    'ek-commitments',
  ],
};

if (!existsSync(LOADER)) {
  console.error(
    `No ${relative(root, LOADER)}; build the widgets first: pnpm --filter @ekollega/widgets build`,
  );
  process.exit(1);
}

const budget = JSON.parse(readFileSync(join(root, 'bench/budget.json'), 'utf8'));
const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const sum = (files) => [...files].reduce((total, file) => total + gzipBytes(file), 0);

/**
 * A language's texts, the only chunks a page loads one language of: the common ones
 * (`chunks/<locale>-<hash>.js`) and each element's own (`chunks/qa-board.<locale>-<hash>.js`).
 */
const LANGUAGE_CHUNK = /^(?:[\w-]+\.)?(fi|sv|en)-[\w-]+\.js$/;
const isTexts = (file) => LANGUAGE_CHUNK.test(basename(file));
const languageOf = (file) => basename(file).match(LANGUAGE_CHUNK)?.[1];

/** Relative specifiers imported statically (`import … from "./x.js"`, `import "./x.js"`) or dynamically (`import("./x.js")`). */
const imports = (file, pattern) =>
  [...readFileSync(file, 'utf8').matchAll(pattern)].map(([, specifier]) => join(dirname(file), specifier));
const staticImports = (file) =>
  imports(file, /\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g);
const dynamicImports = (file) => imports(file, /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g);

/** The file and what it imports, statically or (`withDynamic`) dynamically — views too — except the texts. */
function closure(file, withDynamic, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const next = withDynamic ? [...staticImports(file), ...dynamicImports(file)] : staticImports(file);
  for (const imported of next) if (!isTexts(imported)) closure(imported, withDynamic, seen);
  return seen;
}

const counted = new Set([LOADER]);
const count = (files) => {
  files.forEach((file) => counted.add(file));
  return files;
};

/** Element chunks by tag: the loader's dynamic imports. */
const elementChunks = new Map(
  dynamicImports(LOADER).map((file) => [`ek-${basename(file).replace(/-[\w-]{8}\.js$/, '')}`, file]),
);
const languages = new Set(
  readdirSync(join(dist, 'chunks'))
    .filter((name) => LANGUAGE_CHUNK.test(name))
    .map(languageOf),
);

/** What the texts that `files` import weigh in the language whose texts are largest. */
function largestTexts(files) {
  const byLanguage = [...languages].map((lang) => {
    const texts = new Set();
    for (const file of files)
      for (const imported of dynamicImports(file))
        if (isTexts(imported) && languageOf(imported) === lang)
          for (const loaded of closure(imported, false)) texts.add(loaded);
    return sum(count([...texts]));
  });
  return Math.max(...byLanguage);
}

const rows = [{ name: 'loader (ekollega-widgets.js)', bytes: gzipBytes(LOADER) }];
const problems = [];
const shared = new Set();
for (const [tag, file] of elementChunks) {
  rows.push({ name: `chunk: ${tag}`, bytes: gzipBytes(file) });
  for (const imported of staticImports(file)) shared.add(imported);
}
for (const file of count([...shared]))
  rows.push({
    name: `chunk: shared (${basename(file).replace(/-[\w-]{8}\.js$/, '')})`,
    bytes: gzipBytes(file),
  });
/** What a page loads to show `tags`: the loader, and their chunks with their static imports. */
function firstPaint(tags) {
  const files = new Set([LOADER]);
  for (const tag of tags) for (const file of closure(elementChunks.get(tag), false)) files.add(file);
  return files;
}
for (const [name, tags] of Object.entries(PAGES)) {
  const unknown = tags.filter((tag) => !elementChunks.has(tag));
  for (const tag of unknown) problems.push(`${name}: the loader has no chunk for <${tag}>`);
  const files = firstPaint(tags.filter((tag) => elementChunks.has(tag)));
  count([...files]);
  rows.push({ name, bytes: sum(files) + largestTexts(files) });
}
// Views: each chunk an element's code imports dynamically that is not texts, beyond what its page loaded.
for (const tag of elementChunks.keys()) {
  const page = firstPaint(['ek-provider', tag].filter((t) => elementChunks.has(t)));
  const views = new Set(
    [...page].flatMap(dynamicImports).filter((view) => !isTexts(view) && !page.has(view)),
  );
  for (const view of [...views].filter((view) => ![...elementChunks.values()].includes(view))) {
    const extra = [...closure(view, false)].filter((loaded) => !page.has(loaded));
    const viewName = basename(view)
      .replace(/-[\w-]{8}\.js$/, '')
      .split('.')
      .slice(1)
      .join('.');
    rows.push({ name: `view: ${tag} ${viewName}`, bytes: sum(count(extra)) + largestTexts(extra) });
  }
}
// Chunks that only a later element (one on no measured page) loads are counted with it.
for (const file of elementChunks.values()) count([...closure(file, true)]);

const files = [
  LOADER,
  ...readdirSync(join(dist, 'chunks'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dist, 'chunks', name)),
];
for (const file of files)
  if (!counted.has(file))
    problems.push(
      `${relative(dist, file)} is loaded by no element, so no budget counts it (a stale build? build again)`,
    );

for (const row of rows) row.budget = budget[row.name];
const missing = Object.keys(budget).filter(
  (name) => !name.startsWith('$') && !rows.some((row) => row.name === name),
);

const n = (value) => (value === undefined ? '—' : value.toLocaleString('en-US'));
const columns = [
  ['', 36, (r) => r.name],
  ['gzip', 8, (r) => n(r.bytes)],
  ['budget', 8, (r) => n(r.budget)],
  ['used', 6, (r) => (r.budget ? `${((r.bytes / r.budget) * 100).toFixed(0)}%` : '—')],
  ['', 0, (r) => (r.budget === undefined ? 'no budget' : r.bytes > r.budget ? 'OVER' : 'ok')],
];
const line = (cells) =>
  cells
    .map((cell, i) => (i === 0 ? cell.padEnd(columns[i][1]) : cell.padStart(columns[i][1])))
    .join(' ')
    .trimEnd();

console.log(
  `Widgets in ${relative(root, dist)}, gzip level 9, pages in one language (the largest texts), against bench/budget.json:\n`,
);
console.log(line(columns.map(([title]) => title)));
for (const row of rows) console.log(line(columns.map(([, , cell]) => cell(row))));
for (const name of missing) console.log(`${name}: in the budget but not measured`);
for (const problem of problems) console.log(problem);

const failed =
  rows.filter((r) => r.budget === undefined || r.bytes > r.budget).length + missing.length + problems.length;
if (failed) {
  console.error(
    `\n✖ ${failed} line${failed === 1 ? ' is' : 's are'} over budget, unbudgeted, missing or unmeasured. Raise the budget with the reason in its $comment, or win the bytes by structure or by the build.`,
  );
  process.exit(1);
}
console.log('\nAll within budget.');
