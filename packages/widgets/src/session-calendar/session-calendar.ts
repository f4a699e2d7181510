import type { ListSessionsQuery, Page, RsvpAnswer, Session } from '@ekollega/sdk';
import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { EkElement } from '../kit/element.js';
import { failureText } from '../kit/errors.js';
import { emit } from '../kit/events.js';
import type { MessageKey } from '../kit/i18n/index.js';
import { EkLoad, type EkConnection } from '../kit/load.js';
import { sessionCalendarStyles } from './session-calendar.styles.js';

/** The calendar's message keys without their `calendar.` prefix. */
type Key = MessageKey extends infer K ? (K extends `calendar.${infer Rest}` ? Rest : never) : never;

const DAY = 864e5;

// Days are counted as UTC midnights of `YYYY-MM-DD` dates: a session's day is the one of its own
// zone (`local_start`), whatever zone the reader is in. `Date.parse` reads such a date as UTC by
// the standard, and `YYYY-MM` or `YYYY` as the month's or the year's first day.
const dateOf = (day: number): string => new Date(day).toISOString().slice(0, 10);
/** Monday of the week of `day`. */
const monday = (day: number): number => day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
/**
 * The ISO 8601 number of the week whose Thursday is `thursday`: week 1 holds the year's first
 * Thursday, so it is the whole weeks since 1 January of the Thursday's year, plus one (`| 0` floors).
 */
const weekNumber = (thursday: number): number =>
  1 + (((thursday - Date.parse(dateOf(thursday).slice(0, 4))) / (7 * DAY)) | 0);
/** `items` in lists by `key`, in the order they come. */
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
/** `date` moved by `months`, on the same day of the month where that month has it, else on its last day. */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // The same day number runs over into the month after when the target month is shorter.
  return dateOf(Math.min(Date.UTC(year, month - 1 + months, day), Date.UTC(year, month + months, 0)));
}

/**
 * The agenda lists upcoming sessions by week; the month view is a grid of days (arrow keys,
 * Home/End, Page Up/Down) whose selected day's sessions are listed below it, Enter moving there.
 * A session opens in place: its agenda, speakers, the member's answer, the meeting link from 15
 * minutes before the start for those the API gives it to, and a calendar file. Times are the
 * session's own, with the reader's beside them when their zone gives other clock times.
 *
 * @summary Upcoming group meetings, expert talks and events as an agenda or a month, with RSVP,
 * the meeting link, "add to calendar" and the member's personal calendar feed.
 *
 * @fires {CustomEvent<{ sessionId: string }>} ek-session-select - A session's detail opened.
 * @fires {CustomEvent<{ sessionId: string; answer: 'yes' | 'no' | 'maybe'; waitlisted: boolean }>} ek-rsvp - The member answered; `waitlisted` when a yes to a full session put them in line.
 * @fires {CustomEvent<{ reason: string }>} ek-auth-required - A visitor pressed an answer or "sign in"; start the host site's sign-in.
 * @fires {CustomEvent<{ code: string; message: string; status?: number }>} ek-error - Loading, answering or a calendar file failed.
 *
 * @csspart base - Everything the calendar shows.
 * @csspart view - The two buttons switching between the agenda and the month.
 * @csspart scope - The select choosing my groups, open events or all.
 * @csspart feed - The "subscribe in your calendar app" disclosure.
 * @csspart copy - The button copying the feed address.
 * @csspart week - One week of the agenda, with its heading.
 * @csspart session - One session in a list; also `cancelled` when it is.
 * @csspart badge - A session's status: moved or cancelled.
 * @csspart local-time - The session's time in the reader's zone.
 * @csspart detail - An open session's agenda, speakers, answer, link and calendar file.
 * @csspart rsvp - The yes / no / maybe buttons.
 * @csspart join - The meeting link.
 * @csspart ics - The "add to calendar" button.
 * @csspart more - The "show more sessions" button.
 * @csspart empty - Said when there is no session to show.
 * @csspart previous - The previous-month button.
 * @csspart next - The next-month button.
 * @csspart grid - The month grid.
 * @csspart day - A day of the month grid; also `has-sessions` when it has some (their titles are read out with the day).
 * @csspart skeleton - A placeholder while loading.
 * @csspart sign-in - The sign-in button a visitor sees.
 * @csspart error - An error message with its retry button.
 * @csspart retry - The retry button.
 *
 * @cssproperty --ek-field-background - Background of the scope select and the feed address (default the page's `Canvas`).
 */
export class EkSessionCalendar extends EkElement {
  static override styles = [EkElement.styles, sessionCalendarStyles];

  static override properties: PropertyDeclarations = {
    group: {},
    view: { reflect: true },
    scope: {},
    date: {},
    timeZone: { attribute: 'time-zone' },
    pageSize: { type: Number, attribute: 'page-size' },
  };

  /** Only this group's sessions (a group id); its meetings show to its members and facilitators. */
  group?: string;

  /** `agenda`: upcoming sessions by week; `month`: a month grid. */
  view: 'agenda' | 'month' = 'agenda';

  /** `all` the reader may see, `mine` (my groups' meetings and sessions I answered) or `open` (the association's events). Visitors see open events. */
  scope: 'all' | 'mine' | 'open' = 'all';

  /** The selected day of the month view, `YYYY-MM-DD` (default today in `time-zone`); it follows the keyboard. */
  date = '';

  /** The reader's IANA time zone, whose clock times show beside the session's (default the browser's). */
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  /** How many sessions the agenda loads at first and with each "show more" (1–100). */
  pageSize = 20;

  // Fields start undefined where that means the same as empty, false or null.
  #query?: ListSessionsQuery;
  #signedIn?: boolean;
  #loaded?: string;
  /** The session whose detail is open. */
  #open?: string | null;
  /** A failed action's message, by where it is shown: a session's id or `feed`. */
  #problem?: Record<string, string>;
  /** The member's feed address by connection: another member signing in must not see it. */
  readonly #feeds = new WeakMap<EkConnection, string>();
  #copied?: boolean;
  #timer?: ReturnType<typeof setTimeout>;

  readonly #sessions = new EkLoad<Page<Session>>(this, {
    task: async (_args, { client, signal }) => {
      const signedIn = await client.isSignedIn();
      const month = this.view === 'month';
      const query = (this.#query = {
        group: this.group,
        // "My groups" needs a member; a visitor sees the open events instead.
        scope: signedIn || this.scope !== 'mine' ? this.scope : 'open',
        limit: month ? 100 : Math.min(100, this.pageSize),
        // From the month's first day to the next month's, with a day's margin each side: the grid's
        // days are the sessions' local days, the query is in UTC.
        ...(month && {
          from: new Date(Date.parse(this.date.slice(0, 7)) - DAY).toISOString(),
          to: new Date(Date.parse(addMonths(this.date, 1).slice(0, 7)) + DAY).toISOString(),
        }),
      });
      const page = await client.sessions.list(query, { signal });
      while (month && page.next_cursor) {
        const next = await client.sessions.list({ ...query, cursor: page.next_cursor }, { signal });
        page.items.push(...next.items);
        page.next_cursor = next.next_cursor;
      }
      // Only now: a member token the API refused leaves the calendar signed out, not signed in.
      this.#signedIn = signedIn;
      return page;
    },
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.date ||= new Intl.DateTimeFormat('sv', { timeZone: this.timeZone }).format();
    // Loads again when what it asks for changed; also on the first update, after which the load's
    // own first run (hostUpdate) finds its connection used.
    if (
      this.#loaded !==
      (this.#loaded = [
        this.group,
        this.scope,
        this.pageSize,
        this.view === 'month' && this.date.slice(0, 7),
      ].join())
    )
      this.#sessions.run();
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.texts.t(`calendar.${key}`, values);
  }

  #fail(at: string, error: unknown): void {
    this.#problem = { [at]: failureText(this.report(error), this.texts) };
  }

  // ——— Views ———

  protected override render() {
    const month = this.view === 'month';
    return html`<div part="base" tabindex="-1" lang=${this.texts.locale}>
      <div class="bar">
        ${(['agenda', 'month'] as const).map(
          (view) =>
            html`<button
              part="view"
              type="button"
              class=${this.view === view ? '' : 'secondary'}
              aria-pressed=${this.view === view}
              @click=${() => (this.view = view)}
            >
              ${this.#t(`view.${view}`)}
            </button>`,
        )}
        ${
          this.#signedIn
            ? html`<label
                  >${this.#t('scope')}
                  <select
                    part="scope"
                    @change=${(event: Event) => (this.scope = (event.target as HTMLSelectElement).value as this['scope'])}
                  >
                    ${(['all', 'mine', 'open'] as const).map((scope) => html`<option value=${scope} ?selected=${this.scope === scope}>${this.#t(`scope.${scope}`)}</option>`)}
                  </select></label
                >${this.#renderFeed()}`
            : this.#signedIn === false
              ? this.renderSignIn('sign_in_required')
              : nothing
        }
      </div>
      ${month ? this.#renderMonth() : this.renderLoad(this.#sessions, (shown) => this.#renderAgenda(shown))}
    </div>`;
  }

  #renderFeed() {
    // Closed again when the member changes: Lit sets `open` only when the bound value changes.
    const url = this.#feeds.get(this.connection);
    return html`<details part="feed" .open=${Boolean(url)} @toggle=${this.#loadFeed}>
      <summary>${this.#t('feed')}</summary>
      ${
        url
          ? html`<label>${this.#t('feed-url')}<input readonly .value=${url} /></label>
              <button part="copy" class="secondary" type="button" @click=${this.#copy}>
                ${this.#t('copy')}
              </button>`
          : nothing
      }
      <p role="status">${this.#copied ? this.#t('copied') : this.#problem?.feed}</p>
    </details>`;
  }

  #renderAgenda(shown: Page<Session>) {
    if (!shown.items.length) return html`<p part="empty">${this.#t('empty')}</p>`;
    return html`${[
      ...groupBy(shown.items, (session) => monday(Date.parse(session.local_start.slice(0, 10)))),
    ].map(
      ([start, sessions]) =>
        html`<section part="week" aria-labelledby="week-${start}">
          <h3 id="week-${start}">
            ${this.#t('week', { week: weekNumber(start + 3 * DAY), dates: this.texts.range(start, start + 6 * DAY, 'UTC', { day: 'numeric', month: 'short' }) })}
          </h3>
          ${this.#renderList(sessions)}
        </section>`,
    )}
    ${this.renderMore(shown, this.#t('more'), (client, cursor) => client.sessions.list({ ...this.#query, cursor }))}`;
  }

  #renderMonth() {
    // Only a ready state has a value: the days are marked once the sessions are here.
    const state = this.#sessions.state as { value?: Page<Session> };
    const byDay = groupBy(state.value?.items ?? [], (session) => session.local_start.slice(0, 10));
    const month = this.date.slice(0, 7);
    const weeks: string[][] = [];
    // The week of the month's first day, then those whose Monday is in the month.
    let week = monday(Date.parse(month));
    do weeks.push([0, 1, 2, 3, 4, 5, 6].map((offset) => dateOf(week + offset * DAY)));
    while (dateOf((week += 7 * DAY)).startsWith(month));
    const rows = weeks.map(
      (week) =>
        html`<tr>
          ${week.map((date) => {
            const marked = byDay.get(date);
            const selected = date === this.date;
            return date.startsWith(month)
              ? html`<td
                  part="day${marked ? ' has-sessions' : ''}"
                  tabindex=${selected ? 0 : -1}
                  aria-selected=${selected}
                  @click=${() => this.#select(date)}
                >
                  ${+date.slice(8)}${marked ? html`<span class="visually-hidden">: ${marked.map((session) => session.title).join(', ')}</span>` : nothing}
                </td>`
              : html`<td></td>`;
          })}
        </tr>`,
    );
    const day = byDay.get(this.date);
    return html`<div class="bar">
        <button
          part="previous"
          class="secondary"
          type="button"
          aria-label=${this.#t('previous')}
          @click=${() => this.#select(this.date, -1)}
        >
          ‹
        </button>
        <h3 id="month">${this.texts.dateTime(month, 'UTC', { month: 'long', year: 'numeric' })}</h3>
        <button
          part="next"
          class="secondary"
          type="button"
          aria-label=${this.#t('next')}
          @click=${() => this.#select(this.date, 1)}
        >
          ›
        </button>
      </div>
      <table part="grid" role="grid" aria-labelledby="month" @keydown=${this.#onGridKey}>
        <thead>
          <tr>
            ${weeks[0]!.map((date) => html`<th scope="col">${this.texts.dateTime(date, 'UTC', { weekday: 'short' })}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
      <h3>
        ${this.texts.dateTime(Date.parse(this.date), 'UTC', { weekday: 'long', day: 'numeric', month: 'long' })}
      </h3>
      ${this.renderLoad(this.#sessions, () => (day ? this.#renderList(day) : html`<p part="empty">${this.#t('day-empty')}</p>`))}`;
  }

  #renderList(sessions: Session[]) {
    return html`<ul>
      ${sessions.map((session) => {
        const open = this.#open === session.id;
        // The session's time in its own zone, and in the reader's beside it when their clock says otherwise.
        const range = (zone: string, timeZoneName?: 'short') =>
          this.texts.range(session.starts_at, session.ends_at, zone, {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            hour: 'numeric',
            minute: '2-digit',
            timeZoneName,
          });
        const there = range(session.time_zone);
        const here = range(this.timeZone);
        return html`<li
          part="session${session.status === 'cancelled' ? ' cancelled' : ''}"
          data-id=${session.id}
        >
          <h4>
            <button class="title" type="button" aria-expanded=${open} @click=${() => this.#toggle(session)}>
              ${session.title}
            </button>
            ${session.status === 'scheduled' ? nothing : html`<span part="badge">${this.#t(session.status)}</span>`}
          </h4>
          <p>
            ${
              there === here
                ? there
                : html`${range(session.time_zone, 'short')}
                    <span part="local-time">(${this.#t('your-time', { time: here })})</span>`
            }
          </p>
          ${session.place || session.online ? html`<p>${session.place ?? this.#t('online')}</p>` : nothing}
          ${open ? this.#renderDetail(session) : nothing}
        </li>`;
      })}
    </ul>`;
  }

  #renderDetail(session: Session) {
    const now = Date.now();
    const end = Date.parse(session.ends_at);
    const opens = Date.parse(session.starts_at) - 15 * 60_000;
    const closed = session.status === 'cancelled' || end <= now;
    const mine = session.my_rsvp;
    let link: unknown;
    if (session.meeting_url && !closed) {
      // Shown from 15 minutes before the start, so the detail wakes when that time comes.
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.requestUpdate(), Math.min((now < opens ? opens : end) - now, DAY));
      link =
        now < opens
          ? html`<p>${this.#t('link-at', { time: this.texts.dateTime(opens, session.time_zone) })}</p>`
          : html`<a part="join" href=${session.meeting_url} target="_blank" rel="noopener noreferrer"
              >${this.#t('join')}</a
            >`;
    }
    return html`<div part="detail">
      ${session.description ? html`<p class="text">${session.description}</p>` : nothing}
      ${
        session.agenda
          ? html`<h5>${this.#t('agenda')}</h5>
              <p class="text">${session.agenda}</p>`
          : nothing
      }
      ${
        session.speakers.length
          ? html`<h5>${this.#t('speakers')}</h5>
              <ul>
                ${session.speakers.map((speaker) => html`<li>${speaker.name}${speaker.title ? `, ${speaker.title}` : ''}</li>`)}
              </ul>`
          : nothing
      }
      <div part="rsvp" class="bar" role="group" aria-labelledby="rsvp-${session.id}">
        <span id="rsvp-${session.id}">${this.#t('rsvp')}</span>
        ${(['yes', 'no', 'maybe'] as const).map(
          (answer) =>
            html`<button
              type="button"
              class=${mine?.answer === answer ? '' : 'secondary'}
              aria-pressed=${mine?.answer === answer}
              ?disabled=${closed}
              @click=${() => this.#rsvp(session, answer)}
            >
              ${this.#t(answer)}
            </button>`,
        )}
      </div>
      <p role="status">
        ${mine?.waitlisted ? this.#t('waitlisted', { position: mine.waitlist_position ?? '' }) : ''}
        ${this.#problem?.[session.id]}
      </p>
      ${link}
      <button part="ics" class="secondary" type="button" @click=${() => this.#download(session)}>
        ${this.#t('ics')}
      </button>
    </div>`;
  }

  // ——— Actions ———

  #toggle(session: Session): void {
    this.#open = this.#open === session.id ? null : session.id;
    if (this.#open) emit(this, 'ek-session-select', { sessionId: session.id });
    this.requestUpdate();
  }

  /** Selects a day of the month view, `months` after `date` if given, and keeps the keyboard focus on it. */
  async #select(date: string, months = 0): Promise<void> {
    this.date = addMonths(date, months);
    await this.updateComplete;
    this.find('[aria-selected=true]')?.focus();
  }

  // Lit calls listeners with the element as `this`.
  #onGridKey(event: KeyboardEvent): void {
    const day = Date.parse(this.date);
    const toMonday = (monday(day) - day) / DAY;
    const key = event.key;
    const days = (
      {
        ArrowLeft: -1,
        ArrowRight: 1,
        ArrowUp: -7,
        ArrowDown: 7,
        Home: toMonday,
        End: toMonday + 6,
      } as Record<string, number>
    )[key];
    const months = ({ PageUp: -1, PageDown: 1 } as Record<string, number>)[key];
    if (key === 'Enter' || key === ' ') this.find('.title')?.focus();
    else if (days !== undefined) void this.#select(dateOf(day + days * DAY));
    else if (months) void this.#select(this.date, months);
    else return;
    event.preventDefault();
  }

  async #rsvp(session: Session, answer: RsvpAnswer): Promise<void> {
    const client = this.connection.session?.client;
    if (!this.#signedIn || !client) return emit(this, 'ek-auth-required', { reason: 'sign_in_required' });
    this.#problem = {};
    try {
      const mine = await client.sessions.rsvp(session.id, answer);
      // Read again: a yes to an open event brings its meeting link, and the counts changed.
      Object.assign(session, await client.sessions.get(session.id));
      emit(this, 'ek-rsvp', { sessionId: session.id, answer, waitlisted: mine.waitlisted });
    } catch (error) {
      this.#fail(session.id, error);
    }
    this.requestUpdate();
  }

  /** Downloads the session as an iCalendar file, which calendar apps open. */
  async #download(session: Session): Promise<void> {
    try {
      const ics = await this.connection.session!.client.sessions.ics(session.id);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
      link.download = `${session.title.replace(/[^\p{L}\p{N}]+/gu, '-')}.ics`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (error) {
      this.#fail(session.id, error);
      this.requestUpdate();
    }
  }

  async #loadFeed(event: Event): Promise<void> {
    const of = this.connection;
    if (!(event.target as HTMLDetailsElement).open || this.#feeds.has(of)) return;
    this.#copied = false;
    try {
      this.#feeds.set(of, (await of.session!.client.sessions.myCalendar()).url);
    } catch (error) {
      this.#fail('feed', error);
    }
    this.requestUpdate();
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.#feeds.get(this.connection)!);
      this.#copied = true;
      this.requestUpdate();
    } catch {
      // Without clipboard access the address is selected, for the reader to copy.
      this.find<HTMLInputElement>('input')?.select();
    }
  }
}
