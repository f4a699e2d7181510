import type { ModerationItem, PostRef, PostVersion } from '@ekollega/sdk';
import { html, nothing } from 'lit';
import { DeskAction, DeskConfirm, fieldsOf } from '../action.js';
import type { DeskContext, DeskSection } from '../desk-context.js';

type Action = 'hide' | 'restore' | 'delete' | 'reveal';

/**
 * The queue of reported and hidden posts on every board the facilitator moderates: hide,
 * restore, delete, read the edit history, and reveal an anonymous author with a reason (the API
 * logs each reveal with who asked).
 */
class ModerationSection implements DeskSection {
  #items: ModerationItem[] | null = null;
  #next: string | null = null;
  #loading = false;
  #history = new Map<string, PostVersion[]>();
  #revealing: string | null = null;
  #revealed = new Map<string, string>();
  readonly #load: DeskAction;
  readonly #act: DeskAction;
  readonly #confirm: DeskConfirm;

  constructor(private readonly desk: DeskContext) {
    this.#load = new DeskAction(desk);
    this.#act = new DeskAction(desk);
    this.#confirm = new DeskConfirm(desk);
  }

  async #reload(cursor?: string) {
    this.#loading = true;
    const page = await this.#load.run(() => this.desk.client.questions.queue({ limit: 20, cursor }));
    this.#loading = false;
    if (page) {
      this.#items = cursor ? [...(this.#items ?? []), ...page.items] : page.items;
      this.#next = page.next_cursor;
    }
    this.desk.requestUpdate();
  }

  #ref(item: ModerationItem): PostRef {
    return item.question_id ? { question: item.question_id, answer: item.id } : item.id;
  }

  async #do(item: ModerationItem, action: Exclude<Action, 'reveal'>) {
    const { questions } = this.desk.client;
    const ref = this.#ref(item);
    const done = await this.#act.run(async () => {
      if (action === 'hide') await questions.hide(ref);
      else if (action === 'restore') await questions.restore(ref);
      else await questions.remove(ref);
      return true;
    });
    if (!done) return;
    this.desk.emit('ek-moderate', { postId: item.id, questionId: item.question_id ?? item.id, action });
    await this.#reload();
    this.desk.focusSoon('[part~="section"] h3');
  }

  async #showHistory(item: ModerationItem) {
    if (this.#history.has(item.id)) {
      this.#history.delete(item.id);
      this.desk.requestUpdate();
      return;
    }
    const versions = await this.#act.run(() => this.desk.client.questions.history(this.#ref(item)));
    if (versions) this.#history.set(item.id, versions);
    this.desk.requestUpdate();
  }

  async #reveal(event: Event, item: ModerationItem) {
    const { reason = '' } = fieldsOf(event);
    const revealed = await this.#act.run(() => this.desk.client.questions.reveal(this.#ref(item), reason));
    if (!revealed) return;
    this.#revealing = null;
    this.#revealed.set(item.id, revealed.author.name);
    this.desk.emit('ek-moderate', {
      postId: item.id,
      questionId: item.question_id ?? item.id,
      action: 'reveal',
    });
    this.desk.focusSoon(`[data-post="${item.id}"] [role="status"]`);
  }

  #card(item: ModerationItem) {
    const t = this.desk.texts;
    const history = this.#history.get(item.id);
    const revealed = this.#revealed.get(item.id);
    return html`<li part="card" data-post=${item.id}>
      <span>${item.group_name ?? t.t('desk.board.association')}</span>
      <h4>
        ${item.question_id ? t.t('desk.answer-to', { title: item.question_title }) : item.question_title}
      </h4>
      <p class="body">${item.body}</p>
      <span>${item.author ? item.author.name : t.t('desk.anonymous')} · ${t.dateTime(item.created_at)}</span>
      ${revealed ? html`<p role="status">${t.t('desk.revealed', { name: revealed })}</p>` : nothing}
      <div class="actions">
        ${item.status === 'hidden' ? html`<span class="badge">${t.t('desk.hidden')}</span>` : nothing}
        ${item.report_count ? html`<span class="badge">${t.plural('desk.reports', item.report_count)}</span>` : nothing}
      </div>
      ${
        item.report_reasons.length
          ? html`<ul>
              ${item.report_reasons.map((reason) => html`<li class="body">${reason}</li>`)}
            </ul>`
          : nothing
      }
      <div class="actions">
        ${
          item.status === 'visible'
            ? html`<button type="button" @click=${() => this.#do(item, 'hide')}>${t.t('desk.hide')}</button>`
            : html`<button type="button" class="secondary" @click=${() => this.#do(item, 'restore')}>
                ${t.t('desk.restore')}
              </button>`
        }
        <button
          type="button"
          class="secondary"
          aria-expanded=${Boolean(history)}
          @click=${() => this.#showHistory(item)}
        >
          ${t.t('desk.history')}
        </button>
        ${
          item.anonymous && !revealed
            ? html`<button
                type="button"
                class="secondary"
                aria-expanded=${this.#revealing === item.id}
                @click=${() => {
                  this.#revealing = this.#revealing === item.id ? null : item.id;
                  this.desk.requestUpdate();
                  this.desk.focusSoon(`#reveal-${item.id}`);
                }}
              >
                ${t.t('desk.reveal')}
              </button>`
            : nothing
        }
        ${this.#confirm.render(`delete-${item.id}`, t.t('desk.delete'), () => this.#do(item, 'delete'))}
      </div>
      ${
        this.#revealing === item.id
          ? html`<form @submit=${(event: Event) => this.#reveal(event, item)}>
              <label
                >${t.t('desk.reveal-reason')}<textarea
                  id="reveal-${item.id}"
                  name="reason"
                  required
                  maxlength="500"
                ></textarea>
              </label>
              <div class="actions"><button type="submit">${t.t('desk.reveal')}</button></div>
            </form>`
          : nothing
      }
      ${
        history
          ? html`<ol>
              ${history.map(
                (v) =>
                  html`<li>
                    <strong
                      >${t.t('desk.version', { version: v.version, date: t.dateTime(v.written_at) })}</strong
                    >
                    ${v.title ? html`<div>${v.title}</div>` : nothing}
                    <div class="body">${v.body}</div>
                  </li>`,
              )}
            </ol>`
          : nothing
      }
    </li>`;
  }

  render() {
    const t = this.desk.texts;
    if (this.#items === null && !this.#loading && !this.#load.failure) void this.#reload();
    if (this.#items === null) return this.#load.render();
    return html`${this.#act.render()}
    ${
      this.#items.length
        ? html`<ul class="cards" data-list="queue">
            ${this.#items.map((item) => this.#card(item))}
          </ul>`
        : html`<p>${t.t('desk.queue-empty')}</p>`
    }
    ${
      this.#next
        ? html`<button type="button" class="secondary" @click=${() => this.#reload(this.#next ?? undefined)}>
            ${t.t('desk.more')}
          </button>`
        : nothing
    }`;
  }
}

export const create = (desk: DeskContext): DeskSection => new ModerationSection(desk);
