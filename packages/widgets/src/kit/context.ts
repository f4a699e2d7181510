import type { EkSession, EkSettings } from './session.js';
import type { EkSignInPrompts } from './sign-in.js';

/** What `<ek-provider>` gives every widget inside it. */
export interface EkProvided {
  /** The provider's settings; an element's own attributes win over them one by one. */
  settings: EkSettings;
  /** The client and text overrides for `settings`; `null` until `api-url` and `tenant-key` are set. */
  session: EkSession | null;
  /** Grows each time the provider is told the member changed; widgets load again when it does. */
  revision: number;
  /** Which widget inside shows the one sign-in button. */
  prompts?: EkSignInPrompts;
}

/** Takes the provider's value now and each time it changes; `unsubscribe` stops that. */
export type EkContextCallback = (value: EkProvided | undefined, unsubscribe: () => void) => void;

// A string key, not a Symbol: a provider and an element from two separately loaded bundles
// (say `provider.js` from one page script and `ekollega-widgets.js` from another) still meet.
export const ekContext = 'ek-provider';

/**
 * The `context-request` event of the Web Components Community Group's context protocol, the one
 * @lit/context speaks: a widget asks, the nearest `<ek-provider>` above it (through shadow roots)
 * answers through `callback`. Written out here rather than imported because it is these few
 * lines, and @lit/context's controllers were some 900 of the bundle's 25,000 gzip bytes.
 */
export class EkContextRequest extends Event {
  constructor(
    readonly callback: EkContextCallback,
    readonly context = ekContext,
    readonly subscribe = true,
  ) {
    super('context-request', { bubbles: true, composed: true });
  }
}

/** The provider's side: answers the requests that reach `host` and tells subscribers of each new value. */
export class EkContextProvider {
  value: EkProvided | undefined;
  readonly #subscribers = new Set<EkContextCallback>();

  constructor(host: HTMLElement) {
    host.addEventListener('context-request', (event) => {
      const request = event as EkContextRequest;
      if (request.context !== ekContext) return;
      event.stopPropagation();
      if (request.subscribe) this.#subscribers.add(request.callback);
      request.callback(this.value, () => this.#subscribers.delete(request.callback));
    });
  }

  setValue(value: EkProvided): void {
    this.value = value;
    this.#subscribers.forEach((callback) => callback(value, () => this.#subscribers.delete(callback)));
  }
}
