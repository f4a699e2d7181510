import type { Attendee, GroupMember, SeriesAttendance, Session } from '@ekollega/sdk';
import { html, nothing } from 'lit';
import { DeskAction } from '../action.js';
import type { DeskContext, DeskSection } from '../desk-context.js';

const DAY = 86_400_000;
const WHEN: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
};

/**
 * After a meeting: who came, ticked from the RSVP answers and saved in one go; then each member's
 * attendance over the series (or all meetings).
 */
class AttendanceSection implements DeskSection {
  #loadedFor: string | null = null;
  #past: Session[] | null = null;
  #meeting = '';
  #people:
    { member: { id: string; name: string }; answer: Attendee['answer'] | null; came: boolean }[] | null =
    null;
  #series = '';
  #summary: SeriesAttendance | null = null;
  readonly #load: DeskAction;
  /** Its own action: it loads beside the meeting's answers. */
  readonly #summaryLoad: DeskAction;
  readonly #save: DeskAction;

  constructor(private readonly desk: DeskContext) {
    this.#load = new DeskAction(desk);
    this.#summaryLoad = new DeskAction(desk);
    this.#save = new DeskAction(desk);
  }

  async #reload(groupId: string) {
    this.#loadedFor = groupId;
    const now = Date.now();
    const page = await this.#load.run(() =>
      this.desk.client.sessions.list({
        group: groupId,
        from: new Date(now - 365 * DAY).toISOString(),
        to: new Date(now).toISOString(),
        limit: 100,
      }),
    );
    if (!page || this.#loadedFor !== groupId) return;
    this.#past = page.items.filter((s) => s.status !== 'cancelled').reverse();
    this.#meeting = this.#past[0]?.id ?? '';
    this.#series = this.#past[0]?.series_id ?? '';
    await Promise.all([this.#loadMeeting(groupId), this.#loadSummary(groupId)]);
  }

  /** The meeting's RSVP answers and marks, with every member of the group (answered or not). */
  async #loadMeeting(groupId: string) {
    const id = this.#meeting;
    this.#people = null;
    if (!id) return this.desk.requestUpdate();
    const both = await this.#load.run(() =>
      Promise.all([this.desk.client.sessions.attendees(id), this.desk.client.groups.members(groupId)]),
    );
    if (!both || id !== this.#meeting) return;
    const [attendees, members] = both as [Attendee[], GroupMember[]];
    const byId = new Map(attendees.map((a) => [a.member.id, a]));
    const people = members
      .filter((m) => m.role === 'member' || byId.has(m.id))
      .map((m) => ({ id: m.id, name: m.name }));
    for (const a of attendees) if (!people.some((p) => p.id === a.member.id)) people.push(a.member);
    this.#people = people.map((member) => {
      const a = byId.get(member.id);
      // Pre-filled: what was marked, else the RSVP answer.
      return { member, answer: a?.answer ?? null, came: a?.attended ?? a?.answer === 'yes' };
    });
    this.desk.requestUpdate();
  }

  async #loadSummary(groupId: string) {
    const summary = await this.#summaryLoad.run(() =>
      this.desk.client.sessions.seriesAttendance(groupId, this.#series || undefined),
    );
    if (summary) this.#summary = summary;
    this.desk.requestUpdate();
  }

  async #submit(event: Event, groupId: string) {
    event.preventDefault();
    const people = this.#people ?? [];
    const attended = people.filter((p) => p.came).map((p) => p.member.id);
    const absent = people.filter((p) => !p.came).map((p) => p.member.id);
    const sessionId = this.#meeting;
    const done = await this.#save.run(
      async () => {
        await this.desk.client.sessions.markAttendance(sessionId, attended, absent);
        return true;
      },
      () => this.desk.texts.t('desk.attendance-saved'),
    );
    if (!done) return;
    this.desk.emit('ek-attendance', { sessionId, attended, absent });
    await this.#loadSummary(groupId);
  }

  #summaryTable() {
    const t = this.desk.texts;
    const summary = this.#summary;
    if (!summary) return nothing;
    const seriesIds = [...new Set((this.#past ?? []).map((s) => s.series_id).filter(Boolean))] as string[];
    const groupId = this.#loadedFor!;
    return html`<h4>${t.t('desk.over-series')}</h4>
      <label class="picker"
        >${t.t('desk.series')}
        <select
          @change=${(event: Event) => {
            this.#series = (event.target as HTMLSelectElement).value;
            void this.#loadSummary(groupId);
          }}
        >
          <option value="" ?selected=${!this.#series}>${t.t('desk.all-meetings')}</option>
          ${seriesIds.map((id, i) => {
            const first = (this.#past ?? []).find((s) => s.series_id === id)!;
            return html`<option value=${id} ?selected=${id === this.#series}>
              ${i + 1}: ${first.title}
            </option>`;
          })}
        </select></label
      >
      <div class="table" tabindex="0" role="region" aria-label=${t.t('desk.over-series')}>
        <table data-table="summary">
          <thead>
            <tr>
              <th scope="col">${t.t('desk.members')}</th>
              <th scope="col">${t.t('desk.came')}</th>
              ${summary.sessions.map(
                (s) =>
                  html`<th scope="col">
                    ${t.dateTime(`${s.local_start}:00Z`, 'UTC', { day: 'numeric', month: 'numeric' })}
                  </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${summary.members.map(
              (row) =>
                html`<tr data-member=${row.member.id}>
                  <th scope="row">${row.member.name}</th>
                  <td>
                    ${t.t('desk.attended-of', { attended: row.attended, count: summary.sessions.length })}
                  </td>
                  ${row.marks.map(
                    (mark) =>
                      html`<td>
                        <span aria-hidden="true">${mark === true ? '✓' : mark === false ? '✗' : '–'}</span
                        ><span class="visually-hidden"
                          >${t.t(`desk.mark.${String(mark) as 'true' | 'false' | 'null'}`)}</span
                        >
                      </td>`,
                  )}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  render() {
    const t = this.desk.texts;
    const group = this.desk.group;
    if (!group) return html`<p>${t.t('desk.no-groups')}</p>`;
    if (this.#loadedFor !== group.id) {
      this.#past = null;
      this.#summary = null;
      void this.#reload(group.id);
    }
    if (!this.#past) return this.#load.render();
    if (!this.#past.length) return html`<p>${t.t('desk.no-past')}</p>`;
    return html`<label class="picker"
        >${t.t('desk.meeting')}
        <select
          data-select="meeting"
          @change=${(event: Event) => {
            this.#meeting = (event.target as HTMLSelectElement).value;
            void this.#loadMeeting(group.id);
          }}
        >
          ${this.#past.map(
            (s) =>
              html`<option value=${s.id} ?selected=${s.id === this.#meeting}>
                ${t.dateTime(s.starts_at, s.time_zone, WHEN)} — ${s.title}
              </option>`,
          )}
        </select></label
      >
      ${
        this.#people
          ? html`<form @submit=${(event: Event) => this.#submit(event, group.id)}>
              <fieldset>
                <legend>${t.t('desk.came')}</legend>
                ${this.#people.map(
                  (p) =>
                    html`<label class="check"
                      ><input
                        type="checkbox"
                        data-member=${p.member.id}
                        .checked=${p.came}
                        @change=${(event: Event) => {
                          p.came = (event.target as HTMLInputElement).checked;
                        }}
                      />${p.member.name} <small>(${t.t(`desk.rsvp.${p.answer ?? 'none'}`)})</small></label
                    >`,
                )}
              </fieldset>
              <div class="actions">
                <button type="submit" aria-busy=${this.#save.busy}>${t.t('desk.save-attendance')}</button>
              </div>
              ${this.#save.render()}
            </form>`
          : this.#load.render()
      }
      ${this.#summaryTable()}`;
  }
}

export const create = (desk: DeskContext): DeskSection => new AttendanceSection(desk);
