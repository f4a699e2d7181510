import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify, type ManglePropertiesOptions } from 'terser';
import { defineConfig, type Plugin } from 'vite';
import type { PreloadManifest } from './src/loader/preload.js';

/**
 * One build: `dist/ekollega-widgets.js`, the loader an association's page loads (stable name, short
 * cache), and `dist/chunks/`, content-hashed and cached for good — one chunk per element, one
 * shared chunk with Lit, the SDK and the kit, and one per language's texts.
 */

const LOADER = 'ekollega-widgets';

/** Code every element needs: one chunk, so a page with two elements downloads it once. */
const SHARED = /\/node_modules\/|\/packages\/sdk\/|\/src\/kit\//;
/** An element's folder (`src/qa-board/`): its modules make the element's chunk, named after it. */
const ELEMENT_FOLDER = /\/src\/(?!kit\/|loader\/)([\w-]+)\//;
/**
 * A view that few readers open (`src/session-calendar/views/month.ts`), imported when first
 * shown: a chunk of its own (`session-calendar.month-<hash>.js`), so a page does not load it to
 * show the element.
 */
const VIEW = /\/src\/([\w-]+)\/views\/([\w-]+)\.ts$/;
/**
 * SDK modules that one element's view alone uses, kept in that view's chunk (the board's markup
 * parser, with the board's markup view). The SDK's index re-exports them, and Rollup puts a
 * module's static imports in its manual chunk, so without this they would sit in the shared
 * chunk that every page loads.
 */
const ELEMENT_ONLY: Record<string, RegExp> = {
  'qa-board.markup': /\/packages\/sdk\/src\/markup\.ts$/,
  // The facilitators' SDK calls: only the desk uses them, so no member's page loads them.
  'facilitator-desk': /\/packages\/sdk\/src\/facilitator\.ts$/,
};

/**
 * A language's texts, the kit's common ones or an element's own (`src/qa-board/i18n/fi.ts`): a
 * chunk each, so a page downloads the one language it reads, and only its elements' texts.
 */
const TEXTS = /\/src\/(?:kit|([\w-]+))\/i18n\/(fi|sv|en)\.ts$/;

/**
 * Members named `_x` are private by convention, so the build shortens them, as Lit's own build
 * does. Not `_$x` (Lit's cross-version protocol, e.g. `_$litType$`) nor `__x` (`__proto__`).
 */
const PRIVATE_MEMBER = /^_[A-Za-z]/;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

/**
 * The names in a module, and which `_x` names it also spells as strings: those stay as written,
 * because something reads them by name (`changed.has('_open')`, a decorator's `"_open"`, a
 * template's `._open=${…}` binding) and mangling would rename only the other side.
 */
function collectNames(node: unknown, names: Set<string>, spelled: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectNames(child, names, spelled);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const esNode = node as { type?: string; name?: unknown; value?: unknown };
  if (esNode.type === 'Identifier' && typeof esNode.name === 'string') names.add(esNode.name);
  const template = esNode.value as { cooked?: string | null; raw: string };
  const text =
    esNode.type === 'Literal' && typeof esNode.value === 'string'
      ? esNode.value
      : esNode.type === 'TemplateElement'
        ? (template.cooked ?? template.raw)
        : undefined;
  for (const [word] of text?.matchAll(IDENTIFIER) ?? []) {
    names.add(word);
    if (PRIVATE_MEMBER.test(word)) spelled.add(word);
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'type') collectNames(child, names, spelled);
}

/**
 * Minifies every chunk for browsers with terser (two passes; some 400 gzip bytes fewer than
 * esbuild) and writes the preload manifest into the loader.
 *
 * Property mangling must agree across chunks — the kit's `_x` in the shared chunk is the same
 * `_x` an element's chunk reads — so every chunk shares one name cache. A short name given to
 * `_x` must not be a name used anywhere else (another chunk's property, Lit's own minified
 * members on the same objects), so every name in any module is reserved; terser itself keeps
 * clear of DOM and built-in names.
 */
function buildForBrowsers(): Plugin {
  const names = new Set<string>();
  const spelled = new Set<string>();
  const cache = { props: new Map<string, string>() };
  let reserved: string[] = [];
  return {
    name: 'ekollega:build-for-browsers',
    moduleParsed(info) {
      collectNames(info.ast, names, spelled);
    },
    async renderStart() {
      reserved = [...names].filter((name) => !PRIVATE_MEMBER.test(name) || spelled.has(name));
      // Every short name is chosen here, in alphabetical order of the members, rather than by
      // whichever chunk terser happens to minify first: chunks are minified concurrently, so the
      // names, and with them the chunks' bytes and content hashes, changed from build to build.
      const members = [...names].filter((name) => PRIVATE_MEMBER.test(name) && !spelled.has(name)).sort();
      const use = members.map((name) => `member.${name};`);
      await minify(['const member = {};', ...use].join('\n'), {
        compress: false,
        mangle: { properties: { regex: PRIVATE_MEMBER, reserved, cache } as ManglePropertiesOptions },
      });
    },
    renderChunk: {
      order: 'post',
      async handler(code, chunk, _options, { chunks }) {
        if (chunk.isEntry && chunk.name === LOADER)
          code = code.replaceAll('__EK_PRELOAD__', preloadManifest(chunk.dynamicImports, chunks));
        const result = await minify(code, {
          module: true,
          ecma: 2020,
          compress: { passes: 2 },
          // `cache` is terser's option for a property name cache (what `nameCache.props` fills),
          // absent from its types; `nameCache` itself would share top-level variable names too.
          mangle: { properties: { regex: PRIVATE_MEMBER, reserved, cache } as ManglePropertiesOptions },
          format: { comments: false },
          sourceMap: { asObject: true },
        });
        return { code: result.code!, map: result.map as never };
      },
    },
  };
}

/**
 * What the loader preloads with the first element (see `src/loader/preload.ts`): the chunks the
 * element chunks import, and each language's common texts (an element's own texts are fetched
 * when the element first renders). Paths are relative to the loader.
 */
function preloadManifest(
  elementChunks: string[],
  chunks: Record<string, { imports: string[]; facadeModuleId: string | null }>,
): string {
  const shared = new Set(elementChunks.flatMap((file) => chunks[file]?.imports ?? []));
  const texts: Record<string, string> = {};
  for (const [file, chunk] of Object.entries(chunks)) {
    const [, element, lang] = chunk.facadeModuleId?.match(TEXTS) ?? [];
    if (lang && !element) texts[lang] = `./${file}`;
  }
  const manifest: PreloadManifest = { shared: [...shared].map((file) => `./${file}`), texts };
  return JSON.stringify(manifest);
}

/**
 * Writes `x.js.br` and `x.js.gz` beside each script, compressed once at the highest levels, so a
 * server (the demo's, nginx's `gzip_static` / `brotli_static`, a CDN's origin) sends the bytes the
 * browser asks for without compressing on every request.
 */
const precompress: Plugin = {
  name: 'ekollega:precompress',
  writeBundle(options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'chunk') continue;
      const path = join(options.dir!, file.fileName);
      writeFileSync(`${path}.gz`, gzipSync(file.code, { level: 9 }));
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(file.code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
    }
  },
};

/** The manual chunk of a module: its view's, its element's, the shared one, or Rollup's choice (the texts). */
function chunkOf(id: string): string | undefined {
  if (TEXTS.test(id)) return undefined;
  const owner = Object.entries(ELEMENT_ONLY).find(([, pattern]) => pattern.test(id))?.[0];
  if (owner) return owner;
  const view = id.match(VIEW);
  if (view) return `${view[1]}.${view[2]}`;
  const element = id.match(ELEMENT_FOLDER)?.[1];
  if (element) return element;
  return SHARED.test(id) ? 'shared' : undefined;
}

export default defineConfig({
  // Lit's own minifier for html`` and css`` literals, which a JavaScript minifier leaves as written.
  plugins: [minifyHTML() as Plugin, buildForBrowsers(), precompress],
  build: {
    target: 'es2022',
    // Ours, above: terser with one property name cache for all chunks.
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    // Library mode, because an application build wraps every dynamic import in Vite's preload
    // helper, which both the loader and the shared chunk would then import; the loader preloads
    // what it needs itself (`src/loader/preload.ts`).
    lib: {
      entry: { [LOADER]: 'src/ekollega-widgets.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) => {
          const [, element, lang] = chunk.facadeModuleId?.match(TEXTS) ?? [];
          // `fi-<hash>.js` for the common texts, `qa-board.fi-<hash>.js` for the board's own.
          if (lang) return `chunks/${element ? `${element}.` : ''}${lang}-[hash].js`;
          return 'chunks/[name]-[hash].js';
        },
        manualChunks: chunkOf,
      },
    },
  },
});
