import type { EkMemberClient, MemberTokenProvider } from '@ekollega/sdk';
import { html, LitElement, type PropertyDeclarations } from 'lit';
import { EkContextProvider } from '../kit/context.js';
import { sessionFor } from '../kit/session.js';
import { providerStyles } from './provider.styles.js';

/**
 * @summary Configures every eKollega widget inside it: the API, the association's key, how the
 * signed-in member's token is fetched, and the language. A widget's own attributes win over it.
 *
 * @slot - The widgets, anywhere in the content (also inside other shadow roots).
 */
export class EkProvider extends LitElement {
  static override styles = providerStyles;

  static override properties: PropertyDeclarations = {
    apiUrl: { attribute: 'api-url' },
    tenantKey: { attribute: 'tenant-key' },
    tokenUrl: { attribute: 'token-url' },
    lang: { reflect: true },
    getMemberToken: { attribute: false },
  };

  /** Where the eKollega API lives, e.g. `https://api.ekollega.fi`. */
  apiUrl?: string;

  /** The association's publishable key (`pk_…`). */
  tenantKey?: string;

  /** The host site's endpoint answering `{ "token": "<member JWT>" }`, or 401 when nobody is signed in. */
  tokenUrl?: string;

  /** Language of the widgets inside: `fi`, `sv` or `en`. */
  override lang!: string;

  /** Gives the member token from script instead of `token-url`; `null` when nobody is signed in. */
  getMemberToken?: MemberTokenProvider;

  /** What the widgets inside receive. */
  readonly #context = new EkContextProvider(this);

  #revision = 0;

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
    this.#revision++;
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    const settings = {
      apiUrl: this.apiUrl,
      tenantKey: this.tenantKey,
      tokenUrl: this.tokenUrl,
      getMemberToken: this.getMemberToken,
      lang: this.lang,
    };
    this.#context.setValue({ settings, session: sessionFor(settings), revision: this.#revision });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
