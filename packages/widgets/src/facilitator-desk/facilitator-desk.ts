import { withFacilitatorTools, type Group } from '@ekollega/sdk';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { EkElement } from '../kit/element.js';
import { failureText, type EkFailure } from '../kit/errors.js';
import { emit } from '../kit/events.js';
import type { Texts } from '../kit/i18n/index.js';
import { EkLoad } from '../kit/load.js';
import type { EkSession } from '../kit/session.js';
import {
  SECTIONS,
  type DeskClient,
  type DeskContext,
  type DeskSection,
  type Section,
} from './desk-context.js';
import { facilitatorDeskStyles } from './facilitator-desk.styles.js';
import { facilitatorDeskTexts, type MessageKey } from './i18n/index.js';
import './events.js';

/** Who the member token says is signed in; read without verifying, only to choose what to show (the API decides). */
interface Claims {
  sub: string;
  roles: string[];
}

function claimsOf(token: string): Claims | null {
  try {
    const payload = token.split('.')[1]!;
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return { sub: String(json.sub ?? ''), roles: Array.isArray(json.roles) ? json.roles.map(String) : [] };
  } catch {
    return null;
  }
}

type Access =
  | { status: 'checking' }
  | { status: 'signed-out' }
  | { status: 'not-facilitator' }
  | { status: 'failed'; failure: EkFailure }
  | { status: 'desk'; me: { id: string; admin: boolean }; client: DeskClient };

type SectionModule = { create(desk: DeskContext): DeskSection };

/**
 * For a member whose token carries `facilitator` (their own groups) or `admin` (every group of
 * the association). Anyone else reads a short "for facilitators" line and the desk asks the API
 * nothing. Each section is a view in a chunk of its own, fetched when first opened. Every action
 * goes through the API, which checks it again; a destructive one asks first, and a failed one
 * says why and keeps what was typed.
 *
 * @summary The facilitator's desk: groups, join requests, meetings, attendance, topics and
 * moderation, for facilitators and the association's staff.
 *
 * @fires {CustomEvent<{ groupId: string; memberId: string; status: string }>} ek-request-approve - A join request was approved.
 * @fires {CustomEvent<{ groupId: string; memberId: string }>} ek-request-decline - A join request was declined with a reason.
 * @fires {CustomEvent<{ groupId: string; memberId: string }>} ek-member-remove - A member was removed or an offer withdrawn.
 * @fires {CustomEvent<{ groupId: string }>} ek-group-update - A group's details or facilitators changed.
 * @fires {CustomEvent<{ groupId: string; seriesId: string; sessionIds: string[] }>} ek-series-create - A series was scheduled.
 * @fires {CustomEvent<{ sessionId: string; groupId: string | null }>} ek-session-create - A meeting or an expert talk was scheduled.
 * @fires {CustomEvent<{ sessionId: string; applyTo: 'this' | 'following' }>} ek-session-update - A meeting was moved or its link or agenda changed.
 * @fires {CustomEvent<{ sessionId: string; applyTo: 'this' | 'following' }>} ek-session-cancel - A meeting was cancelled.
 * @fires {CustomEvent<{ sessionId: string; attended: string[]; absent: string[] }>} ek-attendance - Attendance was saved.
 * @fires {CustomEvent<{ groupId: string; topicId: string; sessionId: string }>} ek-topic-attach - A topic was attached to a meeting or made an expert talk.
 * @fires {CustomEvent<{ postId: string; questionId: string; action: 'hide' | 'restore' | 'delete' | 'reveal' }>} ek-moderate - A post was moderated.
 * @fires {CustomEvent<{ reason: string }>} ek-auth-required - A visitor pressed "sign in".
 * @fires {CustomEvent<{ code: string; message: string; status?: number }>} ek-error - Loading or an action failed.
 *
 * @csspart base - Everything the desk shows.
 * @csspart nav - The sections' buttons.
 * @csspart group-picker - The select choosing the group.
 * @csspart section - The open section.
 * @csspart card - A group, a request, a meeting, a topic or a post.
 * @csspart failure - Why an action failed.
 * @csspart notice - The "for facilitators" line others read.
 * @csspart skeleton - A placeholder while loading.
 * @csspart sign-in - The sign-in button a visitor sees.
 * @csspart error - An error message with its retry button.
 * @csspart retry - The retry button.
 *
 * @cssproperty --ek-field-background - Background of fields (default the page's `Canvas`).
 * @cssproperty --ek-danger - Colour of destructive buttons (default a dark red).
 */
export class EkFacilitatorDesk extends EkElement {
  static override styles = [EkElement.styles, facilitatorDeskStyles];
  static override catalogue = facilitatorDeskTexts;
  declare protected texts: Texts<MessageKey>;

  static override properties: PropertyDeclarations = {
    section: {},
    group: {},
    _access: { state: true },
  };

  /** The open section: groups, requests, meetings, attendance, topics, moderation (or round). */
  section: Section = 'groups';
  /** The chosen group's id; the first of the facilitator's groups when empty. */
  group = '';

  private _access: Access = { status: 'checking' };
  #checkedFor: EkSession | null | undefined;
  #groups: EkLoad<Group[], [Access]> | undefined;
  readonly #sections = new Map<Section, DeskSection>();
  readonly #views: Record<Section, ReturnType<EkElement['lazyView']>> = {
    groups: this.lazyView(() => import('./views/groups.js')),
    requests: this.lazyView(() => import('./views/requests.js')),
    meetings: this.lazyView(() => import('./views/meetings.js')),
    attendance: this.lazyView(() => import('./views/attendance.js')),
    topics: this.lazyView(() => import('./views/topics.js')),
    moderation: this.lazyView(() => import('./views/moderation.js')),
    round: this.lazyView(() => import('./views/round.js')),
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const session = this.connection.session;
    if (session !== this.#checkedFor) {
      this.#checkedFor = session;
      void this.#checkAccess(session);
    }
  }

  /**
   * Reads the roles from the member token the host gives (its own `token-url`, not the API):
   * only a facilitator or an admin gets a desk that loads anything from the API.
   */
  async #checkAccess(session: EkSession | null): Promise<void> {
    this._access = { status: 'checking' };
    this.#sections.clear();
    if (!session) {
      this._access = {
        status: 'failed',
        failure: { code: 'not_configured', message: 'Set api-url and tenant-key.' },
      };
      return;
    }
    let access: Access;
    try {
      const token = await session.client.transport.options.tokens.get();
      const claims = token ? claimsOf(token) : null;
      if (!claims) access = { status: 'signed-out' };
      else if (!claims.roles.includes('facilitator') && !claims.roles.includes('admin'))
        access = { status: 'not-facilitator' };
      else
        access = {
          status: 'desk',
          me: { id: claims.sub, admin: claims.roles.includes('admin') },
          client: withFacilitatorTools(session.client),
        };
    } catch (error) {
      access = { status: 'failed', failure: this.report(error) };
    }
    if (session !== this.connection.session) return;
    this._access = access;
    if (access.status === 'desk') {
      this.#groups ??= new EkLoad(this, {
        args: () => [this._access] as [Access],
        task: async ([current], { signal }) => {
          if (current.status !== 'desk') return [];
          const { client, me } = current;
          const page = await client.groups.list(me.admin ? { limit: 100 } : { mine: true, limit: 100 }, {
            signal,
          });
          // `mine` also lists groups one belongs to; the desk shows those one facilitates.
          return me.admin ? page.items : page.items.filter((g) => g.facilitators.some((f) => f.id === me.id));
        },
      });
    }
  }

  #currentGroups(): Group[] {
    const state = this.#groups?.state;
    return state?.status === 'ready' ? state.value : [];
  }

  #context(access: Extract<Access, { status: 'desk' }>): DeskContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the sections read the desk's state as it is now
    const desk = this;
    return {
      client: access.client,
      get texts() {
        return desk.texts;
      },
      get group() {
        const groups = desk.#currentGroups();
        return groups.find((g) => g.id === desk.group) ?? groups[0] ?? null;
      },
      get groups() {
        return desk.#currentGroups();
      },
      get settings() {
        return desk.settings;
      },
      me: access.me,
      requestUpdate: () => this.requestUpdate(),
      emit: (type, detail) => emit(this, type, detail),
      report: (error) => this.report(error),
      failureText: (failure) => failureText(failure, this.texts),
      reloadGroups: () => this.#groups?.run(),
      focusSoon: (...selectors) => this.focusSoon(...selectors),
    };
  }

  #open(section: Section): void {
    this.section = section;
    this.focusSoon('[part~="section"] h3', '[part~="section"]');
  }

  #renderSection(access: Extract<Access, { status: 'desk' }>, groups: Group[]) {
    const available = SECTIONS.filter((s) => s !== 'round' || 'round' in access.client.sessions);
    const current = available.includes(this.section) ? this.section : 'groups';
    const module = this.#views[current].module as SectionModule | undefined;
    let view = this.#sections.get(current);
    if (module && !view) {
      view = module.create(this.#context(access));
      this.#sections.set(current, view);
    }
    const group = groups.find((g) => g.id === this.group) ?? groups[0];
    return html`
      <nav part="nav" aria-label=${this.texts.t('desk.sections')}>
        ${available.map(
          (s) =>
            html`<button
              type="button"
              class=${s === current ? '' : 'secondary'}
              aria-current=${s === current ? 'true' : 'false'}
              @click=${() => this.#open(s)}
            >
              ${this.texts.t(`desk.section.${s}`)}
            </button>`,
        )}
      </nav>
      ${
        groups.length > 1
          ? html`<label class="picker"
              >${this.texts.t('desk.group')}
              <select
                part="group-picker"
                @change=${(event: Event) => {
                  this.group = (event.target as HTMLSelectElement).value;
                }}
              >
                ${groups.map((g) => html`<option value=${g.id} ?selected=${g.id === group?.id}>${g.name}</option>`)}
              </select></label
            >`
          : nothing
      }
      <section part="section" tabindex="-1" aria-labelledby="section-title">
        <h3 id="section-title" tabindex="-1">
          ${this.texts.t(`desk.section.${current}`)}${group && current !== 'moderation' ? ` — ${group.name}` : ''}
        </h3>
        ${view ? view.render() : this.renderLoading()}
      </section>
    `;
  }

  override render() {
    const access = this._access;
    let content: unknown;
    if (access.status === 'checking') content = this.renderLoading();
    else if (access.status === 'failed')
      content = this.renderError(access.failure, () => {
        this.#checkedFor = undefined;
        this.requestUpdate();
      });
    else if (access.status === 'signed-out')
      content = html`<p part="notice">${this.texts.t('desk.only-facilitators')}</p>
        ${this.renderSignIn('sign_in_required')}`;
    else if (access.status === 'not-facilitator')
      content = html`<p part="notice">${this.texts.t('desk.only-facilitators')}</p>`;
    else if (this.#groups)
      content = this.renderLoad(this.#groups, (groups) =>
        !groups.length && !access.me.admin
          ? html`<p>${this.texts.t('desk.no-groups')}</p>`
          : this.#renderSection(access, groups),
      );
    return html`<div part="base" tabindex="-1">
      <h2>${this.texts.t('desk.title')}</h2>
      ${content}
    </div>`;
  }
}
