import { html, nothing, type TemplateResult } from 'lit';
import type { EkFailure } from '../kit/errors.js';
import type { DeskContext } from './desk-context.js';

/**
 * One action of a section (approve, save a series…): whether it runs, what it said when done, and
 * why it failed. A failed action leaves its form as it was, so nothing typed is lost.
 */
export class DeskAction {
  busy = false;
  failure: EkFailure | null = null;
  done: string | null = null;

  constructor(private readonly desk: DeskContext) {}

  /** Runs `work` unless it already runs; `done` turns its value into the confirmation read out. */
  async run<T>(work: () => Promise<T>, done?: (value: T) => string): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.failure = null;
    this.done = null;
    this.desk.requestUpdate();
    try {
      const value = await work();
      this.done = done ? done(value) : null;
      return value;
    } catch (error) {
      this.failure = this.desk.report(error);
      return undefined;
    } finally {
      this.busy = false;
      this.desk.requestUpdate();
    }
  }

  /** The outcome: a status line when done, an alert saying why when it failed. */
  render(): TemplateResult | typeof nothing {
    if (this.failure)
      return html`<p class="failure" part="failure" role="alert">
        ${this.desk.texts.t('desk.failed', { reason: this.desk.failureText(this.failure) })}
      </p>`;
    if (this.done) return html`<p class="done" role="status">${this.done}</p>`;
    return nothing;
  }
}

/**
 * A destructive action's button, which asks first: pressed, it becomes "Are you sure? Yes /
 * Cancel", the focus on "Yes"; Cancel (or Escape) puts the button back and the focus on it.
 */
export class DeskConfirm {
  #asking: string | null = null;

  constructor(private readonly desk: DeskContext) {}

  render(key: string, label: string, act: () => void): TemplateResult {
    const cancel = () => {
      this.#asking = null;
      this.desk.focusSoon(`[data-confirm="${key}"]`);
    };
    if (this.#asking !== key)
      return html`<button
        type="button"
        class="secondary danger"
        data-confirm=${key}
        @click=${() => {
          this.#asking = key;
          this.desk.focusSoon(`[data-confirmed="${key}"]`);
        }}
      >
        ${label}
      </button>`;
    return html`<span
      class="confirm"
      role="group"
      aria-label=${label}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') cancel();
      }}
      ><span>${this.desk.texts.t('desk.confirm')}</span>
      <button
        type="button"
        class="danger"
        data-confirmed=${key}
        @click=${() => {
          this.#asking = null;
          act();
        }}
      >
        ${this.desk.texts.t('desk.yes')}: ${label}
      </button>
      <button type="button" class="secondary" @click=${cancel}>
        ${this.desk.texts.t('desk.cancel')}
      </button></span
    >`;
  }
}

/** The fields of a submitted form, trimmed. */
export function fieldsOf(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const fields: Record<string, string> = {};
  new FormData(form).forEach((value, name) => {
    fields[name] = String(value).trim();
  });
  return fields;
}

/** Minutes from `start` to `end` (`09:00`, `11:00`), a day later when `end` is earlier. */
export function minutesBetween(start: string, end: string): number {
  const minutes = (time: string) => {
    const [h = 0, m = 0] = time.split(':').map(Number);
    return h * 60 + m;
  };
  const diff = minutes(end) - minutes(start);
  return diff > 0 ? diff : diff + 24 * 60;
}
