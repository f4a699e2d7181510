import type { CreateSeries, SeriesOccurrence, Session } from '@ekollega/sdk';
import { html, nothing } from 'lit';
import { DeskAction, DeskConfirm, fieldsOf, minutesBetween } from '../action.js';
import type { DeskContext, DeskSection } from '../desk-context.js';

const WHEN: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const ZONE = 'Europe/Helsinki';

type ApplyTo = 'this' | 'following';

/**
 * The group's upcoming meetings, each to move, cancel or give a link and agenda (it alone, or it
 * and the following ones of its series); a series previewed with Finnish holidays before it is
 * saved, a single meeting, and an expert talk for the whole association.
 */
class MeetingsSection implements DeskSection {
  #sessions: Session[] | null = null;
  #loadedFor: string | null = null;
  /** The open form: `series`, `single`, `talk`, `move-<id>` or `edit-<id>`. */
  #open: string | null = null;
  #preview: { input: CreateSeries; items: SeriesOccurrence[] } | null = null;
  readonly #load: DeskAction;
  readonly #act: DeskAction;
  readonly #confirm: DeskConfirm;

  constructor(private readonly desk: DeskContext) {
    this.#load = new DeskAction(desk);
    this.#act = new DeskAction(desk);
    this.#confirm = new DeskConfirm(desk);
  }

  async #reload(groupId: string) {
    this.#loadedFor = groupId;
    const page = await this.#load.run(() => this.desk.client.sessions.list({ group: groupId, limit: 100 }));
    if (page && this.#loadedFor === groupId) this.#sessions = page.items;
    this.desk.requestUpdate();
  }

  #toggle(form: string, focus: string) {
    this.#open = this.#open === form ? null : form;
    this.#act.failure = null;
    this.#act.done = null;
    this.desk.requestUpdate();
    if (this.#open) this.desk.focusSoon(focus);
  }

  #seriesInput(fields: Record<string, string>): CreateSeries {
    return {
      title: fields.title ?? '',
      first_start: `${fields.date}T${fields.start}`,
      duration_minutes: minutesBetween(fields.start ?? '', fields.end ?? ''),
      every_weeks: Number(fields.every_weeks),
      count: Number(fields.count),
      time_zone: ZONE,
      ...(fields.link ? { meeting_url: fields.link } : {}),
      ...(fields.agenda ? { agenda: fields.agenda } : {}),
    };
  }

  async #previewSeries(event: Event, groupId: string) {
    const input = this.#seriesInput(fieldsOf(event));
    const items = await this.#act.run(() => this.desk.client.sessions.previewSeries(groupId, input));
    if (items) {
      this.#preview = { input, items };
      this.desk.focusSoon('#preview-title');
    }
  }

  async #saveSeries(groupId: string) {
    const input = this.#preview?.input;
    if (!input) return;
    const saved = await this.#act.run(
      () => this.desk.client.sessions.createSeries(groupId, input),
      (result) => this.desk.texts.t('desk.series-saved', { count: result.items.length }),
    );
    if (!saved) return;
    this.#preview = null;
    this.#open = null;
    this.desk.emit('ek-series-create', {
      groupId,
      seriesId: saved.series_id,
      sessionIds: saved.items.map((s) => s.id),
    });
    this.desk.reloadGroups();
    await this.#reload(groupId);
  }

  async #createSingle(event: Event, groupId: string | null) {
    const fields = fieldsOf(event);
    const talk = groupId === null;
    const speakers = (fields.speakers ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [name = '', ...title] = line.split(',');
        return title.length ? { name: name.trim(), title: title.join(',').trim() } : { name: name.trim() };
      });
    const session = await this.#act.run(
      () =>
        this.desk.client.sessions.create({
          title: fields.title ?? '',
          start: `${fields.date}T${fields.start}`,
          duration_minutes: minutesBetween(fields.start ?? '', fields.end ?? ''),
          time_zone: ZONE,
          ...(talk
            ? {
                kind: 'expert_talk' as const,
                scope: fields.scope as 'members' | 'public',
                speakers,
                capacity: fields.capacity ? Number(fields.capacity) : null,
                description: fields.agenda ?? '',
              }
            : { group_id: groupId, agenda: fields.agenda ?? '' }),
          ...(fields.link ? { meeting_url: fields.link } : {}),
        }),
      () => this.desk.texts.t(talk ? 'desk.talk-saved' : 'desk.meeting-saved'),
    );
    if (!session) return;
    this.#open = null;
    this.desk.emit('ek-session-create', { sessionId: session.id, groupId });
    if (this.#loadedFor) await this.#reload(this.#loadedFor);
  }

  async #update(event: Event, session: Session, what: 'move' | 'edit') {
    const fields = fieldsOf(event);
    const applyTo = (fields.apply_to as ApplyTo | undefined) ?? 'this';
    const done = await this.#act.run(
      () =>
        this.desk.client.sessions.update(
          session.id,
          what === 'move'
            ? { start: `${fields.date}T${fields.start}`, apply_to: applyTo }
            : { meeting_url: fields.link || null, agenda: fields.agenda ?? '', apply_to: applyTo },
        ),
      () => this.desk.texts.t('desk.saved'),
    );
    if (!done) return;
    this.#open = null;
    this.desk.emit('ek-session-update', { sessionId: session.id, applyTo });
    if (this.#loadedFor) await this.#reload(this.#loadedFor);
  }

  async #cancel(session: Session, applyTo: ApplyTo) {
    const done = await this.#act.run(() => this.desk.client.sessions.cancel(session.id, applyTo));
    if (!done) return;
    this.desk.emit('ek-session-cancel', { sessionId: session.id, applyTo });
    if (this.#loadedFor) await this.#reload(this.#loadedFor);
  }

  #when(id: string, date = '', start = '09:00', end?: string) {
    const t = this.desk.texts;
    return html`<label
        >${t.t('desk.date')}<input id=${id} name="date" type="date" required .value=${date}
      /></label>
      <label>${t.t('desk.start')}<input name="start" type="time" required .value=${start} /></label>
      ${
        end === undefined
          ? nothing
          : html`<label>${t.t('desk.end')}<input name="end" type="time" required .value=${end} /></label>`
      }`;
  }

  #applyTo(session: Session) {
    const t = this.desk.texts;
    if (!session.series_id) return nothing;
    return html`<fieldset>
      <legend class="visually-hidden">${t.t('desk.series')}</legend>
      <label class="check"
        ><input type="radio" name="apply_to" value="this" checked />${t.t('desk.apply-this')}</label
      >
      <label class="check"
        ><input type="radio" name="apply_to" value="following" />${t.t('desk.apply-following')}</label
      >
    </fieldset>`;
  }

  #sessionCard(session: Session) {
    const t = this.desk.texts;
    const local = session.local_start.split('T');
    return html`<li part="card" data-session=${session.id}>
      <h4>${session.title}</h4>
      <span>${t.range(session.starts_at, session.ends_at, session.time_zone, WHEN)}</span>
      ${
        session.status !== 'scheduled'
          ? html`<span class="badge"
              >${t.t(session.status === 'cancelled' ? 'desk.cancelled' : 'desk.moved')}</span
            >`
          : nothing
      }
      ${session.topic ? html`<span>${session.topic.title}</span>` : nothing}
      ${
        session.status === 'cancelled'
          ? nothing
          : html`<div class="actions">
                <button
                  type="button"
                  class="secondary"
                  aria-expanded=${this.#open === `move-${session.id}`}
                  @click=${() => this.#toggle(`move-${session.id}`, `#move-${session.id}`)}
                >
                  ${t.t('desk.move')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded=${this.#open === `edit-${session.id}`}
                  @click=${() => this.#toggle(`edit-${session.id}`, `#link-${session.id}`)}
                >
                  ${t.t('desk.link-agenda')}
                </button>
                ${this.#confirm.render(`cancel-${session.id}`, t.t('desk.cancel-meeting'), () =>
                  this.#cancel(session, 'this'),
                )}
                ${
                  session.series_id
                    ? this.#confirm.render(
                        `cancel-following-${session.id}`,
                        `${t.t('desk.cancel-meeting')}: ${t.t('desk.apply-following')}`,
                        () => this.#cancel(session, 'following'),
                      )
                    : nothing
                }
              </div>
              ${
                this.#open === `move-${session.id}`
                  ? html`<form @submit=${(event: Event) => this.#update(event, session, 'move')}>
                      <div class="fields">${this.#when(`move-${session.id}`, local[0], local[1])}</div>
                      ${this.#applyTo(session)}
                      <div class="actions"><button type="submit">${t.t('desk.move')}</button></div>
                    </form>`
                  : nothing
              }
              ${
                this.#open === `edit-${session.id}`
                  ? html`<form @submit=${(event: Event) => this.#update(event, session, 'edit')}>
                      <label
                        >${t.t('desk.link')}<input
                          id="link-${session.id}"
                          name="link"
                          type="url"
                          .value=${session.meeting_url ?? ''}
                      /></label>
                      <label
                        >${t.t('desk.agenda')}<textarea name="agenda" .value=${session.agenda}></textarea>
                      </label>
                      ${this.#applyTo(session)}
                      <div class="actions"><button type="submit">${t.t('desk.save')}</button></div>
                    </form>`
                  : nothing
              }`
      }
    </li>`;
  }

  #seriesForm(groupId: string) {
    const t = this.desk.texts;
    const preview = this.#preview;
    return html`<form
        @submit=${(event: Event) => this.#previewSeries(event, groupId)}
        @input=${() => {
          if (!this.#preview) return;
          this.#preview = null;
          this.desk.requestUpdate();
        }}
      >
        <div class="fields">
          <label
            >${t.t('desk.title-field')}<input
              id="series-title"
              name="title"
              required
              .value=${t.t('desk.meeting')}
          /></label>
          ${this.#when('series-date', '', '09:00', '11:00')}
          <label
            >${t.t('desk.every-weeks')}<input name="every_weeks" type="number" min="1" max="12" value="3"
          /></label>
          <label>${t.t('desk.count')}<input name="count" type="number" min="1" max="52" value="5" /></label>
        </div>
        <label>${t.t('desk.link')}<input name="link" type="url" /></label>
        <label>${t.t('desk.agenda')}<textarea name="agenda"></textarea></label>
        <div class="actions"><button type="submit" class="secondary">${t.t('desk.preview')}</button></div>
      </form>
      ${
        preview
          ? html`<h4 id="preview-title" tabindex="-1">${t.t('desk.preview-title')}</h4>
              <ol data-list="preview">
                ${preview.items.map(
                  (o) =>
                    html`<li>
                      ${t.range(o.starts_at, o.ends_at, o.time_zone, WHEN)}
                      ${
                        o.holiday
                          ? html`<span class="holiday"
                              >— ${t.t('desk.holiday', { name: o.holiday.names[t.locale] })}</span
                            >`
                          : nothing
                      }
                    </li>`,
                )}
              </ol>
              <div class="actions">
                <button type="button" @click=${() => this.#saveSeries(groupId)}>
                  ${t.t('desk.save-series')}
                </button>
              </div>`
          : nothing
      }`;
  }

  #singleForm(groupId: string | null) {
    const t = this.desk.texts;
    const talk = groupId === null;
    return html`<form @submit=${(event: Event) => this.#createSingle(event, groupId)}>
      <div class="fields">
        <label
          >${t.t('desk.title-field')}<input
            id=${talk ? 'talk-title' : 'single-title'}
            name="title"
            required
            .value=${talk ? '' : t.t('desk.meeting')}
        /></label>
        ${this.#when(talk ? 'talk-date' : 'single-date', '', talk ? '17:00' : '09:00', talk ? '18:30' : '11:00')}
        ${
          talk
            ? html`<label
                  >${t.t('desk.capacity')}<input name="capacity" type="number" min="1" max="10000"
                /></label>
                <label
                  >${t.t('desk.scope')}<select name="scope">
                    <option value="members">${t.t('desk.scope.members')}</option>
                    <option value="public">${t.t('desk.scope.public')}</option>
                  </select></label
                >`
            : nothing
        }
      </div>
      ${talk ? html`<label>${t.t('desk.speakers')}<textarea name="speakers"></textarea></label>` : nothing}
      <label>${t.t('desk.link')}<input name="link" type="url" /></label>
      <label>${t.t(talk ? 'desk.description' : 'desk.agenda')}<textarea name="agenda"></textarea></label>
      <div class="actions"><button type="submit">${t.t('desk.save')}</button></div>
    </form>`;
  }

  render() {
    const t = this.desk.texts;
    const group = this.desk.group;
    if (group && this.#loadedFor !== group.id) {
      this.#sessions = null;
      this.#preview = null;
      void this.#reload(group.id);
    }
    const toggle = (form: string, label: string, focus: string) =>
      html`<button
        type="button"
        class=${this.#open === form ? '' : 'secondary'}
        aria-expanded=${this.#open === form}
        @click=${() => this.#toggle(form, focus)}
      >
        ${label}
      </button>`;
    return html`<div class="actions">
        ${group ? toggle('series', t.t('desk.new-series'), '#series-title') : nothing}
        ${group ? toggle('single', t.t('desk.new-meeting'), '#single-title') : nothing}
        ${toggle('talk', t.t('desk.new-talk'), '#talk-title')}
      </div>
      ${this.#open === 'series' && group ? this.#seriesForm(group.id) : nothing}
      ${this.#open === 'single' && group ? this.#singleForm(group.id) : nothing}
      ${this.#open === 'talk' ? this.#singleForm(null) : nothing} ${this.#act.render()}
      ${
        group
          ? html`<h4>${t.t('desk.upcoming')}</h4>
              ${
                this.#sessions
                  ? this.#sessions.length
                    ? html`<ul class="cards" data-list="sessions">
                        ${this.#sessions.map((s) => this.#sessionCard(s))}
                      </ul>`
                    : html`<p>${t.t('desk.none')}</p>`
                  : this.#load.render()
              }`
          : nothing
      }`;
  }
}

export const create = (desk: DeskContext): DeskSection => new MeetingsSection(desk);
