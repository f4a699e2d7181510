/**
 * A view few readers open (a dialog, a form, the month grid), kept in a chunk of its own: its
 * module is imported the first time the element renders it, and the element renders again once
 * it is here. Meanwhile the element shows its loading placeholder.
 */
export class EkLazyView<M> {
  /** The view's module, once imported. */
  #module: M | undefined;
  /** The import on its way, or done. */
  #loading: Promise<void> | undefined;

  readonly #host: { requestUpdate(): void };
  readonly #import: () => Promise<M>;
  readonly #onFailure: (error: unknown) => void;

  /**
   * @param host The element that renders the view.
   * @param importView Imports the view's module: `() => import('./views/month.js')`.
   * @param onFailure Told when the import fails; the next render tries again.
   */
  constructor(
    host: { requestUpdate(): void },
    importView: () => Promise<M>,
    onFailure: (error: unknown) => void,
  ) {
    this.#host = host;
    this.#import = importView;
    this.#onFailure = onFailure;
  }

  /** The view's module, or `undefined` while it is on its way; the first call starts the import. */
  get module(): M | undefined {
    this.#loading ??= this.#import().then(
      (module) => {
        this.#module = module;
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        this.#loading = undefined;
        this.#onFailure(error);
      },
    );
    return this.#module;
  }

  /** Settles when the view's import has (none started: at once). */
  get loaded(): Promise<void> {
    return this.#loading ?? Promise.resolve();
  }

  /** Whether the import was started and has not arrived yet. */
  get pending(): boolean {
    return this.#loading !== undefined && this.#module === undefined;
  }
}
