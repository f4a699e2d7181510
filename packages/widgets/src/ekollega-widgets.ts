/**
 * The one script tag an association pastes (`dist/ekollega-widgets.js`): a small loader that
 * fetches each element's chunk when an element of its tag first appears on the page. It imports
 * nothing of the elements' code itself, so it can keep a stable name and a short cache while the
 * chunks it loads are content-hashed and cached for good.
 */
import { elements } from './elements.js';
import { autoload } from './loader/autoload.js';
import { baseLanguage, preload, type PreloadManifest } from './loader/preload.js';

/**
 * Written into the built loader by our build (`vite.config.ts`), which alone knows the chunks'
 * names; absent when a bundler builds this entry from source, and then the bundler's own chunks
 * load as it arranged.
 */
declare const __EK_PRELOAD__: PreloadManifest | undefined;
const manifest = typeof __EK_PRELOAD__ === 'undefined' ? undefined : __EK_PRELOAD__;

/**
 * Elements waiting for their chunk hold a line of the page, the least any of them shows while
 * loading, so the page moves no more than an element's own loading state; the provider adds no
 * box, and a `hidden` element stays hidden.
 */
const waiting = new CSSStyleSheet();
waiting.replaceSync(
  `${Object.keys(elements)
    .filter((tag) => tag !== 'ek-provider')
    .map((tag) => `${tag}:not(:defined):not([hidden])`)
    .join(',')}{display:block;min-height:1lh}ek-provider:not(:defined){display:contents}`,
);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, waiting];

autoload(elements, {
  beforeFirstImport: () => {
    if (manifest) preload(manifest, import.meta.url, baseLanguage(document.documentElement.lang));
  },
});
