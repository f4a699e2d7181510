import {
  isProblem,
  type Commitment,
  type CommitmentVisibility,
  type CreateCommitment,
  type EkMemberClient,
  type Me,
  type Page,
  type ReportStatus,
} from '@ekollega/sdk';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { EkElement } from '../kit/element.js';
import { failureText, toFailure } from '../kit/errors.js';
import { emit } from '../kit/events.js';
import type { Texts } from '../kit/i18n/index.js';
import { EkLoad } from '../kit/load.js';
import { commitmentsStyles } from './commitments.styles.js';
import { commitmentsTexts, type MessageKey } from './i18n/index.js';

/** The element's message keys without their `commitments.` prefix. */
type Key = MessageKey extends infer K ? (K extends `commitments.${infer Rest}` ? Rest : never) : never;

const STATUSES: readonly ReportStatus[] = ['done', 'partly', 'not_done', 'dropped'];
const VISIBILITIES: readonly CommitmentVisibility[] = ['group', 'facilitators', 'private'];
const EXAMPLES = ['set.example.1', 'set.example.2', 'set.example.3'] as const;

/** What the member view shows: who reads, their standing in the group and the group's commitments. */
interface Loaded {
  me: Me;
  member: boolean;
  facilitator: boolean;
  /** null: the reader is not in the group and has none of their own there. */
  page: Page<Commitment> | null;
}

/** Due time of a commitment for sorting: none last. */
const dueTime = (c: Commitment) => (c.due_at ? Date.parse(c.due_at) : Number.POSITIVE_INFINITY);

/** Whether a commitment still belongs to the coming meeting: open, or reported while its report can be corrected. */
const current = (c: Commitment, now: number) =>
  !c.report || c.due_ends_at === null || Date.parse(c.due_ends_at) > now;

/**
 * A member sees the commitment due at the group's next meeting, with that meeting's date in its
 * own zone, and reports on it in two steps: how it went (four buttons), then an optional
 * reflection and the number reached. Below: setting the next one (examples to start from, an
 * optional target, who sees it), the group's shared commitments, and the member's own history
 * in the group, carry-overs linked. The group's facilitators also get the check-in round of a
 * meeting (`view="round"`), a view of its own chunk. Texts are the board's markup.
 *
 * @summary A member's goal from one group meeting to the next: set it, report on it, see the
 * group's; the facilitators' check-in round.
 *
 * @fires {CustomEvent<{ commitmentId: string; groupId: string; carriedFromId: string | null }>} ek-commitment-set - The member set a commitment.
 * @fires {CustomEvent<{ commitmentId: string; status: 'done' | 'partly' | 'not_done' | 'dropped'; corrected: boolean }>} ek-commitment-report - The member reported on a commitment, or corrected the report.
 * @fires {CustomEvent<{ reason: string }>} ek-auth-required - A visitor pressed "sign in", or the member's token was refused.
 * @fires {CustomEvent<{ code: string; message: string; status?: number }>} ek-error - Loading, setting or reporting failed.
 *
 * @csspart base - Everything the element shows.
 * @csspart due - The member's commitments for the coming meeting.
 * @csspart commitment - One commitment; also `mine` for the reader's own.
 * @csspart status - The four "how did it go" buttons.
 * @csspart report - The report form: reflection and number reached.
 * @csspart report-shown - A commitment's report.
 * @csspart correct - The "correct the report" button.
 * @csspart carry - The "carry it over" button.
 * @csspart set - The form setting the next commitment.
 * @csspart example - A button filling in an example commitment.
 * @csspart submit - The form's main button.
 * @csspart shared - The group's commitments the reader may see.
 * @csspart history - The reader's own commitments in the group, as a timeline.
 * @csspart round-open - The facilitators' "go through the round" button.
 * @csspart round - The check-in round of one meeting.
 * @csspart empty - Said when there is nothing to show.
 * @csspart message - What an action's result was, or why it failed.
 * @csspart skeleton - A placeholder while loading.
 * @csspart sign-in - The sign-in button a visitor sees.
 * @csspart error - An error message with its retry button.
 * @csspart retry - The retry button.
 *
 * @cssproperty --ek-field-background - Background of the text fields (default the page's `Canvas`).
 * @cssproperty --ek-done - Colour of a "done" status mark (default a green).
 */
export class EkCommitments extends EkElement {
  static override styles = [EkElement.styles, commitmentsStyles];
  static override catalogue = commitmentsTexts;
  declare protected texts: Texts<MessageKey>;

  static override properties: PropertyDeclarations = {
    group: {},
    view: { reflect: true },
    session: {},
    _reporting: { state: true },
    _carry: { state: true },
    _setOpen: { state: true },
    _message: { state: true },
    _busy: { state: true },
  };

  /** The group (an id) whose commitments it shows. */
  group = '';

  /** `member`: the reader's commitments and the group's; `round`: a meeting's check-in round (the group's facilitators). */
  view: 'member' | 'round' = 'member';

  /** The round view's meeting (a session id of the group); default the one on now, else the next. */
  session = '';

  /** The commitment being reported on, and the status chosen in the first step. */
  private _reporting: { id: string; status: ReportStatus | null } | null = null;
  /** The earlier commitment the set form carries over. */
  private _carry: Commitment | null = null;
  /** Whether the set form shows while the member has a commitment for the coming meeting. */
  private _setOpen = false;
  /** The last action's outcome and where it shows: a commitment's id, or `set`. */
  private _message: { at: string; text: string; failed: boolean } | null = null;
  /** An action on its way. */
  private _busy = false;

  /** Reported in this view: they stay where the member reported them, even once their meeting is over. */
  readonly #reportedHere = new Set<string>();

  /** Markup as Lit templates: the Q&A board's renderer, in a chunk both elements share. */
  readonly #markup = this.lazyView(() => import('../qa-board/views/markup.js'));
  /** The facilitators' round, imported when first shown. */
  readonly #roundView = this.lazyView(() => import('./views/round.js'));

  readonly #data = new EkLoad(this, {
    args: () => [this.group] as const,
    task: async ([group], { client, signal }): Promise<Loaded> => {
      const [me, detail] = await Promise.all([client.me({ signal }), client.groups.get(group, { signal })]);
      const facilitator = detail.facilitators.some((f) => f.id === me.id);
      const member = detail.my_membership?.status === 'member';
      let page: Page<Commitment> | null = null;
      try {
        page = await client.commitments.list(group, { limit: 100 }, { signal });
      } catch (error) {
        if (toFailure(error).code !== 'not_found') throw error;
      }
      // The session calendar links here with `#commitment-<id>`: the keyboard starts at that one.
      const linked = /^#commitment-([\w-]+)$/.exec(location.hash)?.[1];
      if (linked && page?.items.some((c) => c.id === linked)) this.focusSoon(`[data-id="${linked}"] button`);
      return { me, member, facilitator, page };
    },
  });

  /** The round's sessions and the chosen one's round, loaded only in the round view. */
  readonly #round = new EkLoad(this, {
    args: () => [this.view === 'round' ? this.group : null, this.session] as const,
    task: async ([group, session], { client, signal }) => {
      if (!group) return null;
      const from = new Date(Date.now() - 120 * 86_400_000).toISOString();
      const { items: sessions } = await client.sessions.list({ group, from, limit: 100 }, { signal });
      const now = Date.now();
      const chosen =
        session ||
        sessions.find((s) => s.status !== 'cancelled' && Date.parse(s.ends_at) > now)?.id ||
        sessions.at(-1)?.id ||
        '';
      const round = chosen ? await client.sessions.round(chosen, { signal }) : null;
      return { sessions, chosen, round };
    },
  });

  /** The session calendar's link to a commitment on this page changes only the hash. */
  readonly #onHashChange = () => {
    const page = this.#page();
    const linked = /^#commitment-([\w-]+)$/.exec(location.hash)?.[1];
    if (linked && page?.items.some((c) => c.id === linked)) this.focusSoon(`[data-id="${linked}"] button`);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.texts.t(`commitments.${key}`, values);
  }

  /** A meeting's date and time in its own zone. */
  #when(at: string, zone: string | null): string {
    return this.texts.dateTime(at, zone ?? undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    });
  }

  #number(value: number): string {
    return new Intl.NumberFormat(this.texts.locale).format(value);
  }

  #renderMarkup(source: string) {
    const markup = this.#markup.module;
    return markup ? markup.renderMarkup(source) : this.renderLoading();
  }

  // ——— Views ———

  protected override render() {
    return html`<div part="base" tabindex="-1" lang=${this.texts.locale}>
      ${this.renderLoad(this.#data, (loaded) =>
        this.view === 'round' && loaded.facilitator ? this.#renderRound() : this.#renderMember(loaded),
      )}
    </div>`;
  }

  #renderMember(loaded: Loaded) {
    const { page } = loaded;
    const roundButton = loaded.facilitator
      ? html`<button part="round-open" class="secondary" type="button" @click=${() => this.#setView('round')}>
          ${this.#t('round.open')}
        </button>`
      : nothing;
    if (!page) return html`<p part="empty">${this.#t('not-in-group')}</p>`;
    const now = Date.now();
    const mine = page.items.filter((c) => c.mine);
    const due = mine
      .filter((c) => current(c, now) || this.#reportedHere.has(c.id))
      .sort((a, b) => dueTime(a) - dueTime(b));
    const peers = page.items.filter((c) => !c.mine);
    return html`${roundButton}
      ${
        due.length
          ? html`<section part="due" aria-labelledby="due-heading">
              <h3 id="due-heading">${this.#t('due.heading')}</h3>
              <ul>
                ${due.map((c) => this.#renderDue(c, page, loaded.member))}
              </ul>
            </section>`
          : nothing
      }
      ${this.#renderSet(loaded, due.length > 0)}
      <section part="shared" aria-labelledby="shared-heading">
        <h3 id="shared-heading">${this.#t('shared.heading')}</h3>
        ${
          peers.length
            ? html`<ul>
                ${peers.map((c) => this.#renderPeer(c))}
              </ul>`
            : html`<p part="empty">${this.#t('shared.empty')}</p>`
        }
      </section>
      ${this.#renderHistory(mine)}`;
  }

  #renderTarget(c: Commitment) {
    if (!c.target) return nothing;
    return html`<p>${this.#t('target', { value: this.#number(c.target.value), unit: c.target.unit })}</p>`;
  }

  #renderDueLine(c: Commitment) {
    return html`<p class="due">
      ${c.due_at ? this.#t('due.at', { date: this.#when(c.due_at, c.due_time_zone) }) : this.#t('due.none')}
    </p>`;
  }

  #renderReport(c: Commitment) {
    const report = c.report;
    if (!report) return nothing;
    return html`<div part="report-shown">
      <p>
        <span class="status status-${report.status}"
          >${this.#t('reported', { status: this.#t(`status.${report.status}`) })}</span
        >
      </p>
      ${
        report.achieved !== null && c.target
          ? html`<p>${this.#t('achieved', { value: this.#number(report.achieved), unit: c.target.unit })}</p>`
          : nothing
      }
      ${report.reflection ? html`<div class="text">${this.#renderMarkup(report.reflection)}</div>` : nothing}
    </div>`;
  }

  /** One of the member's own for the coming meeting, with the report's two steps. */
  #renderDue(c: Commitment, page: Page<Commitment>, member: boolean) {
    const reporting = this._reporting?.id === c.id ? this._reporting : null;
    const correctable = !c.due_ends_at || Date.parse(c.due_ends_at) > Date.now();
    const carried = page.items.some((other) => other.carried_from_id === c.id);
    return html`<li part="commitment mine" data-id=${c.id}>
      <div class="text">${this.#renderMarkup(c.text)}</div>
      ${this.#renderTarget(c)} ${this.#renderDueLine(c)}
      ${reporting ? this.#renderReportForm(c, reporting.status) : this.#renderReport(c)}
      ${
        !reporting && member
          ? html`<div class="bar">
              ${!c.report ? this.#renderStatusButtons(c) : nothing}
              ${
                c.report && correctable
                  ? html`<button
                      part="correct"
                      class="secondary"
                      type="button"
                      @click=${() => this.#startReport(c, c.report!.status)}
                    >
                      ${this.#t('report.correct')}
                    </button>`
                  : nothing
              }
              ${
                c.report && c.report.status !== 'done' && !carried
                  ? html`<button part="carry" class="secondary" type="button" @click=${() => this.#carry(c)}>
                      ${this.#t('carry')}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${this.#renderMessage(c.id)}
    </li>`;
  }

  #renderStatusButtons(c: Commitment) {
    return html`<div part="status" class="bar" role="group" aria-labelledby="how-${c.id}">
      <span id="how-${c.id}">${this.#t('report.question')}</span>
      ${STATUSES.map(
        (status) =>
          html`<button type="button" class="secondary" @click=${() => this.#startReport(c, status)}>
            ${this.#t(`status.${status}`)}
          </button>`,
      )}
    </div>`;
  }

  /** The report's second step: the chosen status, an optional reflection and number, save. */
  #renderReportForm(c: Commitment, status: ReportStatus | null) {
    if (!status) return this.#renderStatusButtons(c);
    return html`<form part="report" @submit=${(event: SubmitEvent) => this.#submitReport(event, c, status)}>
      <p class="bar">
        <span>${this.#t('report.chosen', { status: this.#t(`status.${status}`) })}</span>
        <button type="button" class="secondary" @click=${() => this.#startReport(c, null)}>
          ${this.#t('report.change')}
        </button>
      </p>
      <label
        >${this.#t('report.reflection')}
        <textarea name="reflection" maxlength="1000" rows="3" .value=${c.report?.reflection ?? ''}></textarea>
      </label>
      ${
        c.target
          ? html`<label
              >${this.#t('report.achieved', { unit: c.target.unit })}
              <input
                name="achieved"
                type="number"
                min="0"
                step="any"
                inputmode="decimal"
                .value=${c.report?.achieved === null || !c.report ? '' : String(c.report.achieved)}
            /></label>`
          : nothing
      }
      <div class="bar">
        <button part="submit" type="submit" aria-busy=${this._busy}>${this.#t('report.save')}</button>
        <button type="button" class="secondary" @click=${() => this.#cancelReport(c)}>
          ${this.#t('report.cancel')}
        </button>
      </div>
    </form>`;
  }

  /** The form setting the next commitment; behind a button while one is already due. */
  #renderSet(loaded: Loaded, hasDue: boolean) {
    if (!loaded.member) {
      return loaded.facilitator ? nothing : html`<p part="empty">${this.#t('set.not-member')}</p>`;
    }
    if (hasDue && !this._setOpen && !this._carry) {
      return html`<button part="set-open" class="secondary" type="button" @click=${this.#openSet}>
        ${this.#t('set.another')}
      </button>`;
    }
    return html`<form part="set" aria-labelledby="set-heading" @submit=${this.#submitSet}>
      <h3 id="set-heading">${this.#t('set.heading')}</h3>
      ${this._carry ? html`<p>${this.#t('set.carried')}</p>` : nothing}
      <label for="set-text">${this.#t('set.text')}</label>
      <textarea id="set-text" name="text" required maxlength="500" rows="3"></textarea>
      <div class="bar" role="group" aria-labelledby="examples">
        <span id="examples">${this.#t('set.examples')}</span>
        ${EXAMPLES.map(
          (key) =>
            html`<button part="example" class="secondary" type="button" @click=${() => this.#useExample(key)}>
              ${this.#t(key)}
            </button>`,
        )}
      </div>
      <div class="target">
        <label
          >${this.#t('set.target')} <input name="target" type="number" min="0" step="any" inputmode="decimal"
        /></label>
        <label>${this.#t('set.unit')} <input name="unit" maxlength="40" /></label>
      </div>
      <fieldset>
        <legend>${this.#t('set.visibility')}</legend>
        ${VISIBILITIES.map(
          (visibility) =>
            html`<label class="choice"
              ><input type="radio" name="visibility" value=${visibility} ?checked=${visibility === 'group'} />
              ${this.#t(`visibility.${visibility}`)}</label
            >`,
        )}
      </fieldset>
      <button part="submit" type="submit" aria-busy=${this._busy}>${this.#t('set.submit')}</button>
      ${this.#renderMessage('set')}
    </form>`;
  }

  #renderPeer(c: Commitment) {
    return html`<li part="commitment" data-id=${c.id}>
      <h4>${c.member.name}</h4>
      <div class="text">${this.#renderMarkup(c.text)}</div>
      ${this.#renderTarget(c)} ${this.#renderDueLine(c)} ${this.#renderReport(c)}
    </li>`;
  }

  /** The member's own in the group, newest first: set → due → reported, carry-overs linked. */
  #renderHistory(mine: Commitment[]) {
    const byId = new Map(mine.map((c) => [c.id, c]));
    const day = (at: string, zone: string | null) =>
      this.texts.dateTime(at, zone ?? undefined, { day: 'numeric', month: 'short', year: 'numeric' });
    return html`<section part="history" aria-labelledby="history-heading">
      <h3 id="history-heading">${this.#t('history.heading')}</h3>
      ${
        mine.length
          ? html`<ol>
              ${mine.map((c) => {
                const from = c.carried_from_id ? byId.get(c.carried_from_id) : undefined;
                return html`<li id="history-${c.id}" tabindex="-1">
                  <div class="text">${this.#renderMarkup(c.text)}</div>
                  <p class="steps">
                    <span>${this.#t('history.set', { date: day(c.created_at, c.due_time_zone) })}</span>
                    <span
                      >${c.due_at ? this.#t('history.due', { date: day(c.due_at, c.due_time_zone) }) : this.#t('due.none')}</span
                    >
                    <span class="status ${c.report ? `status-${c.report.status}` : ''}"
                      >${c.report ? this.#t(`status.${c.report.status}`) : this.#t('history.open')}</span
                    >
                  </p>
                  ${
                    from
                      ? html`<p>
                          <button class="title" type="button" @click=${() => this.#focusHistory(from.id)}>
                            ${this.#t('history.carried', { text: from.text.slice(0, 80) })}
                          </button>
                        </p>`
                      : nothing
                  }
                </li>`;
              })}
            </ol>`
          : html`<p part="empty">${this.#t('history.empty')}</p>`
      }
    </section>`;
  }

  #renderRound() {
    const view = this.#roundView.module;
    const back = html`<button
      part="round-open"
      class="secondary"
      type="button"
      @click=${() => this.#setView('member')}
    >
      ${this.#t('round.back')}
    </button>`;
    if (!view) return html`${back}${this.renderLoading()}`;
    return html`${back}
    ${this.renderLoad(this.#round, (loaded) =>
      view.renderRound({
        sessions: loaded?.sessions ?? [],
        chosen: loaded?.chosen ?? '',
        round: loaded?.round ?? null,
        texts: this.texts,
        choose: (id) => {
          this.session = id;
        },
        renderMarkup: (source) => this.#renderMarkup(source),
        when: (at, zone) => this.#when(at, zone),
        number: (value) => this.#number(value),
      }),
    )}`;
  }

  #renderMessage(at: string) {
    const message = this._message?.at === at ? this._message : null;
    return html`<p part="message" role=${message?.failed ? 'alert' : 'status'}>${message?.text ?? ''}</p>`;
  }

  // ——— Actions ———

  #setView(view: EkCommitments['view']): void {
    this.view = view;
    this.focusSoon(view === 'round' ? 'select' : '[part~="round-open"]', '[part~="base"]');
  }

  #openSet(): void {
    this._setOpen = true;
    this.focusSoon('#set-text');
  }

  #useExample(key: (typeof EXAMPLES)[number]): void {
    const field = this.find<HTMLTextAreaElement>('#set-text');
    if (!field) return;
    field.value = this.#t(key);
    field.focus();
  }

  #startReport(c: Commitment, status: ReportStatus | null): void {
    this._reporting = { id: c.id, status };
    this._message = null;
    this.focusSoon(status ? `[data-id="${c.id}"] textarea` : `[data-id="${c.id}"] [part~="status"] button`);
  }

  #cancelReport(c: Commitment): void {
    this._reporting = null;
    this.focusSoon(`[data-id="${c.id}"] button`);
  }

  #carry(c: Commitment): void {
    this._carry = c;
    this._setOpen = true;
    this.focusSoon('#set-text');
    void this.updateComplete.then(() => {
      const field = this.find<HTMLTextAreaElement>('#set-text');
      if (field && !field.value) field.value = c.text;
    });
  }

  #focusHistory(id: string): void {
    const item = this.find(`#history-${CSS.escape(id)}`);
    item?.scrollIntoView({ block: 'nearest' });
    item?.focus();
  }

  #client(): EkMemberClient | null {
    return this.connection.session?.client ?? null;
  }

  /** The loaded page, to update in place after an action. */
  #page(): Page<Commitment> | null {
    const { state } = this.#data;
    return state.status === 'ready' ? state.value.page : null;
  }

  /** The failure in the reader's words: for bad input, which field is wrong and why. */
  #fail(at: string, error: unknown): void {
    const failure = this.report(error);
    let text = failureText(failure, this.texts);
    if (isProblem(error, 'report_closed')) text = this.#t('report-closed');
    if (isProblem(error, 'validation_failed')) {
      const field = error.errors[0]?.field.split('.')[0] ?? '';
      const known = ['text', 'target', 'reflection', 'achieved'] as const;
      const which = known.find((name) => name === field);
      text = which ? this.#t(`invalid.${which}`) : this.#t('invalid');
    }
    this._message = { at, text, failed: true };
  }

  async #submitReport(event: SubmitEvent, c: Commitment, status: ReportStatus): Promise<void> {
    event.preventDefault();
    const client = this.#client();
    if (!client || this._busy) return;
    const form = new FormData(event.target as HTMLFormElement);
    const achievedText = String(form.get('achieved') ?? '').trim();
    const corrected = c.report !== null;
    this._busy = true;
    try {
      const updated = await client.commitments.report(c.id, {
        status,
        reflection: String(form.get('reflection') ?? ''),
        ...(c.target ? { achieved: achievedText ? Number(achievedText) : null } : {}),
      });
      Object.assign(c, updated);
      this.#reportedHere.add(c.id);
      this._reporting = null;
      this._message = { at: c.id, text: this.#t('report.saved'), failed: false };
      emit(this, 'ek-commitment-report', { commitmentId: c.id, status, corrected });
      this.focusSoon(`[data-id="${c.id}"] [part~="correct"]`, `[data-id="${c.id}"] button`);
    } catch (error) {
      this.#fail(c.id, error);
    } finally {
      this._busy = false;
    }
  }

  async #submitSet(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.#client();
    const page = this.#page();
    if (!client || !page || this._busy) return;
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const value = String(form.get('target') ?? '').trim();
    const unit = String(form.get('unit') ?? '').trim();
    const input: CreateCommitment = {
      text: String(form.get('text') ?? ''),
      visibility: (form.get('visibility') as CommitmentVisibility | null) ?? 'group',
      ...(value ? { target: { value: Number(value), unit } } : {}),
      ...(this._carry ? { carried_from_id: this._carry.id } : {}),
    };
    this._busy = true;
    try {
      const created = await client.commitments.create(this.group, input);
      page.items.unshift(created);
      formElement.reset();
      this._carry = null;
      this._setOpen = false;
      this._message = { at: created.id, text: this.#t('set.saved'), failed: false };
      emit(this, 'ek-commitment-set', {
        commitmentId: created.id,
        groupId: created.group_id,
        carriedFromId: created.carried_from_id,
      });
      this.focusSoon(`[data-id="${created.id}"] [part~="status"] button`);
    } catch (error) {
      this.#fail('set', error);
    } finally {
      this._busy = false;
    }
  }
}
