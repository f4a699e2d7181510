import type {
  Answer,
  EkMemberClient,
  EkProblemError,
  Page,
  PostRef,
  QaSort,
  Question,
  QuestionDetail,
  QaEvent,
} from '@ekollega/sdk';
import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { EkElement } from '../kit/element.js';
import { failureText } from '../kit/errors.js';
import { emit } from '../kit/events.js';
import type { Texts } from '../kit/i18n/index.js';
import { EkLoad, type EkConnection } from '../kit/load.js';
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
 * @csspart accept - The button that marks (or unmarks) the accepted answer.
 * @csspart report - The report button.
 * @csspart more - The "show more questions" button.
 * @csspart back - The button back from a question to the list.
 * @csspart form - The ask, answer and report forms.
 * @csspart preview - The preview of the text being written.
 * @csspart empty - Shown when no question matches.
 * @csspart skeleton - A placeholder while loading.
 * @csspart sign-in - The sign-in button of a board that is for members only.
 * @csspart error - A loading error with its retry button.
 * @csspart retry - The retry button.
 */
export class EkQaBoard extends EkElement {
  static override styles = [EkElement.styles, qaBoardStyles];
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

  /** Posts this member wrote here, which are not news to them. */
  readonly #mine = new Set<string>();
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
                    <p class="meta">
                      ${this.#byline(question)} · ${this.texts.plural('qa.score', question.score)} ·
                      ${this.texts.plural('qa.answers', question.answer_count)}${
                        question.accepted_answer_id ? ` · ✓ ${this.#t('accepted')}` : ''
                      }
                    </p>
                    ${this.#renderTags(question.tags)}
                  </li>`,
              )}
            </ul>
            ${this.renderMore(page, this.#t('more'), (client, cursor) => client.questions.list({ ...this.#query(), cursor }))}
            ${this.#renderError()}`
        : html`<p part="empty">${this.#t('empty')}</p>`,
    )}`;
  }

  #byline(post: Question | Answer) {
    return html`<span part="author">${post.author?.name ?? this.#t('anonymous')}</span> ·
      ${this.texts.dateTime(post.created_at, undefined, { dateStyle: 'medium' })}`;
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
                          ${answer.accepted && !question.can_accept ? html`<p class="badge">✓ ${this.#t('accepted')}</p>` : nothing}
                          ${this.#renderPost(answer, { question: question.id, answer: answer.id }, question)}
                        </li>`,
                    )}
                  </ol>
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

  /** A post's author, text and what the reader can do with it. */
  #renderPost(post: Question | Answer, ref: PostRef, question: QuestionDetail) {
    const answer = 'accepted' in post ? post : null;
    return html`<p class="meta">${this.#byline(post)}</p>
      <div class="text" lang=${post.language}>${this.#markup.module?.renderMarkup(post.body)}</div>
      <div class="actions">
        ${post.mine ? nothing : this.#renderVotes(question, post, ref)}
        <span>${this.texts.plural('qa.score', post.score)}</span>
        ${
          answer && question.can_accept
            ? html`<button
                part="accept"
                class="secondary"
                type="button"
                aria-pressed=${answer.accepted}
                @click=${() => this.#accept(question, answer)}
              >
                ${this.#t('accepted')}
              </button>`
            : nothing
        }
        ${this.#renderReport(post)}
      </div>
      ${this._reporting === post.id ? this.#renderReportForm(post, ref) : nothing}`;
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
              ${markup ? markup.renderMarkup(this._draft) : this.renderLoading()}
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

  /**
   * A field's error: the API's message is English (and names its limits), the lead-in is in the
   * reader's language. Without a field, the form's error, in the reader's language.
   */
  #renderError(field = 'form') {
    const message = this._errors[field];
    return html`<p id="${field}-error" class="field-error" role="alert">
      ${message && field !== 'form' ? html`${this.#t('check')} <span lang="en">${message}</span>` : message}
    </p>`;
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

  /** Runs a member's action; its failure shows beside the field it concerns, or under the form. */
  async #act(action: (client: EkMemberClient) => Promise<void>): Promise<void> {
    const client = this.connection.session?.client;
    if (!client || this.#busy) return;
    this.#busy = true;
    this._errors = {};
    try {
      await action(client);
      // A vote changes the loaded post in place.
      this.requestUpdate();
    } catch (error) {
      const failure = this.report(error);
      const errors: Record<string, string> = {};
      if (failure.code === 'validation_failed') {
        for (const { field, message } of (error as EkProblemError).errors ?? []) {
          const name = field.split('.')[0]!;
          if (FIELDS.includes(name)) errors[name] ??= message;
        }
      }
      if (!Object.keys(errors).length) errors.form = failureText(failure, this.texts);
      this._errors = errors;
      this.focusSoon('[aria-invalid="true"]');
    }
    this.#busy = false;
  }
}
