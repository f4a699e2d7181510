import type { ListSessionsQuery, Page, RsvpAnswer, Session, Topic } from '@ekollega/sdk';
import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { EkElement } from '../kit/element.js';
import { failureText } from '../kit/errors.js';
import { emit } from '../kit/events.js';
import { formErrors } from '../kit/field-errors.js';
import type { Texts } from '../kit/i18n/index.js';
import { EkLoad, type EkConnection } from '../kit/load.js';
import { relativeTimeStyles, renderRelativeTime } from '../kit/relative-time.js';
import { addMonths, DAY, groupBy, monday } from './dates.js';
import { sessionCalendarStyles } from './session-calendar.styles.js';
import { sessionCalendarTexts, type MessageKey } from './i18n/index.js';
import { formatAt, formatRange, zoneName } from './when.js';

/** The calendar's message keys without their `calendar.` prefix. */
type Key = MessageKey extends infer K ? (K extends `calendar.${infer Rest}` ? Rest : never) : never;

/** The ISO 8601 number of the week that starts on `monday`: week 1 is the one holding the year's first Thursday. */
function isoWeek(monday: number): number {
  const thursday = monday + 3 * DAY;
  const newYear = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - newYear) / (7 * DAY)) + 1;
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
 * @csspart rotate - The button replacing the feed address with a new one (the old stops working).
 * @csspart revoke - The button turning the feed address off.
 * @csspart week - One week of the agenda, with its heading.
 * @csspart session - One session in a list; also `cancelled` when it is.
 * @csspart badge - A session's status: moved or cancelled.
 * @csspart local-time - The session's time in the reader's zone.
 * @csspart relative-time - How soon a session starts ("in 3 days"); the exact time shows on hover and focus.
 * @csspart counts - A session's attendees, places left and waiting list.
 * @csspart detail - An open session's agenda, speakers, answer, link and calendar file.
 * @csspart rsvp - The yes / no / maybe buttons.
 * @csspart answered - The member's answer, said in words once it is saved (a status).
 * @csspart topics - A group meeting's topics section: the group's suggested topics, backing and suggesting.
 * @csspart topic - One suggested topic with its backing button.
 * @csspart join - The meeting link.
 * @csspart ics - The "add to calendar" button.
 * @csspart commitment - "Your commitment is due at this meeting", with its link to report.
 * @csspart more - The "show more sessions" button.
 * @csspart empty - Said when there is no session (or topic) to show, and what to do next.
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
  static override styles = [EkElement.styles, relativeTimeStyles, sessionCalendarStyles];
  static override catalogue = sessionCalendarTexts;
  declare protected texts: Texts<MessageKey>;

  static override properties: PropertyDeclarations = {
    group: {},
    view: { reflect: true },
    scope: {},
    date: {},
    timeZone: { attribute: 'time-zone' },
    pageSize: { type: Number, attribute: 'page-size' },
    _signedIn: { state: true },
    _open: { state: true },
    _problem: { state: true },
    _feed: { state: true },
    _copied: { state: true },
    commitmentsUrl: { attribute: 'commitments-url' },
    _due: { state: true },
    _feedNews: { state: true },
    _topics: { state: true },
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

  /** Whether a member is signed in; unknown (`undefined`) until the sessions have loaded. */
  private _signedIn: boolean | undefined;
  /** The session whose detail is open. */
  private _open: string | null = null;
  /** The last failed action's message and where it shows: beside a session (its id) or the feed (`feed`). */
  private _problem: { at: string; message: string } | null = null;
  /** The member's feed address and the connection it was fetched with: another member signing in must not see it. */
  private _feed: { url: string; connection: EkConnection } | null = null;
  /** What just happened to the feed address, said in its status line. */
  private _feedNews: 'copied' | 'rotated' | 'revoked' | null = null;
  /** The open group meeting's group topics (`undefined` while they load), by group id. */
  private _topics: { group: string; items: Topic[] | undefined } | null = null;

  /** Where the member reports on a commitment: a page of the site with `<ek-commitments>`. */
  commitmentsUrl = '';

  /** The member's open commitments by the session they are due at, and the connection they were read with. */
  private _due: { bySession: Map<string, string>; connection: EkConnection } | null = null;

  /** The query of the shown sessions, which "show more" continues. */
  #query: ListSessionsQuery = {};
  /** Wakes the open detail when its meeting link opens or closes. */
  #timer?: ReturnType<typeof setTimeout>;

  /** The month grid, imported when first shown. */
  readonly #monthView = this.lazyView(() => import('./views/month.js'));
  /** A group meeting's topics, imported when a member first opens one. */
  readonly #topicsView = this.lazyView(() => import('./views/topics.js'));

  readonly #sessions = new EkLoad(this, {
    // The month view asks for the selected day's month; the agenda for upcoming sessions.
    args: () =>
      [this.group, this.scope, this.pageSize, this.view === 'month' ? this.date.slice(0, 7) : null] as const,
    task: async ([group, scope, pageSize, month], { client, signal }) => {
      const signedIn = await client.isSignedIn();
      const query: ListSessionsQuery = {
        group,
        // "My groups" needs a member; a visitor sees the open events instead.
        scope: signedIn || scope !== 'mine' ? scope : 'open',
        limit: month ? 100 : Math.min(100, pageSize),
      };
      if (month) {
        // From the month's first day to the next month's, with a day's margin each side: the grid's
        // days are the sessions' local days, the query is in UTC.
        const first = Date.parse(month);
        const next = Date.parse(addMonths(`${month}-01`, 1));
        query.from = new Date(first - DAY).toISOString();
        query.to = new Date(next + DAY).toISOString();
      }
      this.#query = query;
      const page = await client.sessions.list(query, { signal });
      while (month && page.next_cursor) {
        const next = await client.sessions.list({ ...query, cursor: page.next_cursor }, { signal });
        page.items.push(...next.items);
        page.next_cursor = next.next_cursor;
      }
      // Only now: a member token the API refused leaves the calendar signed out, not signed in.
      this._signedIn = signedIn;
      return page;
    },
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.date) this.date = new Intl.DateTimeFormat('sv', { timeZone: this.timeZone }).format();
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.texts.t(`calendar.${key}`, values);
  }

  #fail(at: string, error: unknown): void {
    this._problem = { at, message: failureText(this.report(error), this.texts) };
  }

  /** The failed action's message if it shows `at` this place. */
  #problemAt(at: string): string | undefined {
    return this._problem?.at === at ? this._problem.message : undefined;
  }

  // ——— Views ———

  /** While the sessions load: placeholders in the shape of the agenda's sessions (title, time, counts). */
  protected override renderLoading() {
    return html`<div role="status" class="skeletons">
      ${[1, 2, 3].map(
        () =>
          html`<div class="skeleton-session">
            <span class="skeleton title-bar" part="skeleton"></span><span class="skeleton"></span
            ><span class="skeleton short"></span>
          </div>`,
      )}
      <span class="visually-hidden">${this.texts.t('common.loading')}</span>
    </div>`;
  }

  protected override render() {
    return html`<div part="base" tabindex="-1" lang=${this.texts.locale}>
      <div class="bar">
        ${(['agenda', 'month'] as const).map(
          (view) =>
            html`<button
              part="view"
              type="button"
              class=${this.view === view ? '' : 'secondary'}
              aria-pressed=${this.view === view}
              @click=${() => this.#setView(view)}
            >
              ${this.#t(`view.${view}`)}
            </button>`,
        )}
        ${this.#renderMember()}
      </div>
      ${
        this.view === 'month'
          ? this.#renderMonth()
          : this.renderLoad(this.#sessions, (shown) => this.#renderAgenda(shown))
      }
    </div>`;
  }

  /** A member's scope select and feed; a visitor's sign-in; nothing while that is not known yet. */
  #renderMember() {
    if (this._signedIn === undefined) return nothing;
    if (!this._signedIn) return this.renderSignIn('sign_in_required');
    return html`<label
        >${this.#t('scope')}
        <select part="scope" @change=${this.#onScope}>
          ${(['all', 'mine', 'open'] as const).map(
            (scope) =>
              html`<option value=${scope} ?selected=${this.scope === scope}>
                ${this.#t(`scope.${scope}`)}
              </option>`,
          )}
        </select></label
      >${this.#renderFeed()}`;
  }

  #renderFeed() {
    // Closed again when the member changes: Lit sets `open` only when the bound value changes.
    const feed = this._feed?.connection === this.connection ? this._feed : undefined;
    const news = this._feedNews;
    return html`<details part="feed" .open=${Boolean(feed)} @toggle=${this.#loadFeed}>
      <summary>${this.#t('feed')}</summary>
      ${
        feed?.url
          ? html`<label class="feed-url">${this.#t('feed-url')}<input readonly .value=${feed.url} /></label>
              <p class="meta">${this.#t('feed-note')}</p>
              <div class="bar">
                <button part="copy" class="secondary" type="button" @click=${this.#copy}>
                  ${this.#t('copy')}
                </button>
                <button
                  part="rotate"
                  class="secondary"
                  type="button"
                  @click=${() => this.#changeFeed('rotated')}
                >
                  ${this.#t('rotate')}
                </button>
                <button
                  part="revoke"
                  class="secondary"
                  type="button"
                  @click=${() => this.#changeFeed('revoked')}
                >
                  ${this.#t('revoke')}
                </button>
              </div>`
          : feed
            ? html`<button
                part="rotate"
                class="secondary"
                type="button"
                @click=${() => this.#changeFeed('rotated')}
              >
                ${this.#t('new-feed')}
              </button>`
            : nothing
      }
      <p role="status">${news ? this.#t(news) : this.#problemAt('feed')}</p>
    </details>`;
  }

  #renderAgenda(shown: Page<Session>) {
    if (!shown.items.length)
      return html`<div part="empty" class="bar">
        <p>${this.#t('empty')}</p>
        ${
          this.scope === 'all' || !this._signedIn
            ? nothing
            : html`<button class="secondary" type="button" @click=${() => this.#setScope('all')}>
                ${this.#t('show-all')}
              </button>`
        }
      </div>`;
    const weeks = groupBy(shown.items, (session) => monday(Date.parse(session.local_start.slice(0, 10))));
    return html`${[...weeks].map(([start, sessions]) => {
      const dates = this.texts.range(start, start + 6 * DAY, 'UTC', { day: 'numeric', month: 'short' });
      return html`<section part="week" aria-labelledby="week-${start}">
        <h3 id="week-${start}">${this.#t('week', { week: isoWeek(start), dates })}</h3>
        ${this.#renderList(sessions)}
      </section>`;
    })}
    ${this.renderMore(shown, this.#t('more'), (client, cursor) => client.sessions.list({ ...this.#query, cursor }))}`;
  }

  #renderMonth() {
    const view = this.#monthView.module;
    if (!view) return this.renderLoading();
    // The days are marked once the sessions are here.
    const { state } = this.#sessions;
    return view.renderMonth({
      date: this.date,
      sessions: state.status === 'ready' ? state.value.items : [],
      texts: this.texts,
      select: (date) => void this.#select(date),
      focusSession: () => this.find('.title')?.focus(),
      renderDay: (day) =>
        this.renderLoad(this.#sessions, () =>
          day ? this.#renderList(day) : html`<p part="empty">${this.#t('day-empty')}</p>`,
        ),
    });
  }

  /**
   * The session's time in its own zone ("ti 8.12. klo 9.00–11.00"), and in the reader's beside it
   * when their clock says otherwise.
   */
  #renderTime(session: Session) {
    const there = formatRange(this.texts, session.starts_at, session.ends_at, session.time_zone);
    const here = formatRange(this.texts, session.starts_at, session.ends_at, this.timeZone);
    if (there === here) return there;
    return html`${there} ${zoneName(this.texts, session.starts_at, session.time_zone)}
      <span part="local-time">(${this.#t('your-time', { time: here })})</span>`;
  }

  /** How soon it starts (the exact time on hover; it is on the line above too), how many attend, the places left and the waiting list. */
  #renderCounts(session: Session) {
    const exact = formatRange(this.texts, session.starts_at, session.ends_at, session.time_zone);
    const counts = [this.texts.plural('calendar.going', session.yes_count)];
    if (session.places_left !== null)
      counts.push(
        session.places_left > 0 ? this.texts.plural('calendar.places', session.places_left) : this.#t('full'),
      );
    if (session.waitlist_count) counts.push(this.texts.plural('calendar.waiting', session.waitlist_count));
    return html`<p part="counts" class="meta">
      ${renderRelativeTime(session.starts_at, exact, this.texts.locale, false)} · ${counts.join(' · ')}
    </p>`;
  }

  #renderList(sessions: Session[]) {
    return html`<ul>
      ${sessions.map((session) => {
        const open = this._open === session.id;
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
          <p>${this.#renderTime(session)}</p>
          ${session.place || session.online ? html`<p>${session.place ?? this.#t('online')}</p>` : nothing}
          ${session.status === 'cancelled' ? nothing : this.#renderCounts(session)}
          ${open ? this.#renderDetail(session) : nothing}
        </li>`;
      })}
    </ul>`;
  }

  /** The meeting link from 15 minutes before the start until the end, or when it will show. */
  #renderLink(session: Session, closed: boolean) {
    if (!session.meeting_url || closed) return nothing;
    const now = Date.now();
    const end = Date.parse(session.ends_at);
    const opens = Date.parse(session.starts_at) - 15 * 60_000;
    // The detail wakes when the link opens, or closes.
    const wake = now < opens ? opens : end;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.requestUpdate(), Math.min(wake - now, DAY));
    if (now < opens)
      return html`<p>${this.#t('link-at', { time: formatAt(this.texts, opens, session.time_zone) })}</p>`;
    return html`<a part="join" href=${session.meeting_url} target="_blank" rel="noopener noreferrer"
      >${this.#t('join')}</a
    >`;
  }

  #renderDetail(session: Session) {
    const closed = session.status === 'cancelled' || Date.parse(session.ends_at) <= Date.now();
    const mine = session.my_rsvp;
    // An open talk's link comes with a yes: the API gives it only to those who said yes.
    const unlocks = !session.group_id && !session.meeting_url && session.online && mine?.answer !== 'yes';
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
          ? html`<h5>${this.texts.plural('calendar.speakers', session.speakers.length)}</h5>
              <ul>
                ${session.speakers.map((speaker) => html`<li>${speaker.name}${speaker.title ? `, ${speaker.title}` : ''}</li>`)}
              </ul>`
          : nothing
      }
      <div part="rsvp" class="bar" role="group" aria-labelledby="rsvp-${session.id}">
        <span id="rsvp-${session.id}">${this.#t(session.group_id ? 'rsvp' : 'rsvp-event')}</span>
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
      ${this.#renderCommitment(session)}
      ${unlocks && !closed ? html`<p class="meta">${this.#t('link-unlocks')}</p>` : nothing}
      <p part="answered" role="status">
        ${
          mine?.waitlisted
            ? this.#t('waitlisted', { position: mine.waitlist_position ?? '' })
            : mine
              ? html`<span aria-hidden="true">✓</span> ${this.#t(`answered.${mine.answer}`)}`
              : nothing
        }
        ${this.#problemAt(session.id)}
      </p>
      ${this.#renderLink(session, closed)}
      <button part="ics" class="secondary" type="button" @click=${() => this.#download(session)}>
        ${this.#t('ics')}
      </button>
      ${this.#renderTopics(session)}
    </div>`;
  }

  /** "Your commitment is due at this meeting", with a link to report, when the member has one. */
  #renderCommitment(session: Session) {
    const due = this._due?.connection === this.connection ? this._due.bySession.get(session.id) : undefined;
    if (!due) return nothing;
    return html`<p part="commitment">
      ${this.#t('commitment-due')}
      ${
        this.commitmentsUrl
          ? html`<a href=${`${this.commitmentsUrl}#commitment-${due}`}>${this.#t('commitment-report')}</a>`
          : nothing
      }
    </p>`;
  }

  /** A group meeting's topics, for the members who see the meeting. */
  #renderTopics(session: Session) {
    const group = session.group_id;
    if (!group || !this._signedIn || session.status === 'cancelled') return nothing;
    const view = this.#topicsView.module;
    if (!view) return super.renderLoading();
    if (this._topics?.group !== group) void this.#loadTopics(group);
    return view.renderTopics({
      session,
      topics: this._topics?.group === group ? this._topics.items : undefined,
      texts: this.texts,
      vote: (topic) => void this.#voteTopic(group, topic),
      suggest: (event) => void this.#suggestTopic(group, event),
      error: this.#problemAt(`topics-${group}`),
      loading: () => super.renderLoading(),
    });
  }

  // ——— Actions ———

  #setView(view: EkSessionCalendar['view']): void {
    this.view = view;
  }

  // Lit calls listeners with the element as `this`.
  #onScope(event: Event): void {
    this.#setScope((event.target as HTMLSelectElement).value as EkSessionCalendar['scope']);
  }

  #setScope(scope: EkSessionCalendar['scope']): void {
    this.scope = scope;
  }

  #toggle(session: Session): void {
    if (this._open === session.id) {
      this._open = null;
      return;
    }
    this._open = session.id;
    emit(this, 'ek-session-select', { sessionId: session.id });
    void this.#loadDue();
  }

  /** Reads the member's open commitments once per connection, for the details' "due at this meeting". */
  async #loadDue(): Promise<void> {
    const { connection } = this;
    const client = connection.session?.client;
    if (!this._signedIn || !client || this._due?.connection === connection) return;
    try {
      const { items } = await client.me.commitments({ status: 'open', limit: 100 });
      const bySession = new Map<string, string>();
      for (const c of items) if (c.due_session_id) bySession.set(c.due_session_id, c.id);
      this._due = { bySession, connection };
    } catch {
      // Only a hint beside the session: the detail shows without it.
    }
  }

  /** Selects a day of the month view and keeps the keyboard focus on it. */
  async #select(date: string): Promise<void> {
    this.date = date;
    await this.updateComplete;
    this.find('[aria-selected=true]')?.focus();
  }

  async #rsvp(session: Session, answer: RsvpAnswer): Promise<void> {
    const client = this.connection.session?.client;
    if (!this._signedIn || !client) {
      emit(this, 'ek-auth-required', { reason: 'sign_in_required' });
      return;
    }
    this._problem = null;
    try {
      const mine = await client.sessions.rsvp(session.id, answer);
      // Read again: a yes to an open event brings its meeting link, and the counts changed.
      Object.assign(session, await client.sessions.get(session.id));
      emit(this, 'ek-rsvp', { sessionId: session.id, answer, waitlisted: mine.waitlisted });
      // The session changed inside the loaded page.
      this.requestUpdate();
    } catch (error) {
      this.#fail(session.id, error);
    }
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
    }
  }

  async #loadFeed(event: Event): Promise<void> {
    const { connection } = this;
    const opened = (event.target as HTMLDetailsElement).open;
    if (!opened || this._feed?.connection === connection) return;
    this._feedNews = null;
    try {
      const { url } = await connection.session!.client.sessions.myCalendar();
      this._feed = { url, connection };
    } catch (error) {
      this.#fail('feed', error);
    }
  }

  /** Replaces the feed address with a new one, or turns it off (the old address stops working either way). */
  async #changeFeed(change: 'rotated' | 'revoked'): Promise<void> {
    const { connection } = this;
    const { sessions } = connection.session!.client;
    this._problem = null;
    try {
      let url = '';
      if (change === 'revoked') await sessions.revokeMyCalendar();
      else url = (await sessions.rotateMyCalendar()).url;
      this._feed = { url, connection };
      this._feedNews = change;
      this.focusSoon(change === 'revoked' ? '[part~="rotate"]' : '[part~="copy"]');
    } catch (error) {
      this.#fail('feed', error);
    }
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this._feed!.url);
      this._feedNews = 'copied';
    } catch {
      // Without clipboard access the address is selected, for the reader to copy.
      this.find<HTMLInputElement>('input')?.select();
    }
  }

  async #loadTopics(group: string): Promise<void> {
    this._topics = { group, items: undefined };
    try {
      const { items } = await this.connection.session!.client.sessions.topics.list(group);
      if (this._topics.group === group) this._topics = { group, items };
    } catch (error) {
      this._topics = { group, items: [] };
      this.#fail(`topics-${group}`, error);
    }
  }

  /** Backs a topic, or withdraws the backing when the member backs it already. */
  async #voteTopic(group: string, topic: Topic): Promise<void> {
    const { topics } = this.connection.session!.client.sessions;
    this._problem = null;
    try {
      await (topic.my_vote ? topics.unvote(group, topic.id) : topics.vote(group, topic.id));
      // The API answers 204: the count follows the member's own vote.
      topic.votes += topic.my_vote ? -1 : 1;
      topic.my_vote = !topic.my_vote;
      this.requestUpdate();
    } catch (error) {
      this.#fail(`topics-${group}`, error);
    }
  }

  async #suggestTopic(group: string, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const title = String(new FormData(form).get('title') ?? '');
    this._problem = null;
    try {
      const topic = await this.connection.session!.client.sessions.topics.suggest(group, { title });
      if (this._topics?.group === group)
        this._topics = { group, items: [...(this._topics.items ?? []), topic] };
      form.reset();
    } catch (error) {
      this._problem = { at: `topics-${group}`, message: this.#fieldError(error, 'title') };
      this.focusSoon('[part~="topics"] [aria-invalid="true"]');
    }
  }

  /** The text a member reads beside a form's `field` when sending it failed (the kit's `formErrors`). */
  #fieldError(error: unknown, field: string): string {
    this.report(error);
    const errors = formErrors(error, this.texts, [field]);
    return errors[field] ?? errors.form ?? '';
  }
}
