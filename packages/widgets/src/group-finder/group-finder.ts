import type { EkMemberClient, Group, GroupDetail, GroupMember, Me, Membership, Page } from '@ekollega/sdk';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { EkElement } from '../kit/element.js';
import { failureText, toFailure } from '../kit/errors.js';
import { formErrors, type FieldErrorLike, type FormErrors } from '../kit/field-errors.js';
import { emit } from '../kit/events.js';
import { problemTexts, type Texts } from '../kit/i18n/index.js';
import { EkLoad } from '../kit/load.js';
import {
  FILTERS,
  TEXT_FILTERS,
  filtersFromUrl,
  FORMATS,
  LANGUAGES,
  TIMES_OF_DAY,
  toQuery,
  urlWithFilters,
  type FilterName,
} from './filters.js';
import { groupFinderStyles } from './group-finder.styles.js';
import { groupFinderTexts, type MessageKey } from './i18n/index.js';

/** The finder's message keys without their `group-finder.` prefix. */
export type Key = MessageKey extends infer K
  ? K extends `group-finder.${infer Rest}`
    ? Rest
    : never
  : never;

/**
 * Filters can be preset by attribute (`theme="sales"`), and the visitor's choices are written to
 * the page URL as `ek-` parameters (`?ek-theme=sales`, the host's own parameters kept), so a link
 * shares the filtered view; on load the URL's parameters win over the attributes. Visitors see
 * counts, never member names; a group's members and facilitators see who is in it, in its detail.
 * Joining needs a signed-in member: a visitor's "Sign in to join" fires `ek-auth-required` for the
 * host site's own sign-in. A group's facilitators are told so, with a link to `facilitator-url`
 * when the page gives one, and are never offered to join.
 *
 * @summary Lets visitors browse the association's peer groups and members ask to join one:
 * filters, group cards, a detail dialog with the ground rules, and the member's own state.
 *
 * @fires {CustomEvent<{ groupId: string }>} ek-group-select - A group's detail dialog opened.
 * @fires {CustomEvent<{ groupId: string; status: 'pending' | 'member' | 'waitlisted' | 'offered' | 'declined' }>} ek-join - The member joined, asked to join, queued, took an offered place or accepted new ground rules; `status` is their state afterwards.
 * @fires {CustomEvent<{ groupId: string }>} ek-leave - The member left a group, its waitlist, withdrew a request or turned down a place.
 * @fires {CustomEvent<{ reason: string }>} ek-auth-required - A visitor pressed "Sign in to join"; start the host site's sign-in.
 * @fires {CustomEvent<{ code: string; message: string; status?: number }>} ek-error - Loading or a membership change failed.
 *
 * @csspart base - Everything the finder shows.
 * @csspart filters - The filter form.
 * @csspart count - How many groups are shown, or that none match; a live region.
 * @csspart list - The list of group cards.
 * @csspart card - One group card.
 * @csspart avatar - The initials of a group's first facilitator, on its card.
 * @csspart when - A card's first line: the rhythm and the next meeting.
 * @csspart badge - A group's one status: the reader's own (member, waitlisted, facilitating…), else full, forming, running or closed.
 * @csspart meter - How full a group is: a bar and the places left.
 * @csspart tag - One theme or trade.
 * @csspart membership - The signed-in member's state in a group, in a sentence (on a card only when it asks something of them: an offered place, new rules).
 * @csspart people - In the detail, for the group's members and facilitators: who is in the group.
 * @csspart facilitator-page - The link to the facilitator page (`facilitator-url`).
 * @csspart details - The button that opens a group's detail dialog.
 * @csspart join - A join button: "Sign in to join", "Join", "Ask to join", "Join the waitlist", "Take the place" and the join form's submit.
 * @csspart more - The "show more groups" button.
 * @csspart empty - Shown when no group matches, with the clear-filters button.
 * @csspart clear - The clear-filters button.
 * @csspart dialog - The detail dialog.
 * @csspart close - The dialog's close button.
 * @csspart join-form - The form with the ground rules checkbox and the intake questions.
 * @csspart field-error - An error under a field of the join form, or under the form.
 * @csspart leave - The buttons that leave a group (and confirm it).
 * @csspart cancel - The button that cancels leaving.
 * @csspart skeleton - A placeholder while loading.
 * @csspart sign-in - The sign-in button shown when the member token was refused.
 * @csspart error - An error message with its retry button.
 * @csspart retry - The retry button.
 *
 * @cssproperty --ek-dialog-background - Background of the detail dialog (default the page's `Canvas`).
 * @cssproperty --ek-dialog-text - Text colour of the detail dialog (default `CanvasText`).
 */
export class EkGroupFinder extends EkElement {
  static override styles = [EkElement.styles, groupFinderStyles];
  static override catalogue = groupFinderTexts;
  declare protected texts: Texts<MessageKey>;

  static override properties: PropertyDeclarations = {
    q: {},
    language: {},
    theme: {},
    format: {},
    region: {},
    weekday: { type: Number },
    timeOfDay: { attribute: 'time-of-day' },
    hasPlaces: { type: Boolean, attribute: 'has-places' },
    trade: {},
    pageSize: { type: Number, attribute: 'page-size' },
    facilitatorUrl: { attribute: 'facilitator-url' },
    _open: { state: true },
    _accepted: { state: true },
    _answers: { state: true },
    _errors: { state: true },
    _confirming: { state: true },
  };

  /** Free text searched in the groups' names, descriptions, themes and trades. */
  q?: string;

  /** Only groups that meet in this language: `fi`, `sv` or `en`. */
  language?: string;

  /** Only groups with this theme (case does not matter), e.g. `sales`. */
  theme?: string;

  /** Only groups that meet `online` or `in_person`. */
  format?: string;

  /** Only groups in this region or municipality. */
  region?: string;

  /** Only groups that meet on this ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday?: number;

  /** Only groups that meet in the `morning` (before 12), `afternoon` (12–17) or `evening` (from 17). */
  timeOfDay?: string;

  /** Only groups with places left. */
  hasPlaces = false;

  /**
   * Only groups of this trade: a scope the page sets (a finder for craftspeople, say). The visitor
   * has no control for it, clearing the filters keeps it, and it is not written to the URL.
   */
  trade?: string;

  /** How many groups are loaded at first and added by each "show more" (1–100). */
  pageSize = 12;

  /**
   * The facilitator page (where `<ek-facilitator-desk>` lives), linked for a group's facilitators;
   * `{id}` in it becomes the group's id. Without it facilitators are told they facilitate, unlinked.
   */
  facilitatorUrl?: string;

  /** The group whose dialog is open, as its card showed it (the dialog's title while the detail loads). */
  private _open: Group | null = null;
  // The join form: whether the ground rules are ticked, the answers by question id, the errors by
  // field (`form` for the rest); and whether leaving waits for a confirmation.
  private _accepted = false;
  private _answers: Record<string, string> = {};
  private _errors: FormErrors = {};
  private _confirming = false;

  /** Where the focus goes back to when the dialog closes. */
  #opener?: HTMLElement;
  /** Waits for a pause in typing a text filter. */
  #typing: ReturnType<typeof setTimeout> | undefined;
  /** Text filters typed but not yet applied, by name: any other change applies them with it. */
  readonly #typed = new Map<FilterName, string>();
  /** Whether a membership change is on its way; another waits for it. */
  #busy = false;
  /** Themes, regions and municipalities seen in loaded groups, suggested in the filters. */
  readonly #seen = { theme: new Set<string>(), region: new Set<string>() };

  readonly #groups = new EkLoad(this, {
    // The filters, the trade and the page size make the query.
    args: () => [...FILTERS.map(([name]) => this[name]), this.trade, this.pageSize],
    task: (_args, { client, signal }) => client.groups.list(this.#query(), { signal }),
  });

  /** Who is signed in, to tell a group's facilitators from its members; `null` for a visitor. */
  readonly #me = new EkLoad(this, {
    task: (_args, { client, signal }) => client.me({ signal }).catch((): Me | null => null),
  });

  /** The dialog's ground rules, join form and leaving, imported when a dialog first opens. */
  readonly #detailView = this.lazyView(() => import('./views/group-detail.js'));

  readonly #detail = new EkLoad(this, {
    args: () => [this._open?.id] as const,
    task: ([id], { client, signal }) => (id ? client.groups.get(id, { signal }) : Promise.resolve(null)),
  });

  /** Who is in the open group, for its members and facilitators; `null` for anyone else. */
  readonly #people = new EkLoad(this, {
    args: () => {
      const detail = this.#detail.state.status === 'ready' ? this.#detail.state.value : null;
      return [detail && this.#belongs(detail) ? detail.id : undefined] as const;
    },
    task: ([id], { client, signal }): Promise<GroupMember[] | null> =>
      id ? client.groups.members(id, { signal }) : Promise.resolve(null),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // A shared link wins over the page's presets.
    for (const [name, value] of Object.entries(filtersFromUrl(location.search)))
      this.#apply(name as FilterName, value);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typing);
  }

  #query() {
    return { ...toQuery(this), limit: Math.min(100, Math.max(1, Math.trunc(this.pageSize))) || 12 };
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.texts.t(`group-finder.${key}`, values);
  }

  #apply(name: FilterName, value: string): void {
    if (name === 'hasPlaces') this.hasPlaces = value === 'true';
    else if (name === 'weekday') this.weekday = Number(value) || undefined;
    else this[name] = value || undefined;
  }

  #writeUrl(): void {
    history.replaceState(
      history.state,
      '',
      urlWithFilters(location.href, this, (attribute) => this.hasAttribute(attribute)),
    );
  }

  /**
   * A filter control changed: text (search, theme, region) after a pause in typing, the others at
   * once — and a change applies whatever text was typed before it too, so the boxes, the list and
   * the URL always agree.
   */
  #onFilter(event: Event): void {
    const field = event.target as HTMLInputElement;
    const name = field.name as FilterName;
    const typed = TEXT_FILTERS.has(name);
    if (event.type === 'input' && !typed) return;
    this.#typed.set(name, field.type === 'checkbox' ? String(field.checked) : field.value);
    clearTimeout(this.#typing);
    if (event.type === 'input') this.#typing = setTimeout(() => this.#applyTyped(), 300);
    else this.#applyTyped();
  }

  /** Applies every filter changed since the last time, and writes them to the URL. */
  #applyTyped(): void {
    clearTimeout(this.#typing);
    for (const [name, value] of this.#typed) this.#apply(name, value);
    this.#typed.clear();
    this.#writeUrl();
  }

  #clear(): void {
    clearTimeout(this.#typing);
    this.#typed.clear();
    // The controls are bound one way (a re-render must not undo what is being typed), so they are emptied here.
    this.find<HTMLFormElement>('form')!.reset();
    for (const [name] of FILTERS) this.#apply(name, '');
    this.#writeUrl();
    this.find('input')?.focus();
  }

  // ——— Words ———

  /** When `group` meets or an offer ends, in the group's zone (without a rhythm, Helsinki): "ti 8.12. klo 9.00". */
  #date(when: string, group: Group, weekday = true): string {
    return this.texts.when(when, group.rhythm?.time_zone, { weekday });
  }

  /** The weekday's name for the filter, capitalised as an option starts (1 = Monday: 1 January 2024 was one). */
  #weekday(day: number): string {
    const name = this.texts.dateTime(Date.UTC(2024, 0, day), 'UTC', { weekday: 'long' });
    return name.charAt(0).toLocaleUpperCase(this.texts.locale) + name.slice(1);
  }

  /** Initials of a name for an avatar: "Helena Salo" → "HS". */
  #initials(name: string): string {
    const words = name.split(/[\s-]+/).filter(Boolean);
    const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words;
    return letters.map((word) => [...word][0]!.toLocaleUpperCase(this.texts.locale)).join('');
  }

  /** Whether the signed-in reader facilitates `group`. */
  #facilitates(group: Group): boolean {
    const me = this.#me.state.status === 'ready' ? this.#me.state.value : null;
    return Boolean(me && group.facilitators.some(({ id }) => id === me.id));
  }

  /** Whether the reader may see who is in `group`: its members and facilitators. */
  #belongs(group: Group): boolean {
    return group.my_membership?.status === 'member' || this.#facilitates(group);
  }

  /** A wall-clock time `HH:MM` of the group's own zone, written the reader's way. */
  #time(time: string): string {
    return this.texts.dateTime(`2024-01-01T${time}Z`, 'UTC', { hour: 'numeric', minute: '2-digit' });
  }

  #languageName(language: string): string {
    // Without a name for it, the default `fallback: 'code'` gives the code back.
    return new Intl.DisplayNames(this.texts.locale, { type: 'language' }).of(language)!;
  }

  /**
   * What the reader can do next in `group`, named by its button's label: a visitor signs in, a
   * member accepts changed ground rules or takes an offered place, and anyone not (or no longer)
   * in an open group joins, asks to or queues.
   */
  #step(group: Group): Key | undefined {
    if (this.#facilitates(group)) return undefined;
    const mine = group.my_membership;
    if (mine && mine.status !== 'declined') {
      if (mine.rules_acceptance_required) return 'accept-new-rules';
      if (mine.status === 'offered') return 'take-place';
      return undefined;
    }
    if (group.status === 'closed') return undefined;
    // A visitor's group has no `my_membership` at all; a member's without one has `null`.
    if (mine === undefined) return 'sign-in-to-join';
    if (group.join_policy === 'approval') return 'ask-to-join';
    return group.places_left > 0 ? 'join' : 'join-waitlist';
  }

  #mine(group: Group, mine: Membership): string {
    const { status, decline_reason: reason } = mine;
    let key: Key = `mine.${status}`;
    if (status === 'declined' && reason === 'offer_expired') key = 'mine.expired';
    else if (status === 'declined' && !reason) key = 'mine.declined-plain';
    const text = this.#t(key, {
      position: mine.waitlist_position ?? '',
      // A numeric date without the weekday: "viimeistään 8.12. klo 9.00" needs no case ending.
      deadline: mine.offer_expires_at ? this.#date(mine.offer_expires_at, group, false) : '',
      reason: reason ?? '',
    });
    return mine.rules_acceptance_required && status !== 'declined'
      ? `${text} ${this.#t('rules-changed')}`
      : text;
  }

  /** The one status a card shows: the reader's own place in the group, else the group's. */
  #status(group: Group): { text: string; tone: 'mine' | 'open' | 'closed' } {
    const mine = group.my_membership;
    if (this.#facilitates(group)) return { text: this.#t('status.facilitating'), tone: 'mine' };
    if (mine && mine.status !== 'declined')
      return {
        text: this.#t(`status.${mine.status}`, { position: mine.waitlist_position ?? '' }),
        tone: 'mine',
      };
    if (group.status === 'closed') return { text: this.#t('closed'), tone: 'closed' };
    if (group.places_left <= 0) return { text: this.#t('full'), tone: 'closed' };
    return { text: this.#t(group.status), tone: 'open' };
  }

  /** Whether the member's state asks something of them on the card: an offered place, new rules, a refusal. */
  #asksOnCard(mine: Membership): boolean {
    return mine.status === 'offered' || mine.status === 'declined' || mine.rules_acceptance_required;
  }

  // ——— Views ———

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const load = this.#groups.state;
    if (load.status !== 'ready') return;
    // Suggestions grow with every list the reader has seen, so narrowing the filters keeps them.
    for (const group of load.value.items) {
      group.themes.forEach((theme) => this.#seen.theme.add(theme));
      for (const place of [group.region, group.municipality]) if (place) this.#seen.region.add(place);
    }
  }

  protected override render() {
    // Until the reader is known, a facilitator's own group would briefly offer to join it.
    const load = this.#me.state.status === 'loading' ? this.#me.state : this.#groups.state;
    const page =
      load.status === 'ready' ? this.#groups.state.status === 'ready' && this.#groups.state.value : null;
    return html`<div part="base" tabindex="-1" lang=${this.texts.locale}>
      <dialog part="dialog" aria-labelledby="dialog-title" @close=${this.#onClose}>
        ${this._open ? this.#renderDialog(this._open) : nothing}
      </dialog>
      ${this.#renderFilters()}
      <p part="count" role="status">
        ${page ? (page.items.length ? this.texts.plural('group-finder.shown', page.items.length) : this.#t('empty')) : ''}
      </p>
      ${
        load.status === 'loading'
          ? this.#renderSkeleton()
          : this.renderLoad(this.#groups, (value) =>
              value.items.length ? this.#renderList(value) : this.#renderEmpty(),
            )
      }
    </div>`;
  }

  #renderFilters() {
    const select = (name: FilterName, label: Key, options: [string, string][], value: unknown) =>
      html`<label
        >${this.#t(label)}<select name=${name}>
          <option value="" .selected=${!value}>${this.#t('any')}</option>
          ${options.map(([option, text]) => html`<option value=${option} .selected=${String(value) === option}>${text}</option>`)}
        </select></label
      >`;
    const text = (name: 'q' | 'theme' | 'region', label: Key, max: number, type = 'text') =>
      html`<label
        >${this.#t(label)}<input
          type=${type}
          name=${name}
          maxlength=${max}
          autocomplete="off"
          list=${name === 'q' ? nothing : `${name}-list`}
          .value=${this[name] ?? ''}
      /></label>`;
    return html`<form
      part="filters"
      role="search"
      aria-label=${this.#t('filters')}
      @submit=${(event: Event) => event.preventDefault()}
      @input=${this.#onFilter}
      @change=${this.#onFilter}
    >
      ${text('q', 'search', 100, 'search')}
      ${select(
        'language',
        'language',
        LANGUAGES.map((language) => [language, this.#languageName(language)]),
        this.language,
      )}
      ${text('theme', 'theme', 40)}
      ${select(
        'format',
        'format',
        FORMATS.map((format) => [format, this.#t(format)]),
        this.format,
      )}
      ${text('region', 'region', 80)}
      ${select(
        'weekday',
        'weekday',
        [1, 2, 3, 4, 5, 6, 7].map((day) => [String(day), this.#weekday(day)]),
        this.weekday,
      )}
      ${select(
        'timeOfDay',
        'time-of-day',
        TIMES_OF_DAY.map((time) => [time, this.#t(time)]),
        this.timeOfDay,
      )}
      <label class="check"
        ><input type="checkbox" name="hasPlaces" .checked=${this.hasPlaces} />${this.#t('has-places')}</label
      >
      ${(['theme', 'region'] as const).map(
        (name) =>
          html`<datalist id="${name}-list">
            ${[...this.#seen[name]].sort().map((value) => html`<option value=${value}></option>`)}
          </datalist>`,
      )}
    </form>`;
  }

  #renderList(page: Page<Group>) {
    return html`<ul part="list" class="cards">
        ${page.items.map((group) => html`<li>${this.#renderCard(group)}</li>`)}
      </ul>
      ${this.renderMore(page, this.#t('more'), (client, cursor) => client.groups.list({ ...this.#query(), cursor }))}`;
  }

  /** Three cards in the shape of the real ones (avatar, name, first line, text, meter, buttons) while loading. */
  #renderSkeleton() {
    const line = (width: string) => html`<span class="skeleton" style="width: ${width}"></span>`;
    const skeleton = html`<div class="card skeleton-card" part="skeleton">
      <div class="card-head">
        <span class="avatar skeleton"></span>
        <div class="head-text">${line('70%')} ${line('90%')}</div>
      </div>
      ${line('100%')} ${line('80%')}
      <span class="meter"><span class="skeleton"></span></span>
      <div class="actions">${line('6em')} ${line('5em')}</div>
    </div>`;
    return html`<div class="cards" role="status">
      <span class="visually-hidden">${this.texts.t('common.loading')}</span>
      ${skeleton} ${skeleton} ${skeleton}
    </div>`;
  }

  /** No group to show: with filters, how to widen them; without, when to look again. */
  #renderEmpty() {
    const filtered = FILTERS.some(([name]) => this[name]);
    return html`<div part="empty" class="empty">
      <p>${this.#t(filtered ? 'empty-filtered' : 'empty-none')}</p>
      ${filtered ? html`<button part="clear" class="secondary" type="button" @click=${this.#clear}>${this.#t('clear')}</button>` : nothing}
    </div>`;
  }

  /** The card's first line: the rhythm and the next meeting. */
  #when(group: Group): string {
    const { rhythm } = group;
    return [
      rhythm &&
        this.#t('rhythm', {
          interval: this.texts.plural('group-finder.every-weeks', rhythm.every_weeks),
          weekday: this.#t(`weekday.${rhythm.weekday}` as Key),
          time: `${this.#time(rhythm.start_time)}–${this.#time(rhythm.end_time)}`,
        }),
      group.next_meeting_at && this.#t('next-meeting', { date: this.#date(group.next_meeting_at, group) }),
    ]
      .filter(Boolean)
      .join(' · ');
  }

  /** How full the group is: a bar (for the eye) and the places left in words. */
  #renderMeter(group: Group) {
    if (group.status === 'closed') return nothing;
    const filled = Math.min(100, Math.round((100 * group.member_count) / Math.max(1, group.capacity)));
    return html`<div class="meter" part="meter">
      <span class="bar" aria-hidden="true"><span style="width: ${filled}%"></span></span>
      <span
        >${
          group.places_left > 0
            ? this.texts.plural('group-finder.places-left', group.places_left)
            : this.#t('no-places')
        }</span
      >
    </div>`;
  }

  /**
   * What every view of a group says: its status, description, language, format, rhythm, next
   * meeting, facilitators, places, themes and trades; the dialog's `detail` adds the details and counts.
   */
  #renderAbout(group: Group, detail?: GroupDetail) {
    const facts = [
      this.#t('in-language', { language: this.#languageName(group.language) }),
      this.#t(group.format === 'in_person' && group.municipality ? 'in-person-at' : group.format, {
        municipality: group.municipality ?? '',
      }),
      group.facilitators.length &&
        this.#t(group.facilitators.length > 1 ? 'facilitators' : 'facilitator', {
          names: new Intl.ListFormat(this.texts.locale).format(group.facilitators.map((f) => f.name)),
        }),
      detail && this.#t('member-count', { count: group.member_count, capacity: group.capacity }),
      detail?.waitlist_count && this.#t('waitlist-count', { count: detail.waitlist_count }),
    ];
    return html`<p lang=${group.language}>${group.description}</p>
      ${detail?.details ? html`<p class="text" lang=${group.language}>${detail.details}</p>` : nothing}
      <ul class="facts">
        ${facts.filter(Boolean).map((fact) => html`<li>${fact}</li>`)}
      </ul>
      ${this.#renderMeter(group)}
      ${(['themes', 'trades'] as const).map((kind) =>
        group[kind].length
          ? html`<ul class="tags" aria-label=${this.#t(kind)} lang=${group.language}>
              ${group[kind].map((tag) => html`<li part="tag">${tag}</li>`)}
            </ul>`
          : nothing,
      )}`;
  }

  /** The avatar, the name, the first line (rhythm and next meeting) and the one status badge. */
  #renderHead(group: Group, heading: 'h2' | 'h3') {
    const status = this.#status(group);
    const [facilitator] = group.facilitators;
    const id = heading === 'h2' ? 'dialog-title' : `name-${group.id}`;
    const name =
      heading === 'h2'
        ? html`<h2 id=${id} lang=${group.language}>${group.name}</h2>`
        : html`<h3 id=${id} lang=${group.language}>${group.name}</h3>`;
    const when = this.#when(group);
    return html`<div class="card-head">
      <span class="avatar" part="avatar" aria-hidden="true"
        >${this.#initials(facilitator?.name ?? group.name)}</span
      >
      <div class="head-text">${name} ${when ? html`<p class="when" part="when">${when}</p>` : nothing}</div>
      <p part="badge" class="badge ${status.tone}">${status.text}</p>
    </div>`;
  }

  #renderCard(group: Group) {
    const mine = group.my_membership;
    return html`<article part="card" class="card" data-id=${group.id} aria-labelledby="name-${group.id}">
      ${this.#renderHead(group, 'h3')} ${this.#renderAbout(group)}
      ${mine && this.#asksOnCard(mine) ? html`<p part="membership">${this.#mine(group, mine)}</p>` : nothing}
      <div class="actions">
        <button
          part="details"
          class="secondary"
          type="button"
          aria-label="${this.#t('details')}: ${group.name}"
          @click=${(event: Event) => this.#openDialog(group, event)}
        >
          ${this.#t('details')}
        </button>
        ${this.#renderStep(group)}
      </div>
    </article>`;
  }

  #renderDialog(group: Group) {
    return html`<div class="dialog-head">
        ${this.#renderHead(group, 'h2')}
        <button
          part="close"
          class="secondary"
          type="button"
          @click=${() => this.find<HTMLDialogElement>('dialog')!.close()}
        >
          ${this.#t('close')}
        </button>
      </div>
      ${this.renderLoad(this.#detail, (detail) => detail && this.#renderDetail(detail))}`;
  }

  /** The dialog's content under the group's name, once its view is here. */
  #renderDetail(detail: GroupDetail) {
    const view = this.#detailView.module;
    if (!view) return this.renderLoading();
    const mine = detail.my_membership;
    return view.renderGroupDetail({
      group: detail,
      texts: this.texts,
      about: this.#renderAbout(detail, detail),
      step: this.#step(detail),
      mine: mine ? this.#mine(detail, mine) : '',
      facilitating: this.#facilitates(detail),
      facilitatorUrl: this.facilitatorUrl?.replaceAll('{id}', encodeURIComponent(detail.id)),
      people: this.#people.state.status === 'ready' ? this.#people.state.value : null,
      accepted: this._accepted,
      answers: this._answers,
      errors: this._errors,
      confirming: this._confirming,
      onAccept: (event) => this.#onAccept(event),
      onAnswer: (questionId, event) => this.#onAnswer(questionId, event),
      submit: (event, asking) => this.#submit(event, detail, asking),
      takePlace: () => void this.#join(detail, {}),
      signIn: () => this.#signIn(),
      confirm: (confirming) => this.#confirmLeave(confirming),
      leave: () => void this.#leave(detail),
    });
  }

  /** On a card, the button of the reader's next step in `group`: it opens the dialog to join. */
  #renderStep(group: Group) {
    if (this.#facilitates(group) && this.facilitatorUrl)
      return html`<a
        part="facilitator-page"
        href=${this.facilitatorUrl.replaceAll('{id}', encodeURIComponent(group.id))}
        >${this.#t('facilitator-page')}</a
      >`;
    const step = this.#step(group);
    if (!step) return nothing;
    const click =
      step === 'sign-in-to-join'
        ? () => this.#signIn()
        : (event: Event) => void this.#openDialog(group, event, true);
    return html`<button part="join" type="button" @click=${click}>${this.#t(step)}</button>`;
  }

  // ——— Actions ——— (methods serve as event listeners: Lit calls them with the element as `this`)

  #signIn(): void {
    emit(this, 'ek-auth-required', { reason: 'sign_in_required' });
  }

  /** Shows or hides the confirmation before leaving, the focus on its leave button. */
  #confirmLeave(confirming: boolean): void {
    this._confirming = confirming;
    this.focusSoon('[part~="leave"]');
  }

  #onAccept(event: Event): void {
    this._accepted = (event.target as HTMLInputElement).checked;
  }

  /** Keeps what the member typed, so the form's bindings hold what the controls show and a reset after joining reaches them. */
  #onAnswer(questionId: string, event: Event): void {
    this._answers = { ...this._answers, [questionId]: (event.target as HTMLTextAreaElement).value };
  }

  async #openDialog(group: Group, event: Event, toJoin?: boolean): Promise<void> {
    this._open = group;
    this.#opener = event.currentTarget as HTMLElement;
    this._accepted = false;
    this._confirming = false;
    this._answers = {};
    this._errors = {};
    emit(this, 'ek-group-select', { groupId: group.id });
    await this.updateComplete;
    const dialog = this.find<HTMLDialogElement>('dialog')!;
    if (!dialog.open) dialog.showModal();
    this.find('[part~="close"]')?.focus();
    // To join: on to the ground rules once they have loaded.
    if (toJoin) this.focusSoon('#rules-title');
  }

  #onClose(): void {
    const id = this._open?.id;
    this._open = null;
    const opener = this.#opener?.isConnected
      ? this.#opener
      : this.find(`[data-id="${id}"] [part~="details"]`);
    opener?.focus();
  }

  /** Sends the join form, or says at once everything that is missing: the rules' tick and every unanswered question. */
  #submit(event: Event, group: GroupDetail, asking: boolean): void {
    event.preventDefault();
    const missing: FieldErrorLike[] = [
      ...(this._accepted ? [] : [{ field: 'rules', code: 'required' }]),
      ...(asking ? group.intake_questions : [])
        .filter(({ id }) => !this._answers[id]?.trim())
        .map(({ id }) => ({ field: `answers.${id}`, code: 'required' })),
    ];
    if (missing.length) {
      this._errors = this.#fieldErrors(missing, group);
      this.focusSoon('[aria-invalid="true"]');
      return;
    }
    const answers = asking
      ? Object.fromEntries(group.intake_questions.map(({ id }) => [id, this._answers[id] ?? '']))
      : {};
    void this.#join(group, answers);
  }

  /**
   * The join form's errors in the reader's words: beside the rules' tick and each question, the rest
   * under the form. A required tick or answer gets the form's own request ("Vastaa tähän kysymykseen.").
   */
  #fieldErrors(error: unknown, group: GroupDetail): FormErrors {
    const shown = (field: string) =>
      field === 'rules' || group.intake_questions.some(({ id }) => field === `answers.${id}`);
    const errors = formErrors(error, this.texts, shown);
    const fields = Array.isArray(error)
      ? (error as FieldErrorLike[])
      : ((error as { errors?: FieldErrorLike[] }).errors ?? []);
    for (const { field, code } of fields) {
      if (code !== 'required' || !shown(field)) continue;
      errors[field] = this.#t(field === 'rules' ? 'accept-rules-required' : 'answer-required');
    }
    return errors;
  }

  /** Joins `group` (asks to, queues, takes the offered place or accepts new rules), accepting its ground rules with `answers`. */
  #join(group: GroupDetail, answers: Record<string, string>): Promise<void> {
    return this.#changeMembership(group, async (client) => {
      const membership = await client.groups.join(group.id, {
        accepted_rules_version: group.rules.version,
        answers,
      });
      emit(this, 'ek-join', { groupId: group.id, status: membership.status });
    });
  }

  /** Leaves `group`, withdraws the request, leaves the waitlist or turns down the offered place. */
  #leave(group: GroupDetail): Promise<void> {
    return this.#changeMembership(group, async (client) => {
      await client.groups.leave(group.id);
      emit(this, 'ek-leave', { groupId: group.id });
    });
  }

  /**
   * Runs a join or leave, then shows the group as it is now with the focus on the outcome, or the
   * failure beside its field.
   */
  async #changeMembership(
    group: GroupDetail,
    change: (client: EkMemberClient) => Promise<void>,
  ): Promise<void> {
    const client = this.connection.session?.client;
    if (!client || this.#busy) return;
    this.#busy = true;
    this._errors = {};
    try {
      await change(client);
      this._accepted = false;
      this._confirming = false;
      this._answers = {};
      await this.#refresh(client, group.id);
      this.focusSoon('#membership', '#accept', '[part~="close"]');
    } catch (error) {
      await problemTexts.load(this.texts.locale);
      this._errors = await this.#failure(client, group, error);
      this.focusSoon('[aria-invalid="true"]');
    } finally {
      this.#busy = false;
    }
  }

  /** A failed join or leave's errors by field (`form` for the rest). */
  async #failure(client: EkMemberClient, group: GroupDetail, error: unknown): Promise<FormErrors> {
    const failure = toFailure(error);
    if (failure.code === 'validation_failed') return this.#fieldErrors(error, group);
    if (failure.code === 'rules_version_mismatch' || failure.code === 'group_closed') {
      // The group changed under the member: show it as it is now, the rules to tick again.
      this._accepted = false;
      await this.#refresh(client, group.id).catch(() => undefined);
      const key: Key = failure.code === 'group_closed' ? 'group-closed' : 'rules-version-mismatch';
      return { form: this.#t(key) };
    }
    return { form: failureText(this.report(error), this.texts) };
  }

  /** Shows the group as the API has it now, in the dialog and on its card. */
  async #refresh(client: EkMemberClient, id: string): Promise<void> {
    const fresh = await client.groups.get(id);
    // The member may have closed the dialog meanwhile, or opened another group's.
    if (this._open?.id === id) this.#detail.show(fresh);
    const list = this.#groups.state;
    if (list.status === 'ready') {
      const items = list.value.items.map((group) => (group.id === id ? fresh : group));
      this.#groups.show({ ...list.value, items });
    }
  }
}
