import type {
  Answer,
  EkMemberClient,
  EkProblemError,
  Page,
  PostRef,
  QaSort,
  Question,
  QuestionDetail,
} from '@ekollega/sdk';
import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { EkElement } from '../kit/element.js';
import { failureText } from '../kit/errors.js';
import { emit } from '../kit/events.js';
import type { MessageKey } from '../kit/i18n/index.js';
import { EkLoad, type EkConnection } from '../kit/load.js';
import { renderMarkup } from './markup.js';
import { qaBoardStyles } from './qa-board.styles.js';

/** The board's message keys without their `qa.` prefix. */
type Key = MessageKey extends infer K ? (K extends `qa.${infer Rest}` ? Rest : never) : never;

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

  static override properties: PropertyDeclarations = { group: {}, tag: {} };

  /** Shows this group's board instead of the association's; only the group's members and facilitators can read it. */
  group?: string;

  /** Lists only questions with this tag; members change it by pressing a tag, and clear it. */
  tag?: string;

  readonly #list = new EkLoad<Page<Question>>(this, {
    task: async (_args, { client, signal }) => {
      const [page, member] = await Promise.all([
        client.questions.list({ ...this.#query(), limit: 20 }, { signal }),
        client.isSignedIn(),
      ]);
      this.#member = member;
      // Others' new posts, live; once per connection and board (a new board unfollows the old one first).
      if (this.#following !== this.connection) {
        this.#unfollow();
        this.#following = this.connection;
        client.questions
          .subscribe(
            { group: this.group },
            (event) => {
              if (event.type === 'post.removed') this.#fresh.delete(event.data.id);
              else if (
                (event.type === 'question.created' || event.type === 'answer.created') &&
                !this.#mine.has(event.data.id)
              )
                this.#fresh.set(event.data.id, event.data);
              this.requestUpdate();
            },
            { signal: (this.#live = new AbortController()).signal },
          )
          // A board the member may no longer read says so on the next load; the notice just stops.
          .catch(() => undefined);
      }
      return page;
    },
  });
  readonly #detail = new EkLoad<QuestionDetail | null>(this, {
    task: (_args, { client, signal }) =>
      this.#open ? client.questions.get(this.#open, { signal }) : Promise.resolve(null),
  });

  // The order of the fields only decides the short names the minifier gives them; this one gzips
  // best beside the other widgets' code.
  /** The question shown in place of the list. */
  #open?: string | null;
  /** The live subscription and the connection it uses (a new board unfollows the old one first). */
  #live?: AbortController;
  #following?: EkConnection;
  /** Posts others wrote since the board loaded, as the live events gave them, by id. */
  readonly #fresh = new Map<string, Question | Answer>();
  #asking?: boolean;
  #member?: boolean;
  /** Field errors by field (`form` for the rest). */
  #errors: Record<string, string> = {};
  /** The post whose report form is open. */
  #reporting?: string | null;
  #busy?: boolean;
  #q = '';
  /** The posts this member reported. */
  readonly #reported = new Set<string>();
  #sort: QaSort = 'newest';
  /** The text being written, for the preview. */
  #draft = '';
  /** Posts this member wrote here, which are not news to them. */
  readonly #mine = new Set<string>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated || !(changed.has('group') || changed.has('tag'))) return;
    if (changed.has('group')) this.#unfollow();
    this.#open = null;
    this.#asking = false;
    this.#list.run();
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.texts.t(`qa.${key}`, values);
  }

  #query() {
    // The SDK leaves empty values out of the query.
    return { group: this.group, tag: this.tag, q: this.#q, sort: this.#sort };
  }

  /** An event listener too, like the actions' methods: Lit calls listeners with the element as `this`. */
  #signIn(): void {
    emit(this, 'ek-auth-required', { reason: 'sign_in_required' });
  }

  #unfollow(): void {
    this.#live?.abort();
    this.#following = undefined;
    this.#fresh.clear();
  }

  /**
   * Puts others' new posts in the view, as the live events gave them: new questions on top, new
   * answers last. No reload: nothing else moves, and a visitor's cached list cannot hide them.
   */
  #showNews(shown: (Question | Answer)[], news: (Question | Answer)[]): void {
    news.forEach((post) => this.#fresh.delete(post.id));
    if (this.#open) shown.push(...news);
    else shown.unshift(...news.reverse());
    this.focusSoon(this.#open ? '#answers' : '[part~="question"] button');
  }

  // ——— Views ———

  protected override render() {
    // What the view shows (the list's questions, or the open question's answers), and others' new
    // posts for it: questions of the list's tag, or answers to the open question. A question has no
    // `question_id`, and `==` lets it match while no question is open (`#open` undefined or null).
    const { state } = this.#open ? this.#detail : this.#list;
    const shown =
      !this.#asking && state.status === 'ready' && state.value
        ? 'answers' in state.value
          ? state.value.answers
          : state.value.items
        : null;
    const tag = this.tag?.toLowerCase();
    const news = [...this.#fresh.values()].filter(
      (post) =>
        shown &&
        !shown.some(({ id }) => id === post.id) &&
        (post as Partial<Answer>).question_id == this.#open &&
        (!tag || !('tags' in post) || post.tags.includes(tag)),
    );
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
      ${this.#asking ? this.#renderForm() : this.#open ? this.#renderDetail() : this.#renderList()}
    </div>`;
  }

  #renderList() {
    const { status } = this.#list.state;
    return html`${
      status === 'ready' || status === 'loading'
        ? html`<div class="bar">
              <form part="search" role="search" @submit=${this.#search}>
                <label>${this.#t('search')}<input type="search" name="q" .value=${this.#q} /></label>
              </form>
              <label
                >${this.#t('sort')}<select
                  @change=${(event: Event) => ((this.#sort = (event.target as HTMLSelectElement).value as QaSort), this.#list.run())}
                >
                  ${SORTS.map((sort) => html`<option value=${sort} ?selected=${this.#sort === sort}>${this.#t(sort)}</option>`)}
                </select></label
              >
              <button part="ask" type="button" @click=${this.#ask}>${this.#t('ask')}</button>
            </div>
            ${this.#q || this.tag ? html`<button part="clear" class="secondary" type="button" @click=${this.#clear}>${this.#t('clear')}</button>` : nothing}`
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
            ${this.renderMore(page, this.#t('more'), (client, cursor) => client.questions.list({ ...this.#query(), limit: 20, cursor }))}
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
                  @click=${() => ((this.tag = tag), this.focusSoon('[part~="clear"]'))}
                >
                  ${tag}
                </button>
              </li>`,
          )}
        </ul>`
      : nothing;
  }

  #renderDetail() {
    return html`<button part="back" class="secondary" type="button" @click=${this.#back}>
        ${this.#t('back')}
      </button>
      ${this.renderLoad(
        this.#detail,
        (question) =>
          question &&
          html`<article part="question">
              <h3 id="question" tabindex="-1" lang=${question.language}>${question.title}</h3>
              ${this.#renderPost(question, question.id, question)} ${this.#renderTags(question.tags)}
            </article>
            <h4 id="answers" tabindex="-1">${this.texts.plural('qa.answers', question.answers.length)}</h4>
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
            ${this.#member ? this.#renderForm(question) : html`<button part="ask" type="button" @click=${this.#signIn}>${this.#t('reply')}</button>`}`,
      )}`;
  }

  /** A post's author, text and what the reader can do with it. */
  #renderPost(post: Question | Answer, ref: PostRef, question: QuestionDetail) {
    const answer = 'accepted' in post ? post : null;
    return html`<p class="meta">${this.#byline(post)}</p>
      <div class="text" lang=${post.language}>${renderMarkup(post.body)}</div>
      <div class="actions">
        ${
          post.mine
            ? nothing
            : html`<button
                  part="vote"
                  class="secondary"
                  type="button"
                  aria-pressed=${post.my_vote === 1}
                  aria-label=${this.#t('up')}
                  @click=${() => this.#vote(question, post, ref, 1)}
                >
                  ▲</button
                >${
                  this.connection.session?.qa?.downvotes
                    ? html`<button
                        part="vote"
                        class="secondary"
                        type="button"
                        aria-pressed=${post.my_vote === -1}
                        aria-label=${this.#t('down')}
                        @click=${() => this.#vote(question, post, ref, -1)}
                      >
                        ▼
                      </button>`
                    : nothing
                }`
        }
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
        ${
          !this.#member || post.mine
            ? nothing
            : this.#reported.has(post.id)
              ? html`<span id="reported-${post.id}" tabindex="-1">${this.#t('reported')}</span>`
              : html`<button
                  id="report-${post.id}"
                  part="report"
                  class="secondary"
                  type="button"
                  @click=${() => ((this.#reporting = post.id), (this.#errors = {}), this.focusSoon('#reason'))}
                >
                  ${this.#t('report')}
                </button>`
        }
      </div>
      ${
        this.#reporting === post.id
          ? html`<form
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
                <button
                  class="secondary"
                  type="button"
                  @click=${() => ((this.#reporting = null), this.focusSoon(`#report-${post.id}`))}
                >
                  ${this.#t('cancel')}
                </button>
              </div>
              ${this.#renderError()}
            </form>`
          : nothing
      }`;
  }

  /** The ask form, or with `question` the answer form. */
  #renderForm(question?: QuestionDetail) {
    const field = (name: 'title' | 'tags') =>
      html`<label for=${name}>${this.#t(name)}</label>
        <input
          id=${name}
          name=${name}
          autocomplete="off"
          aria-invalid=${this.#invalid(name)}
          aria-describedby="${name}-error"
        />
        ${this.#renderError(name)}`;
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-label=${this.#t(question ? 'reply' : 'ask')}
      @submit=${(event: SubmitEvent) => this.#submit(event, question)}
    >
      ${question ? nothing : field('title')}
      <label for="body">${this.#t(question ? 'answer' : 'body')}</label>
      <textarea
        id="body"
        name="body"
        rows="5"
        aria-invalid=${this.#invalid('body')}
        aria-describedby="body-hint body-error"
        @input=${(event: Event) => ((this.#draft = (event.target as HTMLTextAreaElement).value), this.requestUpdate())}
      ></textarea>
      <p id="body-hint" class="meta">${this.#t('hint')}</p>
      ${this.#renderError('body')} ${question ? nothing : field('tags')}
      <label class="check"><input type="checkbox" name="anonymous" />${this.#t('anonymous-post')}</label>
      ${
        this.#draft.trim()
          ? html`<section part="preview" class="text" aria-labelledby="preview">
              <h4 id="preview">${this.#t('preview')}</h4>
              ${renderMarkup(this.#draft)}
            </section>`
          : nothing
      }
      <div class="actions">
        <button type="submit">${this.#t(question ? 'reply' : 'post')}</button>
        ${
          question
            ? nothing
            : html`<button
                class="secondary"
                type="button"
                @click=${() => ((this.#asking = false), this.focusSoon('[part~="ask"]'))}
              >
                ${this.#t('cancel')}
              </button>`
        }
      </div>
      ${question && this.#reporting ? nothing : this.#renderError()}
    </form>`;
  }

  #invalid(field: string): 'true' | 'false' {
    return this.#errors[field] ? 'true' : 'false';
  }

  /**
   * A field's error: the API's message is English (and names its limits), the lead-in is in the
   * reader's language. Without a field, the form's error, in the reader's language.
   */
  #renderError(field = 'form') {
    const message = this.#errors[field];
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
    this.#q = this.#fields(event).q!.trim();
    this.#list.run();
  }

  #clear(): void {
    this.#q = '';
    this.focusSoon('input');
    if (this.tag) this.tag = undefined;
    else this.#list.run();
  }

  #ask(): void {
    if (!this.#member) return this.#signIn();
    this.#asking = true;
    this.#draft = '';
    this.#errors = {};
    this.focusSoon('#title');
  }

  #openQuestion(id: string): void {
    this.#open = id;
    this.#reporting = null;
    this.#draft = '';
    this.#errors = {};
    this.focusSoon('#question');
    this.#detail.run();
  }

  #back(): void {
    const list = this.#list.state;
    const detail = this.#detail.state;
    // What changed in the question (votes, answers, the accepted one) shows in the list too; a new
    // question the list does not hold yet updates nothing.
    if (list.status === 'ready' && detail.status === 'ready' && detail.value) {
      Object.assign(list.value.items.find((question) => question.id === this.#open) ?? {}, detail.value, {
        answer_count: detail.value.answers.length,
      });
    }
    this.focusSoon(`[data-id="${this.#open}"] button`);
    this.#open = null;
    this.#errors = {};
  }

  /**
   * Votes a post up or down, or withdraws the vote by pressing the same button again. The down
   * button shows only where the association allows downvotes (`/v1/config` `qa.downvotes`).
   */
  #vote(
    question: QuestionDetail,
    post: Question | Answer,
    ref: PostRef,
    value: 1 | -1,
  ): Promise<void> | void {
    if (!this.#member) return this.#signIn();
    return this.#act(async (client) => {
      // The result is the post's new `score` and `my_vote`.
      const result = Object.assign(
        post,
        post.my_vote === value ? await client.questions.unvote(ref) : await client.questions.vote(ref, value),
      );
      emit(this, 'ek-vote', {
        questionId: question.id,
        answerId: post === question ? null : post.id,
        value: result.my_vote,
        score: result.score,
      });
    });
  }

  #submit(event: SubmitEvent, question?: QuestionDetail): Promise<void> {
    // The event's target is gone once its dispatch ends (the form is in a shadow root).
    const form = event.target as HTMLFormElement;
    // The ask form has all four fields, the answer form `body` and `anonymous` (a checkbox: present when checked).
    const { title, body, tags, anonymous } = this.#fields(event);
    const post = { body: body!, anonymous: !!anonymous };
    return this.#act(async (client) => {
      if (question) {
        const answer = await client.questions.answer(question.id, post);
        this.#mine.add(answer.id);
        emit(this, 'ek-answer', { questionId: question.id, answerId: answer.id });
        this.#show(await client.questions.get(question.id));
        this.focusSoon(`[data-id="${answer.id}"]`);
      } else {
        const asked = await client.questions.ask({
          group_id: this.group || null,
          title: title!,
          ...post,
          tags: tags!
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        });
        this.#mine.add(asked.id);
        emit(this, 'ek-ask', { questionId: asked.id });
        this.#asking = false;
        this.#open = asked.id;
        this.#reporting = null;
        this.#show(asked);
        this.focusSoon('#question');
        this.#list.run();
      }
      form.reset();
      this.#draft = '';
    });
  }

  /** Shows `question` as the API gave it after an action, unless the reader has moved on to another one meanwhile. */
  #show(question: QuestionDetail): void {
    if (this.#open === question.id) this.#detail.state = { status: 'ready', value: question };
  }

  #report(event: SubmitEvent, post: Question | Answer, ref: PostRef): Promise<void> {
    const { reason } = this.#fields(event);
    return this.#act(async (client) => {
      await client.questions.report(ref, reason!);
      this.#reported.add(post.id);
      this.#reporting = null;
      this.focusSoon(`#reported-${post.id}`);
    });
  }

  #accept(question: QuestionDetail, answer: Answer): Promise<void> {
    return this.#act(async (client) => {
      const fresh = await client.questions.accept(question.id, answer.accepted ? null : answer.id);
      this.#show(fresh);
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
    this.#errors = {};
    try {
      await action(client);
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
      this.#errors = errors;
      this.focusSoon('[aria-invalid="true"]');
    }
    this.#busy = false;
    this.requestUpdate();
  }
}
