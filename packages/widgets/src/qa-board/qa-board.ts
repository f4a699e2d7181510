import type {
  Answer,
  EkMemberClient,
  Page,
  PostRef,
  PostVersion,
  QaSort,
  Question,
  QuestionDetail,
  QaEvent,
} from '@ekollega/sdk';
import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { EkElement } from '../kit/element.js';
import { emit } from '../kit/events.js';
import { formErrors, renderFieldError } from '../kit/field-errors.js';
import { INTL_LOCALE, type Texts } from '../kit/i18n/index.js';
import { EkLoad, type EkConnection } from '../kit/load.js';
import { relativeTimeStyles, renderRelativeTime } from '../kit/relative-time.js';
import { qaBoardStyles } from './qa-board.styles.js';
import { qaBoardTexts, type MessageKey } from './i18n/index.js';

/** The board's message keys without their `qa.` prefix. */
type Key = MessageKey extends infer K ? (K extends `qa.${infer Rest}` ? Rest : never) : never;

/** What the board shows: the list of questions, the ask form, or one question with its answers. */
type Screen = { name: 'list' } | { name: 'ask' } | { name: 'question'; id: string };

const LIST: Screen = { name: 'list' };
const SORTS: QaSort[] = ['newest', 'votes', 'unanswered'];
/** Form fields that show the API's 422 messages beside them; errors on other fields show under the form. */
const FIELDS = ['title', 'body', 'tags', 'reason'];
/** The reader's own time zone, in which posts' exact times are given. */
const READER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** The edit form's fields are these with this prefix, so their ids differ from the answer form's beside it. */
const EDIT = 'edit-';

/**
 * The board shows either the association-wide questions or, with `group`, that group's (for its
 * members and facilitators only). Posts are source text in the board's small markup, rendered as
 * text nodes: nothing a member writes becomes HTML. New posts from others are not slipped into
 * what the reader is looking at; a polite notice counts them until the reader asks to see them.
 *
 * @summary A Q&A board: search, sort and tag filters, questions with answers, votes, the accepted
 * answer, reports, and forms to ask and answer (anonymously if the member likes) with a preview.
 *
 * @fires {CustomEvent<{ questionId: string }>} ek-ask - The member asked a question.
 * @fires {CustomEvent<{ questionId: string; answerId: string }>} ek-answer - The member answered a question.
 * @fires {CustomEvent<{ questionId: string; answerId: string | null; value: 1 | -1 | null; score: number }>} ek-vote - The member voted on a question (`answerId` null) or an answer, or withdrew the vote (`value` null).
 * @fires {CustomEvent<{ questionId: string; answerId: string | null }>} ek-accept - The asker or a facilitator marked the accepted answer, or none.
 * @fires {CustomEvent<{ questionId: string; answerId: string | null }>} ek-edit - The member edited their own question (`answerId` null) or answer.
 * @fires {CustomEvent<{ questionId: string; answerId: string | null }>} ek-delete - The member deleted their own question (with its answers) or answer.
 * @fires {CustomEvent<{ reason: string }>} ek-auth-required - A visitor pressed ask, vote or answer, or the board is for signed-in members only.
 * @fires {CustomEvent<{ code: string; message: string; status?: number }>} ek-error - Loading or an action failed.
 *
 * @csspart base - Everything the board shows.
 * @csspart notice - The "N new posts" button; it sits in a polite live region.
 * @csspart search - The search form.
 * @csspart ask - The buttons that open the ask form, or ask a visitor to sign in to answer.
 * @csspart question - A question: a list entry, or the open question.
 * @csspart answer - An answer; the accepted one also has the part `accepted`.
 * @csspart accepted - The accepted answer.
 * @csspart author - The name of a post's author, or "Anonymous member".
 * @csspart tag - A tag button that filters the list by it.
 * @csspart clear - The button that clears the search and tag filters.
 * @csspart vote - A vote button; `aria-pressed` says whether it is the member's vote.
 * @csspart accept - The button that marks an answer accepted ("Mark as accepted"), or takes the mark away.
 * @csspart score - A post's votes at a glance: the count, filled when the member voted.
 * @csspart badge - The "accepted answer" mark, on the answer and on its question in the list.
 * @csspart edit - The button that opens the edit form of the member's own post.
 * @csspart delete - The button that deletes the member's own post (after a confirmation).
 * @csspart history - The button that shows a post's earlier versions, and the list of them.
 * @csspart relative-time - When a post was written ("2 h ago"); the exact time shows on hover and focus.
 * @csspart report - The report button.
 * @csspart more - The "show more questions" button.
 * @csspart back - The button back from a question to the list.
 * @csspart form - The ask, answer and report forms.
 * @csspart preview - The preview of the text being written.
 * @csspart empty - Shown when no question matches, or a question has no answers yet, with what to do next.
 * @csspart skeleton - A placeholder while loading.
 * @csspart sign-in - The sign-in button of a board that is for members only.
 * @csspart error - A loading error with its retry button.
 * @csspart retry - The retry button.
 */
export class EkQaBoard extends EkElement {
  static override styles = [EkElement.styles, relativeTimeStyles, qaBoardStyles];
  static override catalogue = qaBoardTexts;
  declare protected texts: Texts<MessageKey>;

  static override properties: PropertyDeclarations = {
    group: {},
    tag: {},
    _screen: { state: true },
    _member: { state: true },
    _q: { state: true },
    _sort: { state: true },
    _fresh: { state: true },
    _draft: { state: true },
    _errors: { state: true },
    _reporting: { state: true },
    _reported: { state: true },
    _editing: { state: true },
    _deleting: { state: true },
    _history: { state: true },
  };

  /** Shows this group's board instead of the association's; only the group's members and facilitators can read it. */
  group?: string;

  /** Lists only questions with this tag; members change it by pressing a tag, and clear it. */
  tag?: string;

  private _screen: Screen = LIST;
  /** Whether a member is signed in (known once the list has loaded). */
  private _member = false;
  /** The search the list shows. */
  private _q = '';
  private _sort: QaSort = 'newest';
  /** Posts others wrote since the board loaded, as the live events gave them, by id. */
  private _fresh = new Map<string, Question | Answer>();
  /** The text being written, for the preview. */
  private _draft = '';
  /** Field errors by field (`form` for the rest). */
  private _errors: Record<string, string> = {};
  /** The post whose report form is open. */
  private _reporting: string | null = null;
  /** The posts this member reported. */
  private _reported = new Set<string>();
  /** The member's own post whose edit form is open. */
  private _editing: string | null = null;
  /** The member's own post whose deletion waits for a confirmation. */
  private _deleting: string | null = null;
  /** The post whose earlier versions are shown, and them (`undefined` while they load). */
  private _history: { id: string; versions: PostVersion[] | undefined } | null = null;

  /** Posts this member wrote here, which are not news to them. */
  readonly #mine = new Set<string>();
  /** The formatters of posts' exact times, for one language. */
  #exactFormats?: { locale: string; date: Intl.DateTimeFormat; time: Intl.DateTimeFormat };
  /** Whether a member's action is on its way; another waits for it. */
  #busy = false;
  /**
   * Posts' markup as Lit templates, with the SDK's parser: imported when a question or a preview
   * is first shown, since the list shows titles only.
   */
  readonly #markup = this.lazyView(() => import('./views/markup.js'));
  /** The live subscription and the connection it uses (a new board unfollows the old one first). */
  #live?: AbortController;
  #following?: EkConnection;

  readonly #list = new EkLoad(this, {
    args: () => [this.group, this.tag, this._q, this._sort] as const,
    task: async ([group, tag, q, sort], { client, signal }) => {
      const [page, member] = await Promise.all([
        client.questions.list({ group, tag, q, sort, limit: 20 }, { signal }),
        client.isSignedIn(),
      ]);
      this._member = member;
      this.#follow(client);
      return page;
    },
  });

  /** Each loaded question's answers as the page "show more answers" extends (`renderMore` knows a page by identity). */
  readonly #answerPages = new WeakMap<QuestionDetail, Page<Answer>>();

  readonly #detail = new EkLoad(this, {
    args: () => [this.#openId()] as const,
    task: ([id], { client, signal }) => (id ? client.questions.get(id, { signal }) : Promise.resolve(null)),
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) return;
    if (changed.has('group')) this.#unfollow();
    // Another board or tag: back to its list.
    if (changed.has('group') || changed.has('tag')) this._screen = LIST;
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.texts.t(`qa.${key}`, values);
  }

  /** The open question's id, or `null` on the list and the ask form. */
  #openId(): string | null {
    return this._screen.name === 'question' ? this._screen.id : null;
  }

  #query() {
    // The SDK leaves empty values out of the query.
    return { group: this.group, tag: this.tag, q: this._q, sort: this._sort, limit: 20 };
  }

  /** An event listener too, like the actions' methods: Lit calls listeners with the element as `this`. */
  #signIn(): void {
    emit(this, 'ek-auth-required', { reason: 'sign_in_required' });
  }

  /** Others' new posts, live; once per connection and board. */
  #follow(client: EkMemberClient): void {
    if (this.#following === this.connection) return;
    this.#unfollow();
    this.#following = this.connection;
    this.#live = new AbortController();
    client.questions
      .subscribe({ group: this.group }, (event) => this.#onLive(event), { signal: this.#live.signal })
      // A board the member may no longer read says so on the next load; the notice just stops.
      .catch(() => undefined);
  }

  #unfollow(): void {
    this.#live?.abort();
    this.#following = undefined;
    this._fresh = new Map();
  }

  #onLive(event: QaEvent): void {
    const fresh = new Map(this._fresh);
    if (event.type === 'post.removed') fresh.delete(event.data.id);
    else if (event.type === 'question.created' || event.type === 'answer.created') {
      if (this.#mine.has(event.data.id)) return;
      fresh.set(event.data.id, event.data);
    } else return;
    this._fresh = fresh;
  }

  /** The posts the screen shows that news can join: the list's questions, or the open question's answers. */
  #shownPosts(): (Question | Answer)[] | null {
    if (this._screen.name === 'list') {
      const { state } = this.#list;
      return state.status === 'ready' ? state.value.items : null;
    }
    if (this._screen.name === 'question') {
      const { state } = this.#detail;
      return state.status === 'ready' && state.value ? state.value.answers : null;
    }
    return null;
  }

  /** Others' new posts for the screen, not shown yet: questions of the list's tag, or answers to the open question. */
  #news(shown: (Question | Answer)[]): (Question | Answer)[] {
    const openId = this.#openId();
    const tag = this.tag?.toLowerCase();
    return [...this._fresh.values()].filter((post) => {
      if (shown.some(({ id }) => id === post.id)) return false;
      const questionId = 'question_id' in post ? post.question_id : null;
      if (questionId !== openId) return false;
      return !tag || !('tags' in post) || post.tags.includes(tag);
    });
  }

  /**
   * Puts others' new posts in the view, as the live events gave them: new questions on top, new
   * answers last. No reload: nothing else moves, and a visitor's cached list cannot hide them.
   */
  #showNews(shown: (Question | Answer)[], news: (Question | Answer)[]): void {
    const fresh = new Map(this._fresh);
    news.forEach((post) => fresh.delete(post.id));
    this._fresh = fresh;
    if (this._screen.name === 'question') {
      shown.push(...news);
      this.focusSoon('#answers');
    } else {
      shown.unshift(...news.reverse());
      this.focusSoon('[part~="question"] button');
    }
  }

  // ——— Views ———

  /** While the board loads: placeholders in the shape of its question cards (title, byline, counts). */
  protected override renderLoading() {
    return html`<div role="status" class="list">
      ${[1, 2, 3].map(
        () =>
          html`<div class="skeleton-card">
            <span class="skeleton title-bar" part="skeleton"></span><span class="skeleton short"></span
            ><span class="skeleton pills"></span>
          </div>`,
      )}
      <span class="visually-hidden">${this.texts.t('common.loading')}</span>
    </div>`;
  }

  protected override render() {
    const shown = this.#shownPosts();
    const news = shown ? this.#news(shown) : [];
    return html`<div part="base" tabindex="-1" lang=${this.texts.locale}>
      <div role="status">
        ${
          news.length
            ? html`<button
                part="notice"
                class="secondary"
                type="button"
                @click=${() => this.#showNews(shown!, news)}
              >
                ${this.texts.plural('qa.new', news.length)}
              </button>`
            : nothing
        }
      </div>
      ${this.#renderScreen()}
    </div>`;
  }

  #renderScreen() {
    switch (this._screen.name) {
      case 'ask':
        return this.#renderAskForm();
      case 'question':
        return this.#renderQuestion();
      case 'list':
        return this.#renderList();
    }
  }

  #renderList() {
    const { status } = this.#list.state;
    const filtered = Boolean(this._q || this.tag);
    return html`${
      status === 'ready' || status === 'loading'
        ? html`<div class="bar">
              <form part="search" role="search" @submit=${this.#search}>
                <label>${this.#t('search')}<input type="search" name="q" .value=${this._q} /></label>
              </form>
              <label
                >${this.#t('sort')}<select @change=${this.#onSort}>
                  ${SORTS.map((sort) => html`<option value=${sort} ?selected=${this._sort === sort}>${this.#t(sort)}</option>`)}
                </select></label
              >
              <button part="ask" type="button" @click=${this.#ask}>${this.#t('ask')}</button>
            </div>
            ${filtered ? html`<button part="clear" class="secondary" type="button" @click=${this.#clear}>${this.#t('clear')}</button>` : nothing}`
        : nothing
    }
    ${this.renderLoad(this.#list, (page) =>
      page.items.length
        ? html`<ul class="list">
              ${page.items.map(
                (question) =>
                  html`<li part="question" data-id=${question.id}>
                    <h3 lang=${question.language}>
                      <button class="title" type="button" @click=${() => this.#openQuestion(question.id)}>
                        ${question.title}
                      </button>
                    </h3>
                    <p class="meta">${this.#byline(question)}</p>
                    <p class="stats">
                      <span part="score" class=${question.score ? 'score' : 'score none'}
                        >${this.texts.plural('qa.score', question.score)}</span
                      >
                      <span class=${question.answer_count ? 'count' : 'count none'}
                        >${this.texts.plural('qa.answers', question.answer_count)}</span
                      >
                      ${question.accepted_answer_id ? html`<span part="badge" class="badge">✓ ${this.#t('accepted')}</span>` : nothing}
                    </p>
                    ${this.#renderTags(question.tags)}
                  </li>`,
              )}
            </ul>
            ${this.renderMore(page, this.#t('more'), (client, cursor) => client.questions.list({ ...this.#query(), cursor }))}
            ${this.#renderError()}`
        : html`<p part="empty">${this.#t(this._q || this.tag ? 'empty' : 'empty-board')}</p>`,
    )}`;
  }

  /** A post's author and how long ago it was written, the exact time on hover and focus. */
  #byline(post: Question | Answer) {
    return html`<span part="author">${post.author?.name ?? this.#t('anonymous')}</span> ·
      ${renderRelativeTime(post.created_at, this.#exact(post.created_at), this.texts.locale)}`;
  }

  /** "8.12.2026 klo 9.00", "8.12.2026 kl. 9.00", "08/12/2026, 09:00" in the reader's zone. */
  #exact(when: string): string {
    const { locale } = this.texts;
    // Made once per language: a question can show hundreds of posts, and a formatter is slow to make.
    if (this.#exactFormats?.locale !== locale) {
      const options = { timeZone: READER_ZONE };
      this.#exactFormats = {
        locale,
        date: new Intl.DateTimeFormat(INTL_LOCALE[locale], {
          ...options,
          day: 'numeric',
          month: 'numeric',
          year: 'numeric',
        }),
        time: new Intl.DateTimeFormat(INTL_LOCALE[locale], {
          ...options,
          hour: 'numeric',
          minute: '2-digit',
        }),
      };
    }
    const instant = new Date(when);
    return this.#t('at', {
      date: this.#exactFormats.date.format(instant),
      time: this.#exactFormats.time.format(instant),
    });
  }

  #renderTags(tags: string[]) {
    return tags.length
      ? html`<ul class="tags">
          ${tags.map(
            (tag) =>
              html`<li>
                <button
                  part="tag"
                  class="secondary"
                  type="button"
                  aria-pressed=${this.tag === tag}
                  @click=${() => this.#filterByTag(tag)}
                >
                  ${tag}
                </button>
              </li>`,
          )}
        </ul>`
      : nothing;
  }

  #renderQuestion() {
    const markup = this.#markup.module;
    return html`<button part="back" class="secondary" type="button" @click=${this.#back}>
        ${this.#t('back')}
      </button>
      ${
        markup
          ? this.renderLoad(
              this.#detail,
              (question) =>
                question &&
                html`<article part="question">
                    <h3 id="question" tabindex="-1" lang=${question.language}>${question.title}</h3>
                    ${this.#renderPost(question, question.id, question)} ${this.#renderTags(question.tags)}
                  </article>
                  <h4 id="answers" tabindex="-1">
                    ${this.texts.plural(
                      'qa.answers',
                      question.answers_next_cursor ? question.answer_count : question.answers.length,
                    )}
                  </h4>
                  <ol class="list">
                    ${question.answers.map(
                      (answer) =>
                        html`<li
                          part="answer${answer.accepted ? ' accepted' : ''}"
                          data-id=${answer.id}
                          tabindex="-1"
                        >
                          ${answer.accepted ? html`<p part="badge" class="badge">✓ ${this.#t('accepted')}</p>` : nothing}
                          ${this.#renderPost(answer, { question: question.id, answer: answer.id }, question)}
                        </li>`,
                    )}
                  </ol>
                  ${question.answers.length ? nothing : html`<p part="empty">${this.#t('no-answers')}</p>`}
                  ${this.#renderMoreAnswers(question)}
                  ${this._member ? this.#renderAnswerForm(question) : html`<button part="ask" type="button" @click=${this.#signIn}>${this.#t('reply')}</button>`}`,
            )
          : this.renderLoading()
      }`;
  }

  /**
   * "Show more answers" where a question has more than its page holds: the answers that arrive join
   * `question.answers`, and its cursor moves on with them.
   */
  #renderMoreAnswers(question: QuestionDetail) {
    let page = this.#answerPages.get(question);
    if (!page) {
      page = { items: question.answers, next_cursor: question.answers_next_cursor };
      this.#answerPages.set(question, page);
    }
    return this.renderMore(page, this.#t('moreAnswers'), async (client, cursor) => {
      const more = await client.questions.answers(question.id, { cursor, limit: 100 });
      question.answers_next_cursor = more.next_cursor;
      return more;
    });
  }

  /** A post's author, text and what the reader can do with it; the member's own also edit, delete and history. */
  #renderPost(post: Question | Answer, ref: PostRef, question: QuestionDetail) {
    const answer = 'accepted' in post ? post : null;
    if (this._editing === post.id) return this.#renderEditForm(post, ref, question);
    return html`<p class="meta">
        ${this.#byline(post)}
        ${
          post.edited_at
            ? html`· ${this.#t('edited')}
              ${renderRelativeTime(post.edited_at, this.#exact(post.edited_at), this.texts.locale)}`
            : nothing
        }
      </p>
      <div class="text" lang=${post.language}>${this.#markup.module?.renderMarkup(post.body)}</div>
      <div class="actions">
        ${post.mine ? nothing : this.#renderVotes(question, post, ref)}
        <span part="score" class=${post.my_vote ? 'score voted' : 'score'}
          >${this.texts.plural('qa.score', post.score)}</span
        >
        ${
          answer && question.can_accept
            ? html`<button
                part="accept"
                class="secondary"
                type="button"
                @click=${() => this.#accept(question, answer)}
              >
                ${this.#t(answer.accepted ? 'unaccept' : 'accept')}
              </button>`
            : nothing
        }
        ${this.#renderReport(post)} ${post.mine ? this.#renderOwnTools(post, ref) : nothing}
      </div>
      ${this._reporting === post.id ? this.#renderReportForm(post, ref) : nothing}
      ${this._deleting === post.id ? this.#renderDeleteConfirm(post, ref, question) : nothing}
      ${this._history?.id === post.id ? this.#renderHistory(this._history.versions) : nothing}`;
  }

  /** Edit, delete and (once edited) the history of the member's own post. */
  #renderOwnTools(post: Question | Answer, ref: PostRef) {
    const shown = this._history?.id === post.id;
    return html`<button
        id="edit-${post.id}"
        part="edit"
        class="secondary"
        type="button"
        @click=${() => this.#startEdit(post)}
      >
        ${this.#t('edit')}
      </button>
      <button
        id="delete-${post.id}"
        part="delete"
        class="secondary"
        type="button"
        @click=${() => this.#startDelete(post)}
      >
        ${this.#t('delete')}
      </button>
      ${
        post.edited_at
          ? html`<button
              part="history"
              class="secondary"
              type="button"
              aria-expanded=${shown}
              @click=${() => this.#toggleHistory(post, ref)}
            >
              ${this.#t('history')}
            </button>`
          : nothing
      }`;
  }

  #renderEditForm(post: Question | Answer, ref: PostRef, question: QuestionDetail) {
    const asked = 'title' in post ? post : null;
    const field = (name: 'title' | 'tags', value: string) =>
      html`<label for="${EDIT}${name}">${this.#t(name)}</label>
        <input
          id="${EDIT}${name}"
          name=${name}
          autocomplete="off"
          .value=${value}
          aria-invalid=${this.#invalid(EDIT + name)}
          aria-describedby="${EDIT}${name}-error"
        />
        ${this.#renderError(EDIT + name)}`;
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-label=${this.#t('edit')}
      @submit=${(event: SubmitEvent) => this.#saveEdit(event, post, ref, question)}
    >
      ${asked ? field('title', asked.title) : nothing}
      <label for="${EDIT}body">${this.#t(asked ? 'body' : 'answer')}</label>
      <textarea
        id="${EDIT}body"
        name="body"
        rows="5"
        .value=${post.body}
        aria-invalid=${this.#invalid(`${EDIT}body`)}
        aria-describedby="${EDIT}body-error"
      ></textarea>
      ${this.#renderError(`${EDIT}body`)} ${asked ? field('tags', asked.tags.join(', ')) : nothing}
      <div class="actions">
        <button type="submit">${this.#t('save')}</button>
        <button class="secondary" type="button" @click=${() => this.#cancelEdit(post)}>
          ${this.#t('cancel')}
        </button>
      </div>
      ${this.#renderError(`${EDIT}form`)}
    </form>`;
  }

  #renderDeleteConfirm(post: Question | Answer, ref: PostRef, question: QuestionDetail) {
    return html`<div class="confirm actions" role="group" aria-labelledby="confirm-${post.id}">
      <p id="confirm-${post.id}" tabindex="-1">
        ${this.#t(typeof ref === 'string' ? 'confirm-question' : 'confirm-answer')}
      </p>
      <button part="delete" type="button" @click=${() => this.#remove(post, ref, question)}>
        ${this.#t('delete')}
      </button>
      <button class="secondary" type="button" @click=${() => this.#cancelDelete(post)}>
        ${this.#t('cancel')}
      </button>
      ${this.#renderError(`delete-form`)}
    </div>`;
  }

  /** A post's earlier versions, oldest first, each as it read then. */
  #renderHistory(versions: PostVersion[] | undefined) {
    if (!versions) return super.renderLoading();
    return html`<ol part="history" class="list history" aria-label=${this.#t('history')}>
      ${versions.map(
        (version) =>
          html`<li>
            <p class="meta">
              ${this.#t('version', { version: version.version, time: this.#exact(version.written_at) })}
            </p>
            ${version.title ? html`<p><strong>${version.title}</strong></p>` : nothing}
            <div class="text" lang=${version.language}>
              ${this.#markup.module?.renderMarkup(version.body)}
            </div>
          </li>`,
      )}
    </ol>`;
  }

  /** The up button, and the down button where the association allows downvotes (`/v1/config` `qa.downvotes`). */
  #renderVotes(question: QuestionDetail, post: Question | Answer, ref: PostRef) {
    const vote = (value: 1 | -1, label: Key, arrow: string) =>
      html`<button
        part="vote"
        class="secondary"
        type="button"
        aria-pressed=${post.my_vote === value}
        aria-label=${this.#t(label)}
        @click=${() => this.#vote(question, post, ref, value)}
      >
        ${arrow}
      </button>`;
    return html`${vote(1, 'up', '▲')}${this.connection.session?.qa?.downvotes ? vote(-1, 'down', '▼') : nothing}`;
  }

  /** The report button, or that the member reported the post; nothing on a visitor's or one's own post. */
  #renderReport(post: Question | Answer) {
    if (!this._member || post.mine) return nothing;
    if (this._reported.has(post.id))
      return html`<span id="reported-${post.id}" tabindex="-1">${this.#t('reported')}</span>`;
    return html`<button
      id="report-${post.id}"
      part="report"
      class="secondary"
      type="button"
      @click=${() => this.#startReport(post)}
    >
      ${this.#t('report')}
    </button>`;
  }

  #renderReportForm(post: Question | Answer, ref: PostRef) {
    return html`<form
      part="form"
      class="form"
      novalidate
      @submit=${(event: SubmitEvent) => this.#report(event, post, ref)}
    >
      <label for="reason">${this.#t('reason')}</label>
      <textarea
        id="reason"
        name="reason"
        rows="2"
        aria-invalid=${this.#invalid('reason')}
        aria-describedby="reason-error"
      ></textarea>
      ${this.#renderError('reason')}
      <div class="actions">
        <button type="submit">${this.#t('report')}</button>
        <button class="secondary" type="button" @click=${() => this.#cancelReport(post)}>
          ${this.#t('cancel')}
        </button>
      </div>
      ${this.#renderError()}
    </form>`;
  }

  /** A one-line field of the ask form. */
  #renderField(name: 'title' | 'tags') {
    return html`<label for=${name}>${this.#t(name)}</label>
      <input
        id=${name}
        name=${name}
        autocomplete="off"
        aria-invalid=${this.#invalid(name)}
        aria-describedby="${name}-error"
      />
      ${this.#renderError(name)}`;
  }

  /** The text of a question or an answer, with its hint and error. */
  #renderBody(label: Key) {
    return html`<label for="body">${this.#t(label)}</label>
      <textarea
        id="body"
        name="body"
        rows="5"
        aria-invalid=${this.#invalid('body')}
        aria-describedby="body-hint body-error"
        @input=${this.#onDraft}
      ></textarea>
      <p id="body-hint" class="meta">${this.#t('hint')}</p>
      ${this.#renderError('body')}`;
  }

  /** The "post anonymously" checkbox and the preview of the text being written. */
  #renderAnonymousAndPreview() {
    const markup = this._draft.trim() ? this.#markup.module : undefined;
    return html`<label class="check"
        ><input type="checkbox" name="anonymous" />${this.#t('anonymous-post')}</label
      >
      ${
        this._draft.trim()
          ? html`<section part="preview" class="text" aria-labelledby="preview">
              <h4 id="preview">${this.#t('preview')}</h4>
              ${markup ? markup.renderMarkup(this._draft) : super.renderLoading()}
            </section>`
          : nothing
      }`;
  }

  #renderAskForm() {
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-label=${this.#t('ask')}
      @submit=${this.#askQuestion}
    >
      ${this.#renderField('title')} ${this.#renderBody('body')} ${this.#renderField('tags')}
      ${this.#renderAnonymousAndPreview()}
      <div class="actions">
        <button type="submit">${this.#t('post')}</button>
        <button class="secondary" type="button" @click=${this.#cancelAsk}>${this.#t('cancel')}</button>
      </div>
      ${this.#renderError()}
    </form>`;
  }

  #renderAnswerForm(question: QuestionDetail) {
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-label=${this.#t('reply')}
      @submit=${(event: SubmitEvent) => this.#answer(event, question)}
    >
      ${this.#renderBody('answer')} ${this.#renderAnonymousAndPreview()}
      <div class="actions">
        <button type="submit">${this.#t('reply')}</button>
      </div>
      ${
        // An open report form shows the form's error itself: one element with its id.
        this._reporting ? nothing : this.#renderError()
      }
    </form>`;
  }

  #invalid(field: string): 'true' | 'false' {
    return this._errors[field] ? 'true' : 'false';
  }

  /** A field's error, or without a field the form's, in the reader's language (see `#fieldErrors`). */
  #renderError(field = 'form') {
    return renderFieldError(`${field}-error`, this._errors[field]);
  }

  // ——— Actions ——— (methods serve as event listeners: Lit calls them with the element as `this`)

  /** The fields of a submitted form, which stays on the page. */
  #fields(event: SubmitEvent): Record<string, string | undefined> {
    event.preventDefault();
    return Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<string, string>;
  }

  #search(event: SubmitEvent): void {
    this._q = this.#fields(event).q!.trim();
    // Searching again for the same words shows what was posted meanwhile.
    this.#list.run();
  }

  #onSort(event: Event): void {
    this._sort = (event.target as HTMLSelectElement).value as QaSort;
  }

  #filterByTag(tag: string): void {
    this.tag = tag;
    this.focusSoon('[part~="clear"]');
  }

  #clear(): void {
    this._q = '';
    this.tag = undefined;
    this.focusSoon('input');
  }

  #onDraft(event: Event): void {
    this._draft = (event.target as HTMLTextAreaElement).value;
  }

  #ask(): void {
    if (!this._member) {
      this.#signIn();
      return;
    }
    this._screen = { name: 'ask' };
    this._draft = '';
    this._errors = {};
    this.focusSoon('#title');
  }

  #cancelAsk(): void {
    this._screen = LIST;
    this.focusSoon('[part~="ask"]');
  }

  #openQuestion(id: string): void {
    this._screen = { name: 'question', id };
    this._reporting = null;
    this._draft = '';
    this._errors = {};
    this.focusSoon('#question');
  }

  #back(): void {
    const list = this.#list.state;
    const detail = this.#detail.state;
    const id = this.#openId();
    // What changed in the question (votes, answers, the accepted one) shows in the list too; a new
    // question the list does not hold yet updates nothing.
    const listed =
      list.status === 'ready' ? list.value.items.find((question) => question.id === id) : undefined;
    if (listed && detail.status === 'ready' && detail.value) {
      const { answers, answers_next_cursor } = detail.value;
      // All answers loaded: their number is the count; else the count the API gave stays.
      const count = answers_next_cursor ? detail.value.answer_count : answers.length;
      Object.assign(listed, detail.value, { answer_count: count });
    }
    this.focusSoon(`[data-id="${id}"] button`);
    this._screen = LIST;
    this._errors = {};
  }

  #startReport(post: Question | Answer): void {
    this._reporting = post.id;
    this._errors = {};
    this.focusSoon('#reason');
  }

  #cancelReport(post: Question | Answer): void {
    this._reporting = null;
    this.focusSoon(`#report-${post.id}`);
  }

  /** Votes a post up or down, or withdraws the vote by pressing the same button again. */
  async #vote(question: QuestionDetail, post: Question | Answer, ref: PostRef, value: 1 | -1): Promise<void> {
    if (!this._member) {
      this.#signIn();
      return;
    }
    await this.#act(async (client) => {
      const withdrawn = post.my_vote === value;
      const result = withdrawn ? await client.questions.unvote(ref) : await client.questions.vote(ref, value);
      // The result is the post's new `score` and `my_vote`.
      Object.assign(post, result);
      emit(this, 'ek-vote', {
        questionId: question.id,
        answerId: post === question ? null : post.id,
        value: result.my_vote,
        score: result.score,
      });
    });
  }

  /** The post a submitted ask or answer form gives: its `anonymous` checkbox is present when checked. */
  #post(fields: Record<string, string | undefined>) {
    return { body: fields.body!, anonymous: Boolean(fields.anonymous) };
  }

  #askQuestion(event: SubmitEvent): Promise<void> {
    // The event's target is gone once its dispatch ends (the form is in a shadow root).
    const form = event.target as HTMLFormElement;
    const fields = this.#fields(event);
    return this.#act(async (client) => {
      const asked = await client.questions.ask({
        group_id: this.group || null,
        title: fields.title!,
        ...this.#post(fields),
        tags: fields
          .tags!.split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      });
      this.#mine.add(asked.id);
      emit(this, 'ek-ask', { questionId: asked.id });
      this._screen = { name: 'question', id: asked.id };
      this._reporting = null;
      this.#detail.show(asked);
      this.focusSoon('#question');
      // The list holds the new question when the member goes back.
      this.#list.run();
      form.reset();
      this._draft = '';
    });
  }

  #answer(event: SubmitEvent, question: QuestionDetail): Promise<void> {
    const form = event.target as HTMLFormElement;
    const fields = this.#fields(event);
    return this.#act(async (client) => {
      const answer = await client.questions.answer(question.id, this.#post(fields));
      this.#mine.add(answer.id);
      emit(this, 'ek-answer', { questionId: question.id, answerId: answer.id });
      this.#showQuestion(await client.questions.get(question.id));
      this.focusSoon(`[data-id="${answer.id}"]`);
      form.reset();
      this._draft = '';
    });
  }

  /** Shows `question` as the API gave it after an action, unless the reader has moved on to another one meanwhile. */
  #showQuestion(question: QuestionDetail): void {
    if (this.#openId() === question.id) this.#detail.show(question);
  }

  #report(event: SubmitEvent, post: Question | Answer, ref: PostRef): Promise<void> {
    const { reason } = this.#fields(event);
    return this.#act(async (client) => {
      await client.questions.report(ref, reason!);
      this._reported = new Set(this._reported).add(post.id);
      this._reporting = null;
      this.focusSoon(`#reported-${post.id}`);
    });
  }

  #accept(question: QuestionDetail, answer: Answer): Promise<void> {
    return this.#act(async (client) => {
      const fresh = await client.questions.accept(question.id, answer.accepted ? null : answer.id);
      this.#showQuestion(fresh);
      // The accepted answer moves first; the focus follows its button.
      this.focusSoon(`[data-id="${answer.id}"] [part~="accept"]`);
      emit(this, 'ek-accept', { questionId: question.id, answerId: fresh.accepted_answer_id });
    });
  }

  #startEdit(post: Question | Answer): void {
    this._editing = post.id;
    this._deleting = null;
    this._errors = {};
    this.focusSoon(`#${EDIT}title`, `#${EDIT}body`);
  }

  #cancelEdit(post: Question | Answer): void {
    this._editing = null;
    this._errors = {};
    this.focusSoon(`#edit-${post.id}`);
  }

  #saveEdit(
    event: SubmitEvent,
    post: Question | Answer,
    ref: PostRef,
    question: QuestionDetail,
  ): Promise<void> {
    const fields = this.#fields(event);
    return this.#act(async (client) => {
      const body = fields.body!;
      if (typeof ref === 'string') {
        const tags = fields
          .tags!.split(',')
          .map((tag) => tag.trim())
          .filter(Boolean);
        await client.questions.edit(ref, { title: fields.title!, body, tags });
      } else await client.questions.edit(ref, { body });
      emit(this, 'ek-edit', {
        questionId: question.id,
        answerId: typeof ref === 'string' ? null : ref.answer,
      });
      this._editing = null;
      if (this._history?.id === post.id) this._history = null;
      this.#showQuestion(await client.questions.get(question.id));
      this.focusSoon(`#edit-${post.id}`);
    }, EDIT);
  }

  #startDelete(post: Question | Answer): void {
    this._deleting = post.id;
    this._errors = {};
    this.focusSoon(`#confirm-${post.id}`);
  }

  #cancelDelete(post: Question | Answer): void {
    this._deleting = null;
    this.focusSoon(`#delete-${post.id}`);
  }

  /** Deletes the member's own post: a question goes with its answers, back to the list. */
  #remove(post: Question | Answer, ref: PostRef, question: QuestionDetail): Promise<void> {
    return this.#act(async (client) => {
      await client.questions.remove(ref);
      emit(this, 'ek-delete', {
        questionId: question.id,
        answerId: typeof ref === 'string' ? null : ref.answer,
      });
      this._deleting = null;
      if (typeof ref === 'string') {
        this._screen = LIST;
        this.#list.run();
        this.focusSoon('[part~="ask"]');
      } else {
        this.#showQuestion(await client.questions.get(question.id));
        this.focusSoon('#answers');
      }
    }, 'delete-');
  }

  /** Shows the post's earlier versions, or hides them. */
  async #toggleHistory(post: Question | Answer, ref: PostRef): Promise<void> {
    if (this._history?.id === post.id) {
      this._history = null;
      return;
    }
    this._history = { id: post.id, versions: undefined };
    await this.#act(async (client) => {
      const versions = await client.questions.history(ref);
      if (this._history?.id === post.id) this._history = { id: post.id, versions };
    });
    // A failure shows under the answer form; the list closes again.
    if (this._history?.id === post.id && !this._history.versions) this._history = null;
  }

  /**
   * Runs a member's action; its failure shows beside the field it concerns, or under the form
   * (fields and the form's error named with `prefix`, as the edit form's are).
   */
  async #act(action: (client: EkMemberClient) => Promise<void>, prefix = ''): Promise<void> {
    const client = this.connection.session?.client;
    if (!client || this.#busy) return;
    this.#busy = true;
    this._errors = {};
    try {
      await action(client);
      // A vote changes the loaded post in place.
      this.requestUpdate();
    } catch (error) {
      this._errors = this.#fieldErrors(error, prefix);
      this.focusSoon('[aria-invalid="true"]');
    }
    this.#busy = false;
  }

  /**
   * A failed action's texts by field (`form` for the rest), with `prefix`: every form's field
   * errors are read here, in the reader's language (the kit's `formErrors`).
   */
  #fieldErrors(error: unknown, prefix: string): Record<string, string> {
    this.report(error);
    // `tags.2` is the tags field's.
    const byField = formErrors(error, this.texts, (field) => FIELDS.includes(field.split('.')[0]!));
    const errors: Record<string, string> = {};
    for (const [field, text] of Object.entries(byField))
      if (text) errors[prefix + (field === 'form' ? field : field.split('.')[0]!)] ??= text;
    return errors;
  }
}
