import type { EkMemberClient } from '@ekollega/sdk';
import { html, type PropertyDeclarations } from 'lit';
import { EkConfigurable } from '../kit/configurable.js';
import { EkContextProvider } from '../kit/context.js';
import { sessionFor } from '../kit/session.js';
import { EkSignInPrompts } from '../kit/sign-in.js';
import { providerStyles } from './provider.styles.js';

/**
 * @summary Configures every eKollega widget inside it: the API, the association's key, how the
 * signed-in member's token is fetched, and the language. A widget's own attributes win over it.
 * A visitor sees one sign-in button among the widgets inside (`<ek-member-status>`'s, else the
 * first widget's); the others say in a line that signing in shows more.
 *
 * @slot - The widgets, anywhere in the content (also inside other shadow roots).
 */
export class EkProvider extends EkConfigurable {
  static override styles = providerStyles;

  static override properties: PropertyDeclarations = {
    _revision: { state: true },
  };

  /** What the widgets inside receive. */
  readonly #context = new EkContextProvider(this);
  readonly #prompts = new EkSignInPrompts();

  /** Grows each time the host says the member changed; the widgets load again when it does. */
  private _revision = 0;

  /**
   * The API client the widgets inside share, for host scripts that call the API as the signed-in
   * member (`createMemberClient`: facilitator tools need `createClient` from the SDK); `null` until configured.
   */
  get client(): EkMemberClient | null {
    return this.#context.value?.session?.client ?? null;
  }

  /** Tells the widgets inside that the host signed a member in or out: they forget the token and load again. */
  refresh(): void {
    this.#context.value?.session?.client.signOut();
    this._revision++;
  }

  protected override willUpdate(): void {
    const { settings } = this;
    this.#context.setValue({
      settings,
      session: sessionFor(settings),
      revision: this._revision,
      prompts: this.#prompts,
    });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
