/** Imports an element's class; the loader registers it under its tag. */
export type ElementImporter = () => Promise<CustomElementConstructor>;

export interface AutoloadOptions {
  /** Called once, just before the first element's chunk is requested (the loader preloads there). */
  beforeFirstImport?: () => void;
}

/**
 * Widgets ask `<ek-provider>` for their settings when they connect, and a provider defined after
 * them would never hear the question; so a widget's tag is defined only once a provider that is
 * on its way has been defined.
 */
const PROVIDER = 'ek-provider';

/**
 * Defines each tag of `elements` when an element of that tag first appears: in the document now,
 * added to it later, or inside the shadow root of an element this loader upgraded. Tags that never
 * appear are never imported; a tag that is already defined (a bundler user imported its `define`
 * entry too) is left as it is.
 *
 * @example
 * autoload({ 'ek-group-finder': () => import('./group-finder/group-finder.js').then((m) => m.EkGroupFinder) });
 */
export function autoload(elements: Record<string, ElementImporter>, options: AutoloadOptions = {}): void {
  const selector = Object.keys(elements).join(',');
  const pending = new Map<string, Promise<void>>();
  const watched = new WeakSet<Node>();
  let imported = false;

  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  });

  function watch(root: Document | ShadowRoot): void {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, { childList: true, subtree: true });
    discover(root);
  }

  function discover(root: ParentNode): void {
    const found = [...root.querySelectorAll(selector)];
    if (root instanceof Element && root.matches(selector)) found.unshift(root);
    const providersFirst = [
      ...found.filter((element) => element.localName === PROVIDER),
      ...found.filter((element) => element.localName !== PROVIDER),
    ];
    for (const element of providersFirst) {
      define(element.localName).then(
        () => {
          if (element.shadowRoot) watch(element.shadowRoot);
        },
        (error: unknown) => console.error(`eKollega: <${element.localName}> could not be loaded.`, error),
      );
    }
  }

  function define(tag: string): Promise<void> {
    const importElement = elements[tag];
    if (!importElement || customElements.get(tag)) return Promise.resolve();
    let defined = pending.get(tag);
    if (defined) return defined;
    if (!imported) {
      imported = true;
      options.beforeFirstImport?.();
    }
    const provider = tag === PROVIDER ? undefined : pending.get(PROVIDER)?.catch(() => undefined);
    defined = importElement().then(async (element) => {
      await provider;
      if (!customElements.get(tag)) customElements.define(tag, element);
    });
    // A failed fetch (the network) is tried again when another element of the tag appears.
    defined.catch(() => pending.delete(tag));
    pending.set(tag, defined);
    return defined;
  }

  watch(document);
}
