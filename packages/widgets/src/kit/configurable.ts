import type { MemberTokenProvider } from '@ekollega/sdk';
import { LitElement, type PropertyDeclarations } from 'lit';
import type { EkSettings } from './session.js';

/**
 * The settings every `ek-` element takes, `<ek-provider>` and the widgets alike: declared here
 * once, so their attributes, types and documentation cannot drift apart.
 */
export abstract class EkConfigurable extends LitElement {
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

  /** Language of the texts (on a provider, of the widgets inside): `fi`, `sv` or `en` (regional forms like `sv-FI` work). */
  override lang!: string;

  /** Gives the member token from script instead of `token-url`; `null` when nobody is signed in. */
  getMemberToken?: MemberTokenProvider;

  /** The element's own settings, as its attributes and properties give them. */
  protected get settings(): EkSettings {
    return {
      apiUrl: this.apiUrl,
      tenantKey: this.tenantKey,
      tokenUrl: this.tokenUrl,
      getMemberToken: this.getMemberToken,
      lang: this.lang,
    };
  }
}
