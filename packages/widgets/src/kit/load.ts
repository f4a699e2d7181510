import type { EkMemberClient } from '@ekollega/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isSignedOut, toFailure, type EkFailure } from './errors.js';
import { emit } from './events.js';
import type { EkSession } from './session.js';

/** Which client a load uses; a new object whenever the widget must load again. */
export interface EkConnection {
  /** The client and text overrides to load with; `null` while the widget lacks `api-url` or `tenant-key`. */
  session: EkSession | null;
}

/** What a load has to show. */
export type EkLoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'signed-out'; reason: string }
  | { status: 'error'; failure: EkFailure };

type Host = ReactiveControllerHost & HTMLElement & { readonly connection: EkConnection };

/**
 * Loads what a widget shows, again whenever its connection changes (settings, provider, "auth
 * changed") and on `run()` (retry). An answer that arrives after a newer load started is dropped.
 * Failures become values: signed out, or an error with a code, also announced as `ek-error`.
 */
export class EkLoad<T> implements ReactiveController {
  /** What the widget shows now. */
  state: EkLoadState<T> = { status: 'loading' };
  #connection: EkConnection | undefined;
  #abort: AbortController | undefined;

  /**
   * @param host The widget; its `connection` says which client to use and when to load again.
   * @param task Fetches what the widget shows; gets the client and a signal that aborts a superseded load.
   */
  readonly #host: Host;
  readonly #task: (client: EkMemberClient, signal: AbortSignal) => Promise<T>;

  constructor(host: Host, task: (client: EkMemberClient, signal: AbortSignal) => Promise<T>) {
    this.#host = host;
    this.#task = task;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#host.connection !== this.#connection) this.run();
  }

  hostConnected(): void {
    // Lit does not update a reconnected element by itself, and a load cut short by the disconnection must resume.
    if (!this.#connection) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    // Loads again on reconnection: the page may have changed meanwhile.
    this.#connection = undefined;
  }

  /** Loads (again), e.g. from a retry button. */
  run(): void {
    const connection = (this.#connection = this.#host.connection);
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const { session } = connection;
    if (!session) {
      this.#fail(abort, {
        code: 'not_configured',
        message: 'Set api-url and tenant-key on the widget or on an enclosing <ek-provider>.',
      });
      return;
    }
    this.state = { status: 'loading' };
    this.#host.requestUpdate();
    // The overrides are waited for before anything shows, so texts do not change under the reader;
    // without them the catalogue speaks, and the load's own error tells what went wrong.
    const strings = session.loadStrings().catch(() => undefined);
    this.#task(session.client, abort.signal).then(
      async (value) => {
        await strings;
        this.#show(abort, { status: 'ready', value });
      },
      async (error: unknown) => {
        await strings;
        this.#fail(abort, toFailure(error));
      },
    );
  }

  #show(abort: AbortController, state: EkLoadState<T>): boolean {
    if (abort.signal.aborted) return false;
    this.state = state;
    this.#host.requestUpdate();
    return true;
  }

  #fail(abort: AbortController, failure: EkFailure): void {
    const signedOut = isSignedOut(failure);
    if (
      !this.#show(
        abort,
        signedOut ? { status: 'signed-out', reason: failure.code } : { status: 'error', failure },
      )
    )
      return;
    // A refused member token signs the visitor out too, but the integrator needs to hear why.
    if (!signedOut || failure.code !== 'sign_in_required') {
      emit(this.#host, 'ek-error', { code: failure.code, message: failure.message, status: failure.status });
    }
  }
}
