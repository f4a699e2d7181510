/**
 * What the first element needs besides its own chunk, as the build wrote it into the loader
 * (paths relative to the loader): the shared chunk(s) with Lit, the SDK and the kit, and each
 * language's texts.
 */
export interface PreloadManifest {
  shared: string[];
  texts: Record<string, string>;
}

/** As the kit's `toLocale`: Finnish where the page's language is not one the widgets speak. */
const FALLBACK_LANG = 'fi';

/**
 * Starts fetching the shared code and the page's texts while the first element's chunk is on its
 * way, so they arrive together rather than one after the other (the element chunk's imports are
 * only seen once it has arrived, and the texts once the kit runs).
 */
export function preload(manifest: PreloadManifest, base: string, lang: string): void {
  const texts = manifest.texts[lang] ?? manifest.texts[FALLBACK_LANG];
  for (const path of [...manifest.shared, ...(texts ? [texts] : [])]) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(path, base).href;
    document.head.append(link);
  }
}

/** `sv-FI` → `sv`: the language part of a `lang` attribute, as the texts are named. */
export const baseLanguage = (lang: string): string => lang.toLowerCase().split('-')[0] ?? '';
