import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  AcceptAnswerSchema,
  adminOnly,
  AnswerQuestionSchema,
  AnswerSchema,
  AskQuestionSchema,
  EditAnswerSchema,
  EditQuestionSchema,
  jsonContent,
  keyed,
  ListQuestionsQuery,
  memberOnly,
  PageQuery,
  pageOf,
  PostVersionSchema,
  problemResponses,
  QuestionDetailSchema,
  QuestionSchema,
  ReasonSchema,
  RevealedAuthorSchema,
  RevealLogEntrySchema,
  StreamQuery,
  VoteResultSchema,
  VoteSchema,
} from '../contract/index.js';
import type { Env } from '../env.js';
import { boardStream } from '../live/stream.js';
import { requireMember, requireRole } from '../middleware/tenant.js';
import { notFound, Problem } from '../problem.js';
import { qaSettings, type PostRef, type QaViewer } from '../store/questions.js';
import { router } from '../validation.js';
import { cachedRead } from './read-cache.js';

const Id = z.string().min(1).max(64);
const QuestionId = z.object({ id: Id });
const AnswerId = QuestionId.extend({ answerId: Id });
const body = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const tags = ['Questions'];
const { 400: badRequest, 401: unauthorized, 403: forbidden, 404: missing } = problemResponses;

/** The caller as the Q&A store sees them. */
export function qaViewerOf(c: Context<Env>): QaViewer {
  const { tenant, keyKind, member } = c.get('caller');
  return {
    tenant,
    memberId: member?.id ?? null,
    roles: member?.roles ?? [],
    locale: member?.locale ?? null,
    server: keyKind === 'secret',
  };
}

// The board is live: a reload must show what the live stream already showed.
const read = cachedRead({ visitorMaxAge: 0 });

/**
 * Visitors' reads are memoised (read-cache), so what they may not read is refused before the memo:
 * every group's board, and the association's unless it is public.
 */
function refuseVisitor(c: Context<Env>, groupId: string | null, what: 'group' | 'question') {
  const { member, keyKind, tenant } = c.get('caller');
  if (member || keyKind === 'secret') return;
  if (groupId !== null) throw notFound(what);
  if (!qaSettings(tenant).publicRead) {
    if (what === 'question') throw notFound('question');
    throw new Problem(
      401,
      'sign_in_required',
      'Sign in to read the questions',
      'The association’s board is for its members.',
      { headers: { 'www-authenticate': 'Bearer' } },
    );
  }
}

/** A member, or the association's server (which moderates the association-wide board). */
function requireMemberOrServer(c: Context<Env>) {
  if (c.get('caller').keyKind !== 'secret') requireMember(c);
}

/**
 * `/v1/questions`: the association-wide and the groups' Q&A boards. A group's board is for its
 * members and facilitators only; to anyone else its posts answer 404, exactly like posts that do
 * not exist.
 */
export const questions = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List a board’s questions: newest, by votes or unanswered; by tag or full-text search',
      description:
        'Without `group`, the association-wide board: its members, and visitors where the association made it public. With `group`, that group’s board: its members and facilitators.',
      security: keyed,
      request: { query: ListQuestionsQuery },
      responses: {
        200: jsonContent(pageOf(QuestionSchema), 'A page of questions'),
        400: badRequest,
        401: unauthorized,
        403: forbidden,
        404: missing,
      },
    }),
    (c) => {
      const query = c.req.valid('query');
      refuseVisitor(c, query.group ?? null, 'group');
      return read(c, () => c.get('store').questions.list(qaViewerOf(c), query));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Ask a question on the association’s board or a group’s',
      security: memberOnly,
      request: { body: body(AskQuestionSchema) },
      responses: { 201: jsonContent(QuestionDetailSchema, 'The new question'), ...problemResponses },
    }),
    async (c) => {
      const member = requireMember(c);
      const viewer = qaViewerOf(c);
      const id = await c.get('store').questions.ask(viewer, member.id, c.req.valid('json'), c.get('clock')());
      c.header('location', `/v1/questions/${id}`);
      return c.json(await c.get('store').questions.get(viewer, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stream',
      tags,
      summary: 'Live events of a board (server-sent events)',
      description:
        'Events: `ready`, `question.created` and `answer.created` (each with an `id`), `question.updated`, `answer.updated`, `post.removed`; `data` is JSON, the post as any peer sees it. Send `Last-Event-ID` (or `last_event_id`) to receive the posts written since. A comment line keeps the stream alive; it ends after ten minutes and the client reconnects.',
      security: keyed,
      request: { query: StreamQuery },
      responses: {
        200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
        400: badRequest,
        401: unauthorized,
        404: missing,
        429: {
          ...problemResponses[429],
          description: 'Too many live streams open at once (`too_many_streams`); see Retry-After',
        },
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const header = c.req.header('last-event-id');
      if (header !== undefined && !/^\d{1,18}$/.test(header)) {
        throw new Problem(
          400,
          'validation_failed',
          'The Last-Event-ID header is invalid',
          'Last-Event-ID: an event id from this stream',
          {
            errors: [
              { field: 'Last-Event-ID', code: 'invalid_format', message: 'an event id from this stream' },
            ],
          },
        );
      }
      const last = header ?? query.last_event_id;
      const groupId = query.group ?? null;
      const viewer = qaViewerOf(c);
      if (!(await c.get('store').questions.access(viewer, groupId)).read) {
        if (groupId) throw notFound('group');
        throw new Problem(401, 'sign_in_required', 'Sign in to follow the questions', undefined, {
          headers: { 'www-authenticate': 'Bearer' },
        });
      }
      const leave = c
        .get('streams')
        .enter(viewer.memberId && `${viewer.tenant.id}/${viewer.memberId}`, c.get('clientIp'));
      try {
        return boardStream(c, viewer, groupId, last === undefined ? null : Number(last), leave);
      } catch (error) {
        leave();
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reveals',
      tags,
      summary: 'The log of every reveal of an anonymous author (admins)',
      security: adminOnly,
      request: { query: PageQuery },
      responses: {
        200: jsonContent(pageOf(RevealLogEntrySchema), 'Reveals, newest first'),
        400: badRequest,
        401: unauthorized,
        403: forbidden,
      },
    }),
    async (c) => {
      requireRole(c, 'admin');
      return c.json(
        await c.get('store').questions.reveals(c.get('caller').tenant.id, c.req.valid('query')),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One question with its answers',
      security: keyed,
      request: { params: QuestionId },
      responses: {
        200: jsonContent(QuestionDetailSchema, 'The question'),
        400: badRequest,
        401: unauthorized,
        404: missing,
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      // A public board's visitor reads from the memo; whether the post is on it, the store decides.
      refuseVisitor(c, null, 'question');
      return read(c, () => c.get('store').questions.get(qaViewerOf(c), id));
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/answers',
      tags,
      summary: 'More of a question’s answers, oldest first, after those its page showed',
      security: keyed,
      request: { params: QuestionId, query: PageQuery },
      responses: {
        200: jsonContent(pageOf(AnswerSchema), 'A page of answers'),
        400: badRequest,
        401: unauthorized,
        404: missing,
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      refuseVisitor(c, null, 'question');
      return read(c, () => c.get('store').questions.answers(qaViewerOf(c), id, c.req.valid('query')));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/answers',
      tags,
      summary: 'Answer a question',
      security: memberOnly,
      request: { params: QuestionId, body: body(AnswerQuestionSchema) },
      responses: { 201: jsonContent(AnswerSchema, 'The new answer'), ...problemResponses },
    }),
    async (c) => {
      const member = requireMember(c);
      const { id } = c.req.valid('param');
      const answer = await c
        .get('store')
        .questions.answer(qaViewerOf(c), member.id, id, c.req.valid('json'), c.get('clock')());
      c.header('location', `/v1/questions/${id}/answers/${answer.id}`);
      return c.json(answer, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/accepted',
      tags,
      summary: 'Mark the accepted answer, or none (the asker, or the board’s moderators)',
      security: memberOnly,
      request: { params: QuestionId, body: body(AcceptAnswerSchema) },
      responses: {
        200: jsonContent(QuestionDetailSchema, 'The question after the change'),
        ...problemResponses,
      },
    }),
    async (c) => {
      requireMemberOrServer(c);
      const { id } = c.req.valid('param');
      return c.json(
        await c.get('store').questions.accept(qaViewerOf(c), id, c.req.valid('json').answer_id),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Edit my question (the earlier version goes to its history)',
      security: memberOnly,
      request: { params: QuestionId, body: body(EditQuestionSchema) },
      responses: { 200: jsonContent(QuestionSchema, 'The question after the edit'), ...problemResponses },
    }),
    async (c) => {
      requireMember(c);
      const { id } = c.req.valid('param');
      return c.json(
        await c.get('store').questions.editQuestion(qaViewerOf(c), id, c.req.valid('json'), c.get('clock')()),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/answers/{answerId}',
      tags,
      summary: 'Edit my answer (the earlier version goes to its history)',
      security: memberOnly,
      request: { params: AnswerId, body: body(EditAnswerSchema) },
      responses: { 200: jsonContent(AnswerSchema, 'The answer after the edit'), ...problemResponses },
    }),
    async (c) => {
      requireMember(c);
      const { id, answerId } = c.req.valid('param');
      return c.json(
        await c
          .get('store')
          .questions.editAnswer(
            qaViewerOf(c),
            { question: id, answer: answerId },
            c.req.valid('json'),
            c.get('clock')(),
          ),
        200,
      );
    },
  );

/**
 * What can be done to any post, a question (`/{id}…`) or an answer (`/{id}/answers/{answerId}…`):
 * delete, vote, report, hide, restore, history, reveal. Registered for both from one description.
 */
for (const kind of ['question', 'answer'] as const) {
  const at = kind === 'question' ? '/{id}' : '/{id}/answers/{answerId}';
  const params = kind === 'question' ? QuestionId : AnswerId;
  const refOf = (c: Context<Env>): PostRef => {
    const p = c.req.param() as { id: string; answerId?: string };
    return kind === 'question' ? { question: p.id } : { question: p.id, answer: p.answerId! };
  };
  const Post = kind === 'question' ? QuestionSchema : AnswerSchema;
  const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
    createRoute({ ...r, tags, security: memberOnly, request: { params, ...r.request } });

  questions
    .openapi(
      route({
        method: 'delete',
        path: at,
        summary: `Delete a ${kind} (its author, or the board’s moderators)`,
        responses: { 204: { description: 'Deleted' }, 401: unauthorized, 403: forbidden, 404: missing },
      }),
      async (c) => {
        requireMemberOrServer(c);
        await c.get('store').questions.remove(qaViewerOf(c), refOf(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      route({
        method: 'put',
        path: `${at}/vote`,
        summary: `Vote on a ${kind}: one vote per member, changed by voting again`,
        request: { body: body(VoteSchema) },
        responses: { 200: jsonContent(VoteResultSchema, 'The score after the vote'), ...problemResponses },
      }),
      async (c) => {
        const member = requireMember(c);
        const { value } = (c.req.valid as (target: 'json') => { value: 1 | -1 })('json');
        return c.json(
          await c.get('store').questions.vote(qaViewerOf(c), member.id, refOf(c), value, c.get('clock')()),
          200,
        );
      },
    )
    .openapi(
      route({
        method: 'delete',
        path: `${at}/vote`,
        summary: `Withdraw my vote on a ${kind}`,
        responses: {
          200: jsonContent(VoteResultSchema, 'The score without my vote'),
          401: unauthorized,
          404: missing,
        },
      }),
      async (c) => {
        const member = requireMember(c);
        return c.json(
          await c.get('store').questions.vote(qaViewerOf(c), member.id, refOf(c), null, c.get('clock')()),
          200,
        );
      },
    )
    .openapi(
      route({
        method: 'post',
        path: `${at}/report`,
        summary: `Report a ${kind} to the moderators; enough reports hide it until they review it`,
        request: { body: body(ReasonSchema) },
        responses: { 204: { description: 'Reported (once per member)' }, ...problemResponses },
      }),
      async (c) => {
        const member = requireMember(c);
        const { reason } = (c.req.valid as (target: 'json') => { reason: string })('json');
        await c.get('store').questions.report(qaViewerOf(c), member.id, refOf(c), reason, c.get('clock')());
        return c.body(null, 204);
      },
    )
    .openapi(
      route({
        method: 'post',
        path: `${at}/hide`,
        summary: `Hide a ${kind} (the board’s moderators)`,
        responses: {
          200: jsonContent(Post, 'The hidden post'),
          401: unauthorized,
          403: forbidden,
          404: missing,
        },
      }),
      async (c) => {
        requireMemberOrServer(c);
        return c.json(await c.get('store').questions.hide(qaViewerOf(c), refOf(c)), 200);
      },
    )
    .openapi(
      route({
        method: 'post',
        path: `${at}/restore`,
        summary: `Show a hidden ${kind} again; its open reports count as reviewed (the board’s moderators)`,
        responses: {
          200: jsonContent(Post, 'The restored post'),
          401: unauthorized,
          403: forbidden,
          404: missing,
        },
      }),
      async (c) => {
        requireMemberOrServer(c);
        return c.json(await c.get('store').questions.restore(qaViewerOf(c), refOf(c)), 200);
      },
    )
    .openapi(
      route({
        method: 'get',
        path: `${at}/history`,
        summary: `Every version of a ${kind}, oldest first (its author and the board’s moderators)`,
        responses: {
          200: jsonContent(z.object({ items: z.array(PostVersionSchema) }), 'Versions'),
          401: unauthorized,
          403: forbidden,
          404: missing,
        },
      }),
      async (c) => {
        requireMemberOrServer(c);
        return c.json({ items: await c.get('store').questions.history(qaViewerOf(c), refOf(c)) }, 200);
      },
    )
    .openapi(
      route({
        method: 'post',
        path: `${at}/reveal`,
        summary: `Reveal the author of an anonymous ${kind} (the board’s moderators); every reveal is logged`,
        request: { body: body(ReasonSchema) },
        responses: { 200: jsonContent(RevealedAuthorSchema, 'The author'), ...problemResponses },
      }),
      async (c) => {
        const member = requireMember(c);
        const { reason } = (c.req.valid as (target: 'json') => { reason: string })('json');
        return c.json(
          await c.get('store').questions.reveal(qaViewerOf(c), member.id, refOf(c), reason, c.get('clock')()),
          200,
        );
      },
    );
}
