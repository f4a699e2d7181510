/**
 * What every element's tests ask of a widget: its text as a reader sees it, whether it has
 * finished loading, and where the keyboard focus is.
 */
import { expect, waitUntil } from '@open-wc/testing';

/** Text with its white space (Intl's thin and narrow spaces too) as single spaces, trimmed. */
export const text = (node: Element | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element in `host`'s shadow root that has the focus. */
export const active = (host: Element): Element | null => host.shadowRoot!.activeElement;

/** Waits for `condition`, long enough for a loaded machine running every test file. */
export const until = (condition: () => unknown, message: string): Promise<void> =>
  waitUntil(condition, message, { timeout: 5000 });

/**
 * Waits until the widget has rendered and shows no loading placeholder: its list, a detail, an
 * empty, error or signed-out state.
 */
export async function settled(host: Element & { updateComplete?: Promise<unknown> }): Promise<void> {
  await host.updateComplete;
  await until(() => {
    const root = host.shadowRoot;
    return root?.querySelector('[part~="base"]') && !root.querySelector('[part~="skeleton"]');
  }, `<${host.localName}> kept loading`);
}

/** Whether `target` has the focus; on failure the message names what has it (chai would print whole elements). */
export function expectFocus(host: Element, target: Element | null): void {
  const focused = active(host);
  expect(
    focused === target && target !== null,
    `focus is on ${focused?.outerHTML.slice(0, 120) ?? `nothing in <${host.localName}>`}`,
  ).to.equal(true);
}
