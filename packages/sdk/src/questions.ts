import type {
  Answer,
  AnswerQuestion,
  AskQuestion,
  EditAnswer,
  EditQuestion,
  ListQuestionsQuery,
  QaEvent,
  Question,
  VoteValue,
} from './types.js';
import { followStream, type SubscribeOptions } from './live.js';
import type { RequestOptions, Transport } from './transport.js';

export type { SubscribeOptions } from './live.js';

/** A post: a question by its id, or one of its answers. */
export type PostRef = string | { question: string; answer: string };
/** What a route about `R` answers with: a question for a question's id, else an answer. */
export type PostOf<R extends PostRef> = R extends string ? Question : Answer;

/** Path parameters of an answer's routes. */
export const answerParams = (ref: { question: string; answer: string }) => ({
  id: ref.question,
  answerId: ref.answer,
});

/**
 * The Q&A boards: the association's (no `group`) and each group's, for its members and
 * facilitators. Post text is source in the board's small markup, never HTML: render it as text.
 *
 * @example
 * const page = await client.questions.list({ group, sort: 'unanswered' });
 * const stop = new AbortController();
 * client.questions.subscribe({ group }, (event) => { if (event.type === 'question.created') show(event.data); }, { signal: stop.signal });
 */
export function questionsApi(transport: Transport) {
  return {
    /** One page of a board's questions; pass `next_cursor` back as `cursor` for the next. */
    list: (filters: ListQuestionsQuery = {}, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/questions', { ...o, query: filters }),
    /** A question with its first answers (the accepted one first); `answers_next_cursor` leads to more. */
    get: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/questions/{id}', { ...o, params: { id } }),
    /** More of a question's answers, oldest first: pass `answers_next_cursor`, then each `next_cursor`. */
    answers: (questionId: string, page: { cursor?: string; limit?: number } = {}, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/questions/{id}/answers', {
        ...o,
        params: { id: questionId },
        query: page,
      }),
    ask: (question: AskQuestion, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/questions', { ...o, body: question }),
    answer: (questionId: string, answer: AnswerQuestion, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/questions/{id}/answers', {
        ...o,
        params: { id: questionId },
        body: answer,
      }),
    /** One vote per member per post; voting again replaces it. -1 only where the association allows downvotes. */
    vote: (post: PostRef, value: VoteValue = 1, o: RequestOptions = {}) =>
      typeof post === 'string'
        ? transport.request('PUT', '/v1/questions/{id}/vote', { ...o, params: { id: post }, body: { value } })
        : transport.request('PUT', '/v1/questions/{id}/answers/{answerId}/vote', {
            ...o,
            params: answerParams(post),
            body: { value },
          }),
    unvote: (post: PostRef, o: RequestOptions = {}) =>
      typeof post === 'string'
        ? transport.request('DELETE', '/v1/questions/{id}/vote', { ...o, params: { id: post } })
        : transport.request('DELETE', '/v1/questions/{id}/answers/{answerId}/vote', {
            ...o,
            params: answerParams(post),
          }),
    /** Marks the accepted answer (`null` unmarks); the asker or the board's moderators. */
    accept: (questionId: string, answerId: string | null, o: RequestOptions = {}) =>
      transport.request('PUT', '/v1/questions/{id}/accepted', {
        ...o,
        params: { id: questionId },
        body: { answer_id: answerId },
      }),
    /** Reports a post once; enough reports hide it until a moderator reviews it. */
    report: (post: PostRef, reason: string, o: RequestOptions = {}) =>
      typeof post === 'string'
        ? transport.request('POST', '/v1/questions/{id}/report', {
            ...o,
            params: { id: post },
            body: { reason },
          })
        : transport.request('POST', '/v1/questions/{id}/answers/{answerId}/report', {
            ...o,
            params: answerParams(post),
            body: { reason },
          }),
    /** Deletes a post (its author, or the board's moderators); a question takes its answers along. */
    remove: (post: PostRef, o: RequestOptions = {}) =>
      typeof post === 'string'
        ? transport.request('DELETE', '/v1/questions/{id}', { ...o, params: { id: post } })
        : transport.request('DELETE', '/v1/questions/{id}/answers/{answerId}', {
            ...o,
            params: answerParams(post),
          }),
    /** Every version of a post, oldest first (its author and the board's moderators). */
    history: (post: PostRef, o: RequestOptions = {}) =>
      (typeof post === 'string'
        ? transport.request('GET', '/v1/questions/{id}/history', { ...o, params: { id: post } })
        : transport.request('GET', '/v1/questions/{id}/answers/{answerId}/history', {
            ...o,
            params: answerParams(post),
          })
      ).then((r) => r.items),
    /** Edits my own post; the earlier version goes to its history. */
    edit: <R extends PostRef>(
      post: R,
      changes: R extends string ? EditQuestion : EditAnswer,
      o: RequestOptions = {},
    ) =>
      // Which of the two the API answers follows from the ref; TypeScript cannot narrow `R` by it.
      (typeof post === 'string'
        ? transport.request('PATCH', '/v1/questions/{id}', {
            ...o,
            params: { id: post },
            body: changes as EditQuestion,
          })
        : transport.request('PATCH', '/v1/questions/{id}/answers/{answerId}', {
            ...o,
            params: answerParams(post),
            body: changes as EditAnswer,
          })) as Promise<PostOf<R>>,
    /**
     * Calls `onEvent` with a board's live events (`question.created`, `answer.created`,
     * `question.updated`, `answer.updated`, `post.removed`, and `ready` each time the stream
     * opens) until `options.signal` aborts; see {@link followStream} for reconnection.
     */
    subscribe: (
      filter: { group?: string },
      onEvent: (event: QaEvent) => void,
      options: SubscribeOptions = {},
    ) => followStream(transport, '/v1/questions/stream', { group: filter.group }, onEvent, options),
  };
}
