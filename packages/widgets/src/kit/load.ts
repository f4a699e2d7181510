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

type Host = ReactiveControllerHost &
  HTMLElement & {
    readonly connection: EkConnection;
    /** Told of a failure before it is shown, so its texts can be fetched first. */
    failed?: () => void;
  };

/** How a widget loads what it shows, in `@lit/task`'s shape. */
export interface EkLoadOptions<T, A extends readonly unknown[]> {
  /** Fetches what the widget shows for `args`, with the widget's client and a signal that aborts a superseded load. */
  task: (args: A, context: { client: EkMemberClient; signal: AbortSignal }) => Promise<T>;
  /** What the load asks for: it runs again when one of these values changes (compared with `===`). */
  args?: () => A;
}

/**
 * Loads what a widget shows, again whenever its connection changes (settings, provider, "auth
 * changed") or one of its `args`, and on `run()` (retry). An answer that arrives after a newer
 * load started is dropped. Failures become values: signed out, or an error with a code, also
 * announced as `ek-error`.
 */
export class EkLoad<T, A extends readonly unknown[] = []> implements ReactiveController {
  /** What the widget shows now. */
  state: EkLoadState<T> = { status: 'loading' };
  #connection: EkConnection | undefined;
  #args: A | undefined;
  #abort: AbortController | undefined;

  readonly #host: Host;
  readonly #options: EkLoadOptions<T, A>;

  /**
   * @param host The widget; its `connection` says which client to use and when to load again.
   * @param options The task that loads and the args it depends on.
   */
  constructor(host: Host, options: EkLoadOptions<T, A>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The args as they are now. */
  #currentArgs(): A {
    return this.#options.args?.() ?? ([] as unknown as A);
  }

  #argsChanged(): boolean {
    const args = this.#currentArgs();
    return !this.#args || args.length !== this.#args.length || args.some((arg, i) => arg !== this.#args![i]);
  }

  hostUpdate(): void {
    // A widget taken off the page loads nothing (hostConnected asks for an update when it is back).
    if (!this.#host.isConnected) return;
    if (this.#host.connection !== this.#connection || this.#argsChanged()) this.run();
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

  /**
   * Shows `value` as what the current args load, without asking the API again: for what an
   * action's answer already holds.
   */
  show(value: T): void {
    this.#abort?.abort();
    this.#args = this.#currentArgs();
    this.state = { status: 'ready', value };
    this.#host.requestUpdate();
  }

  /** Loads (again), e.g. from a retry button. */
  run(): void {
    const connection = this.#host.connection;
    const args = this.#currentArgs();
    this.#connection = connection;
    this.#args = args;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
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
    this.#options.task(args, { client: session.client, signal: abort.signal }).then(
      async (value) => {
        await strings;
        this.#settle(abort, { status: 'ready', value });
      },
      async (error: unknown) => {
        await strings;
        this.#fail(abort, toFailure(error));
      },
    );
  }

  #settle(abort: AbortController, state: EkLoadState<T>): boolean {
    if (abort.signal.aborted) return false;
    this.state = state;
    this.#host.requestUpdate();
    return true;
  }

  #fail(abort: AbortController, failure: EkFailure): void {
    this.#host.failed?.();
    const signedOut = isSignedOut(failure);
    const state: EkLoadState<T> = signedOut
      ? { status: 'signed-out', reason: failure.code }
      : { status: 'error', failure };
    if (!this.#settle(abort, state)) return;
    // A refused member token signs the visitor out too, but the integrator needs to hear why.
    if (!signedOut || failure.code !== 'sign_in_required') {
      emit(this.#host, 'ek-error', { code: failure.code, message: failure.message, status: failure.status });
    }
  }
}
