import type { EkMemberClient, Page } from '@ekollega/sdk';
import {
  html,
  nothing,
  type CSSResultGroup,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { EkConfigurable } from './configurable.js';
import { EkContextRequest, type EkProvided } from './context.js';
import { failureText, isSignedOut, toFailure, type EkFailure } from './errors.js';
import { emit } from './events.js';
import {
  closestLang,
  commonTexts,
  problemTexts,
  Texts,
  toLocale,
  type Locale,
  type TextCatalogues,
} from './i18n/index.js';
import { EkLazyView } from './lazy-view.js';
import type { EkConnection, EkLoad } from './load.js';
import { sessionFor } from './session.js';
import { theme } from './theme.js';

// The page's language is fetched as soon as the widgets' code runs, not when the first widget
// updates, so its texts are usually here before any widget needs them.
commonTexts.load(toLocale(document.documentElement.lang));

/**
 * What every `ek-` widget shares: settings from its own attributes or from an enclosing
 * `<ek-provider>` (its own win, one by one), the language and texts, a client shared with widgets
 * of the same settings, and the loading / signed-out / error-with-retry views.
 *
 * @cssproperty --ek-accent - Fill of buttons and the focus ring around them (default a dark blue, a light blue in a dark `color-scheme`). Keep it at least 3:1 against the page.
 * @cssproperty --ek-accent-text - Text on the accent fill (default white, a dark blue in a dark `color-scheme`). Keep it at least 4.5:1 on the accent.
 * @cssproperty --ek-danger - Colour of field errors: their text, icon and the invalid field's border (default a dark red, a light red in a dark `color-scheme`).
 * @cssproperty --ek-text - Text colour (default the page's).
 * @cssproperty --ek-surface - Background of the widget (default transparent, the page's).
 * @cssproperty --ek-radius - Corner radius of buttons and placeholders.
 * @cssproperty --ek-space - Spacing unit.
 * @cssproperty --ek-focus-ring - Colour of the keyboard focus ring (default the page's text colour; the accent around filled buttons).
 */
export abstract class EkElement extends EkConfigurable {
  static override styles: CSSResultGroup = theme;

  /**
   * The element's own texts (its folder's `i18n/`), fetched beside the common ones before it renders.
   * @internal
   */
  static catalogue: TextCatalogues<string> | undefined;

  static override properties: PropertyDeclarations = {
    _provided: { state: true },
    _more: { state: true },
  };

  /** What an enclosing `<ek-provider>` gives. */
  private _provided: EkProvided | undefined;
  /** The list page whose "show more" is loading the next page (`failure` null) or failed to. */
  private _more: { page: Page<unknown>; failure: EkFailure | null } | null = null;
  #unsubscribe?: () => void;
  /** The views kept in chunks of their own (`lazyView`). */
  readonly #views: EkLazyView<unknown>[] = [];

  /**
   * The client the widget's loads use; a new object whenever they must run again.
   * @internal
   */
  connection: EkConnection = { session: null };

  /** The texts in the widget's language, with the association's overrides. */
  protected texts: Texts<string> = new Texts('fi');

  /** Whether something failed: the failures' texts (`problemTexts`) are then waited for before each update. */
  #failed = false;

  /** Whether the last render showed the sign-in prompt (or the line in its place). */
  #prompting = false;

  /** Where the focus goes once the view has loaded: the first of these selectors that matches. */
  #focusNext: string[] = [];
  readonly #onAuthChanged = () => this.refresh();
  /** Follows `<html lang>`, so a page that switches its language switches the widget's. */
  readonly #pageLang = new MutationObserver(() => this.requestUpdate());

  /**
   * Forgets the member token and loads again; for when the host signed a member in or out (it can
   * also dispatch `ek-auth-changed` on `document`, which reaches every widget).
   */
  refresh(): void {
    this.connection.session?.client.signOut();
    this.#reconnect();
  }

  /** Gives the loads a new connection: they run again, even with the same client. */
  #reconnect(): void {
    this.connection = { session: this.connection.session };
    // The loads look at the connection when the widget updates.
    this.requestUpdate();
  }

  /** The widget's language: its own `lang`, else the provider's, else the page's. */
  #locale(): Locale {
    return toLocale(this.lang || this._provided?.settings.lang || closestLang(this));
  }

  /**
   * Holds each update until the texts of the widget's language are here, so nothing renders
   * without its words and `updateComplete` waits for them; properties set meanwhile join the
   * same update with their changes. Without the texts (the fetch failed) it renders anyway.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const locale = this.#locale();
    const missing = this.#catalogues().filter((catalogue) => !catalogue.has(locale));
    if (!missing.length) return super.scheduleUpdate();
    return Promise.all(missing.map((catalogue) => catalogue.load(locale))).then(() =>
      this.#catalogues().every((catalogue) => catalogue.has(locale))
        ? this.scheduleUpdate()
        : super.scheduleUpdate(),
    );
  }

  /** The texts the widget speaks: the common ones, its own, and the failures' once something failed. */
  #catalogues(): TextCatalogues<string>[] {
    const own = (this.constructor as typeof EkElement).catalogue;
    return [commonTexts, ...(own ? [own] : []), ...(this.#failed ? [problemTexts] : [])];
  }

  /**
   * Something failed: from now on each update waits for the failures' texts, so it reads in the
   * right words.
   * @internal
   */
  failed(): void {
    this.#failed = true;
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    // After the first paint, so that a failure or a form's errors later read in the right words at once.
    setTimeout(() => void problemTexts.load(this.#locale()), 0);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#pageLang.observe(document.documentElement, { attributeFilter: ['lang'] });
    document.addEventListener('ek-auth-changed', this.#onAuthChanged);
    // Asked on each connection: the widget may have moved under another provider.
    this.dispatchEvent(
      new EkContextRequest((provided, unsubscribe) => {
        // The provider's revision grows when the host says the member changed.
        if ((provided?.revision ?? 0) !== (this._provided?.revision ?? 0)) this.#reconnect();
        this._provided = provided;
        this.#unsubscribe = unsubscribe;
      }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#pageLang.disconnect();
    document.removeEventListener('ek-auth-changed', this.#onAuthChanged);
    this._provided?.prompts?.release(this);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The render that follows says again whether it shows the sign-in prompt.
    this.#prompting = false;
    const base = this._provided?.settings ?? {};
    // The member token comes from one place: the element's own source if it has one, else the
    // provider's. Without settings of its own the widget gets the provider's session: the same
    // settings give the same session.
    const ownToken = Boolean(this.getMemberToken || this.tokenUrl);
    const session = sessionFor({
      apiUrl: this.apiUrl || base.apiUrl,
      tenantKey: this.tenantKey || base.tenantKey,
      tokenUrl: ownToken ? this.tokenUrl : base.tokenUrl,
      getMemberToken: ownToken ? this.getMemberToken : base.getMemberToken,
    });
    if (session !== this.connection.session) this.connection = { session };
    const locale = this.#locale();
    this.texts = new Texts(
      locale,
      session?.strings?.[locale],
      (this.constructor as typeof EkElement).catalogue,
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const prompts = this._provided?.prompts;
    if (this.#prompting) prompts?.want(this);
    else prompts?.release(this);
    if (this.#focusNext.length && !this.find('[part~="skeleton"]')) {
      this.#focusNext
        .map((selector) => this.find(selector))
        .find(Boolean)
        ?.focus();
      this.#focusNext = [];
    }
  }

  /**
   * A view of this element kept in a chunk of its own, imported when first rendered:
   * `readonly #month = this.lazyView(() => import('./views/month.js'))`, then `this.#month.module`
   * in `render()` (the loading placeholder while it is `undefined`). A failed import is reported.
   */
  protected lazyView<M>(importView: () => Promise<M>): EkLazyView<M> {
    const view = new EkLazyView(this, importView, (error) => this.report(error));
    this.#views.push(view);
    return view;
  }

  /** A view on its way is part of what the element shows: `updateComplete` waits for it and its render. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#views.some((view) => view.pending)) {
      await Promise.all(this.#views.map((view) => view.loaded));
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** The first element in the widget's shadow root that matches `selector`. */
  protected find<T extends HTMLElement = HTMLElement>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  /**
   * Moves the focus, after the next render that is not loading, to the first element matching one
   * of `selectors`: where a keyboard user goes on once the view changed under them.
   */
  protected focusSoon(...selectors: string[]): void {
    this.#focusNext = selectors;
    this.requestUpdate();
  }

  /**
   * Tells the host page that an action failed: `ek-auth-required` when it means the member must
   * sign in (again), `ek-error` for the rest. Gives the failure, for the widget to show.
   */
  protected report(error: unknown): EkFailure {
    this.failed();
    const failure = toFailure(error);
    if (isSignedOut(failure)) emit(this, 'ek-auth-required', { reason: failure.code });
    else emit(this, 'ek-error', { code: failure.code, message: failure.message, status: failure.status });
    return failure;
  }

  /**
   * The widget's content for a load's state: `ready` for the value, the shared views for the rest.
   * Render it inside an element with `part="base"` and `tabindex="-1"`, which takes the focus after a retry.
   */
  protected renderLoad<T, A extends readonly unknown[]>(
    load: EkLoad<T, A>,
    ready: (value: T) => unknown,
  ): unknown {
    const { state } = load;
    if (state.status === 'ready') return ready(state.value);
    if (state.status === 'signed-out') return this.renderSignIn(state.reason);
    if (state.status === 'error') return this.renderError(state.failure, () => load.run());
    return this.renderLoading();
  }

  /** A placeholder while loading, announced to screen readers once. */
  protected renderLoading(): TemplateResult {
    return html`<span role="status"
      ><span class="skeleton" part="skeleton"></span
      ><span class="visually-hidden">${this.texts.t('common.loading')}</span></span
    >`;
  }

  /**
   * The sign-in button; pressing it asks the host page to sign the visitor in. Inside a provider
   * one widget shows it (`EkSignInPrompts`); the others say in a line that signing in shows more.
   */
  protected renderSignIn(reason: string): TemplateResult {
    this.#prompting = true;
    if (this._provided?.prompts && !this._provided.prompts.owns(this))
      return html`<p part="sign-in-more">${this.texts.t('common.sign-in-more')}</p>`;
    return html`<button
      part="sign-in"
      type="button"
      @click=${() => emit(this, 'ek-auth-required', { reason })}
    >
      ${this.texts.t('common.sign-in')}
    </button>`;
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
          // The retry button is gone once the load settles; the keyboard user stays in the widget.
          this.focusSoon('button', '[part~="base"]');
          retry();
        }}
      >
        ${this.texts.t('common.retry')}
      </button>
    </div>`;
  }

  /**
   * The "show more" button of a list `page` (with an `id` on each item's element as `data-id`),
   * or the failure of the last try with its retry. `next` fetches the page after `cursor`; its
   * items are added to `page`, and the focus moves to the first new item's first button.
   */
  protected renderMore<T extends { id: string }>(
    page: Page<T>,
    label: string,
    next: (client: EkMemberClient, cursor: string) => Promise<Page<T>>,
  ): unknown {
    const more = this._more?.page === page ? this._more : null;
    const loadMore = async () => {
      const client = this.connection.session?.client;
      const loading = this._more?.page === page && this._more.failure === null;
      if (!client || loading) return;
      this._more = { page, failure: null };
      try {
        const added = await next(client, page.next_cursor!);
        page.items.push(...added.items);
        page.next_cursor = added.next_cursor;
        this._more = null;
        this.focusSoon(`[data-id="${added.items[0]?.id}"] button`);
      } catch (error) {
        this._more = { page, failure: this.report(error) };
      }
    };
    if (more?.failure) return this.renderError(more.failure, loadMore);
    return page.next_cursor
      ? html`<button
          part="more"
          class="secondary"
          type="button"
          aria-busy=${more !== null}
          @click=${loadMore}
        >
          ${label}
        </button>`
      : nothing;
  }
}
