/** A widget that can show the sign-in prompt. */
type Prompting = HTMLElement & { requestUpdate(): void };

/**
 * Which of a provider's widgets shows the page's one sign-in button: `<ek-member-status>` if one
 * wants to, else the first in the page's order. The others say in a line that signing in shows
 * more, so a visitor's page does not offer four sign-in buttons.
 */
export class EkSignInPrompts {
  readonly #wanting = new Set<Prompting>();
  #owner: Prompting | undefined;

  /** `element` shows a sign-in prompt now. */
  want(element: Prompting): void {
    if (this.#wanting.has(element)) return;
    this.#wanting.add(element);
    this.#elect();
  }

  /** `element` no longer shows one (signed in, or taken off the page). */
  release(element: Prompting): void {
    if (this.#wanting.delete(element)) this.#elect();
  }

  /** Whether `element` shows the button; before any widget asked, each may. */
  owns(element: Prompting): boolean {
    return !this.#owner || this.#owner === element;
  }

  #elect(): void {
    const [owner] = [...this.#wanting].sort((a, b) => {
      const status = Number(b.localName === 'ek-member-status') - Number(a.localName === 'ek-member-status');
      return status || (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING ? 1 : -1);
    });
    if (owner === this.#owner) return;
    this.#owner = owner;
    this.#wanting.forEach((element) => element.requestUpdate());
  }
}
