import type { Session, Topic } from '@ekollega/sdk';
import { html, nothing } from 'lit';
import { DeskAction, fieldsOf, minutesBetween } from '../action.js';
import type { DeskContext, DeskSection } from '../desk-context.js';

const WHEN: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
};

/** The topics the group's members suggested, most votes first: attach one to a meeting, or make an expert talk of it. */
class TopicsSection implements DeskSection {
  #loadedFor: string | null = null;
  #topics: Topic[] | null = null;
  #meetings: Session[] = [];
  #open: string | null = null;
  readonly #load: DeskAction;
  readonly #act: DeskAction;

  constructor(private readonly desk: DeskContext) {
    this.#load = new DeskAction(desk);
    this.#act = new DeskAction(desk);
  }

  async #reload(groupId: string) {
    this.#loadedFor = groupId;
    const both = await this.#load.run(() =>
      Promise.all([
        this.desk.client.sessions.topics.list(groupId),
        this.desk.client.sessions.list({ group: groupId, limit: 100 }),
      ]),
    );
    if (!both || this.#loadedFor !== groupId) return;
    this.#topics = both[0].items;
    this.#meetings = both[1].items.filter((s) => s.status !== 'cancelled');
    this.desk.requestUpdate();
  }

  async #attach(event: Event, groupId: string, topic: Topic) {
    const { session = '' } = fieldsOf(event);
    const done = await this.#act.run(
      () => this.desk.client.sessions.update(session, { topic_id: topic.id }),
      () => this.desk.texts.t('desk.attached'),
    );
    if (!done) return;
    this.desk.emit('ek-topic-attach', { groupId, topicId: topic.id, sessionId: session });
    await this.#reload(groupId);
  }

  async #talk(event: Event, groupId: string, topic: Topic) {
    const fields = fieldsOf(event);
    const talk = await this.#act.run(
      () =>
        this.desk.client.sessions.expertTalk(groupId, topic.id, {
          start: `${fields.date}T${fields.start}`,
          duration_minutes: minutesBetween(fields.start ?? '', fields.end ?? ''),
          ...(fields.capacity ? { capacity: Number(fields.capacity) } : {}),
        }),
      () => this.desk.texts.t('desk.talk-saved'),
    );
    if (!talk) return;
    this.#open = null;
    this.desk.emit('ek-topic-attach', { groupId, topicId: topic.id, sessionId: talk.id });
    await this.#reload(groupId);
  }

  #card(groupId: string, topic: Topic) {
    const t = this.desk.texts;
    const toggle = (form: string, label: string) =>
      html`<button
        type="button"
        class="secondary"
        aria-expanded=${this.#open === form}
        @click=${() => {
          this.#open = this.#open === form ? null : form;
          this.desk.requestUpdate();
          if (this.#open) this.desk.focusSoon(`#${form}`);
        }}
      >
        ${label}
      </button>`;
    return html`<li part="card" data-topic=${topic.id}>
      <h4>${topic.title}</h4>
      <span class="badge">${t.plural('desk.votes', topic.votes)}</span>
      ${topic.description ? html`<p class="body">${topic.description}</p>` : nothing}
      <div class="actions">
        ${toggle(`attach-${topic.id}`, t.t('desk.attach'))}
        ${toggle(`talk-${topic.id}`, t.t('desk.make-talk'))}
      </div>
      ${
        this.#open === `attach-${topic.id}`
          ? html`<form @submit=${(event: Event) => this.#attach(event, groupId, topic)}>
              <label
                >${t.t('desk.meeting')}<select id="attach-${topic.id}" name="session" required>
                  ${this.#meetings.map(
                    (s) =>
                      html`<option value=${s.id}>
                        ${t.dateTime(s.starts_at, s.time_zone, WHEN)} — ${s.title}
                      </option>`,
                  )}
                </select></label
              >
              <div class="actions"><button type="submit">${t.t('desk.attach')}</button></div>
            </form>`
          : nothing
      }
      ${
        this.#open === `talk-${topic.id}`
          ? html`<form @submit=${(event: Event) => this.#talk(event, groupId, topic)}>
              <div class="fields">
                <label
                  >${t.t('desk.date')}<input id="talk-${topic.id}" name="date" type="date" required
                /></label>
                <label>${t.t('desk.start')}<input name="start" type="time" required value="17:00" /></label>
                <label>${t.t('desk.end')}<input name="end" type="time" required value="18:30" /></label>
                <label
                  >${t.t('desk.capacity')}<input name="capacity" type="number" min="1" max="10000"
                /></label>
              </div>
              <div class="actions"><button type="submit">${t.t('desk.make-talk')}</button></div>
            </form>`
          : nothing
      }
    </li>`;
  }

  render() {
    const t = this.desk.texts;
    const group = this.desk.group;
    if (!group) return html`<p>${t.t('desk.no-groups')}</p>`;
    if (this.#loadedFor !== group.id) {
      this.#topics = null;
      void this.#reload(group.id);
    }
    if (!this.#topics) return this.#load.render();
    return html`${this.#act.render()}
    ${
      this.#topics.length
        ? html`<ol class="cards" data-list="topics">
            ${this.#topics.map((topic) => this.#card(group.id, topic))}
          </ol>`
        : html`<p>${t.t('desk.no-topics')}</p>`
    }`;
  }
}

export const create = (desk: DeskContext): DeskSection => new TopicsSection(desk);
