import type { MemberTokenProvider } from '@ekollega/sdk';
import { consume } from '@lit/context';
import { html, LitElement, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ekContext, type EkProvided } from './context.js';
import { failureText, type EkFailure } from './errors.js';
import { emit } from './events.js';
import { closestLang, hasCatalogue, loadCatalogue, Texts, toLocale, type Locale } from './i18n/index.js';
import type { EkConnection, EkLoad } from './load.js';
import { sessionFor } from './session.js';
import { theme } from './theme.js';

/** Widgets on the page, told when `<html lang>` changes so an app that switches language is followed. */
const connected = new Set<EkElement>();
const pageLang = new MutationObserver(() => connected.forEach((element) => element.requestUpdate()));

// The page's language is fetched as soon as the widgets' code runs, not when the first widget
// updates, so its texts are usually here before any widget needs them.
loadCatalogue(toLocale(document.documentElement.lang));

/**
 * What every `ek-` widget shares: settings from its own attributes or from an enclosing
 * `<ek-provider>` (its own win, one by one), the language and texts, a client shared with widgets
 * of the same settings, and the loading / signed-out / error-with-retry views.
 *
 * @cssproperty --ek-accent - Fill of buttons (default a dark blue).
 * @cssproperty --ek-accent-text - Text on the accent fill (default white).
 * @cssproperty --ek-text - Text colour (default the page's).
 * @cssproperty --ek-surface - Background of the widget (default transparent, the page's).
 * @cssproperty --ek-radius - Corner radius of buttons and placeholders.
 * @cssproperty --ek-space - Spacing unit.
 * @cssproperty --ek-focus-ring - Colour of the keyboard focus ring (default the page's text colour).
 */
export abstract class EkElement extends LitElement {
  static override styles: CSSResultGroup = theme;

  /** Where the eKollega API lives, e.g. `https://api.ekollega.fi`. */
  @property({ attribute: 'api-url' }) apiUrl?: string;

  /** The association's publishable key (`pk_…`). */
  @property({ attribute: 'tenant-key' }) tenantKey?: string;

  /** The host site's endpoint answering `{ "token": "<member JWT>" }`, or 401 when nobody is signed in. */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** Language of the texts: `fi`, `sv` or `en` (regional forms like `sv-FI` work). */
  @property({ reflect: true }) override lang!: string;

  /** Gives the member token from script instead of `token-url`; `null` when nobody is signed in. */
  @property({ attribute: false }) getMemberToken?: MemberTokenProvider;

  /**
   * What an enclosing `<ek-provider>` gives.
   * @internal
   */
  @consume({ context: ekContext, subscribe: true })
  @state()
  provided?: EkProvided;

  /**
   * The client the widget's loads use; replaced when they must run again.
   * @internal
   */
  connection: EkConnection = { session: null };

  /** The texts in the widget's language, with the association's overrides. */
  protected texts = new Texts('fi');

  #revision = 0;
  #loadedRevision = '';
  #focusAfterRetry = false;
  readonly #onAuthChanged = () => this.refresh();

  /**
   * Forgets the member token and loads again; for when the host signed a member in or out (it can
   * also dispatch `ek-auth-changed` on `document`, which reaches every widget).
   */
  refresh(): void {
    this.connection.session?.client.signOut();
    this.#revision++;
    this.requestUpdate();
  }

  /** The widget's language: its own `lang`, else the provider's, else the page's. */
  #locale(): Locale {
    return toLocale(this.lang || this.provided?.settings.lang || closestLang(this));
  }

  /**
   * Holds each update until the texts of the widget's language are here, so nothing renders
   * without its words and `updateComplete` waits for them; properties set meanwhile join the
   * same update with their changes. Without the texts (the fetch failed) it renders anyway.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const locale = this.#locale();
    if (hasCatalogue(locale)) return super.scheduleUpdate();
    return loadCatalogue(locale).then(() => (hasCatalogue(locale) ? this.scheduleUpdate() : super.scheduleUpdate()));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!connected.size) pageLang.observe(document.documentElement, { attributeFilter: ['lang'] });
    connected.add(this);
    document.addEventListener('ek-auth-changed', this.#onAuthChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    if (!connected.size) pageLang.disconnect();
    document.removeEventListener('ek-auth-changed', this.#onAuthChanged);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const provided = this.provided;
    const base = provided?.settings ?? {};
    // The member token comes from one place: the element's own source if it has one, else the provider's.
    const ownToken = Boolean(this.getMemberToken || this.tokenUrl);
    const session =
      provided && !this.apiUrl && !this.tenantKey && !ownToken
        ? provided.session
        : sessionFor({
            apiUrl: this.apiUrl || base.apiUrl,
            tenantKey: this.tenantKey || base.tenantKey,
            tokenUrl: ownToken ? this.tokenUrl : base.tokenUrl,
            getMemberToken: ownToken ? this.getMemberToken : base.getMemberToken,
          });
    const revision = `${this.#revision} ${provided?.revision ?? 0}`;
    if (session !== this.connection.session || revision !== this.#loadedRevision) {
      this.#loadedRevision = revision;
      this.connection = { session };
    }
    const locale = this.#locale();
    this.texts = new Texts(locale, session?.strings?.[locale]);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The retry button is gone once the load settles; keep keyboard users where they were, on
    // the widget's next button or else its `base` part (which has tabindex="-1" for this).
    if (this.#focusAfterRetry && !this.renderRoot.querySelector('[part~="skeleton"]')) {
      this.#focusAfterRetry = false;
      (this.renderRoot.querySelector<HTMLElement>('button') ?? this.renderRoot.querySelector<HTMLElement>('[part~="base"]'))?.focus();
    }
  }

  /**
   * The widget's content for a load's state: `ready` for the value, the shared views for the rest.
   * Render it inside an element with `part="base"` and `tabindex="-1"`, which takes the focus after a retry.
   */
  protected renderLoad<T>(load: EkLoad<T>, ready: (value: T) => unknown): unknown {
    const { state } = load;
    if (state.status === 'ready') return ready(state.value);
    if (state.status === 'signed-out') return this.renderSignIn(state.reason);
    if (state.status === 'error') return this.renderError(state.failure, () => load.run());
    return this.renderLoading();
  }

  /** A placeholder while loading, announced to screen readers once. */
  protected renderLoading(): TemplateResult {
    return html`<span role="status"><span class="skeleton" part="skeleton"></span><span class="visually-hidden">${this.texts.t('common.loading')}</span></span>`;
  }

  /** The sign-in button; pressing it asks the host page to sign the visitor in. */
  protected renderSignIn(reason: string): TemplateResult {
    return html`<button part="sign-in" type="button" @click=${() => emit(this, 'ek-auth-required', { reason })}>${this.texts.t('common.sign-in')}</button>`;
  }

  /** The failure in the reader's language and a button to try again. */
  protected renderError(failure: EkFailure, retry: () => void): TemplateResult {
    return html`<div class="error" part="error" role="alert">
      <span>${failureText(failure, this.texts)}</span>
      <button
        class="secondary"
        part="retry"
        type="button"
        @click=${() => {
          this.#focusAfterRetry = true;
          retry();
        }}
      >${this.texts.t('common.retry')}</button>
    </div>`;
  }
}
