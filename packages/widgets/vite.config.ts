import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { minify } from 'terser';
import { defineConfig, type Plugin } from 'vite';

/**
 * Two builds from one file, because one Rollup run cannot give both shapes:
 * - `vite build`: `dist/ekollega-widgets.js`, one self-contained module that defines every element
 *   (Lit and the SDK inside) — the single script tag an association pastes;
 * - `vite build --mode elements`: one entry per element (`dist/provider.js`, `dist/member-status.js`, `dist/group-finder.js`)
 *   sharing Lit, the SDK and the kit through `dist/chunks/`, so a page that loads two widgets
 *   downloads the common code once. It runs second and keeps the first build's output.
 */
/**
 * Vite leaves whitespace in ES library output so that bundlers downstream keep `@__PURE__`
 * annotations; these files go to browsers as they are, so they are minified completely. Terser
 * with two passes, not esbuild: it gives some 400 fewer gzip bytes on the bundle.
 */
const minifyForBrowsers: Plugin = {
  name: 'ekollega:minify-for-browsers',
  // After every renderChunk hook: Vite's own transpile step would print the whitespace back.
  async generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'chunk') continue;
      file.code = (
        await minify(file.code, {
          module: true,
          ecma: 2020,
          compress: { passes: 2 },
          format: { comments: false },
        })
      ).code!;
    }
  },
};

export default defineConfig(({ mode }) => {
  const perElement = mode === 'elements';
  return {
    // Lit's own minifier for html`` and css`` literals, which a JavaScript minifier leaves as written.
    plugins: [minifyHTML() as Plugin, minifyForBrowsers],
    build: {
      target: 'es2022',
      minify: 'esbuild',
      emptyOutDir: !perElement,
      reportCompressedSize: false,
      lib: {
        entry: perElement
          ? {
              provider: 'src/provider/define.ts',
              'member-status': 'src/member-status/define.ts',
              'group-finder': 'src/group-finder/define.ts',
              'session-calendar': 'src/session-calendar/define.ts',
              'qa-board': 'src/qa-board/define.ts',
            }
          : { 'ekollega-widgets': 'src/index.ts' },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      // A language's texts (`chunks/fi-….js`), fetched when a widget first needs them; the rest is shared code.
      rollupOptions: {
        output: {
          chunkFileNames: (chunk) =>
            chunk.isDynamicEntry ? 'chunks/[name]-[hash].js' : 'chunks/shared-[hash].js',
        },
      },
    },
  };
});
