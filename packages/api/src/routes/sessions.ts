import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { toICalendar } from '../calendar/ics.js';
import {
  AttendanceSchema,
  AttendeeSchema,
  CalendarFeedSchema,
  CancelSessionSchema,
  CreateSeriesSchema,
  CreateSessionSchema,
  CreateTopicSchema,
  idString,
  jsonContent,
  keyed,
  ListSessionsQuery,
  memberOnly,
  MyRsvpSchema,
  pageOf,
  problemResponses,
  RsvpSchema,
  SessionSchema,
  TopicSchema,
  UpdateSessionSchema,
} from '../contract/index.js';
import type { Env } from '../env.js';
import { requireMember } from '../middleware/tenant.js';
import { notFound } from '../problem.js';
import type { Viewer } from '../store/sessions.js';
import { router } from '../validation.js';
import { cachedRead } from './read-cache.js';

const SessionId = z.object({ id: idString() });
const GroupId = z.object({ id: idString() });
const TopicId = GroupId.extend({ topicId: idString() });
const ics = (description: string) => ({ description, content: { 'text/calendar': { schema: z.string() } } });
const tags = ['Sessions'];

/** What the caller may see and manage, for the session store. */
export function viewerOf(c: Context<Env>): Viewer {
  const { tenant, keyKind, member } = c.get('caller');
  const admin = keyKind === 'secret' || Boolean(member?.roles.includes('admin'));
  return {
    tenantId: tenant.id,
    memberId: member?.id ?? null,
    admin,
    organiser: admin || Boolean(member?.roles.includes('facilitator')),
  };
}

const TOPIC_VOTES_PER_MEMBER = 3;

const read = cachedRead();

/** `/v1/sessions`: group meetings and open events, RSVP, attendance and one session as iCalendar. */
export const sessions = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Upcoming sessions I may see (filters: group, from, to, scope)',
      security: keyed,
      request: { query: ListSessionsQuery },
      responses: {
        200: jsonContent(pageOf(SessionSchema), 'A page of sessions in start order'),
        400: problemResponses[400],
        401: problemResponses[401],
      },
    }),
    (c) => {
      const query = c.req.valid('query');
      return read(c, () => c.get('store').sessions.list(viewerOf(c), query, c.get('clock')()));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Schedule one session: a group meeting (group_id) or an association event',
      description:
        'start is local wall time in time_zone (no offset). Group meetings: the group’s facilitators; events: facilitators and admins.',
      security: memberOnly,
      request: { body: { required: true, content: { 'application/json': { schema: CreateSessionSchema } } } },
      responses: { 201: jsonContent(SessionSchema, 'The new session'), ...problemResponses },
    }),
    async (c) => {
      const viewer = viewerOf(c);
      const id = await c.get('store').sessions.create(viewer, c.req.valid('json'), c.get('clock')());
      c.header('location', `/v1/sessions/${id}`);
      return c.json(await c.get('store').sessions.get(viewer, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One session; the meeting link only for those entitled',
      security: keyed,
      request: { params: SessionId },
      responses: {
        200: jsonContent(SessionSchema, 'The session'),
        401: problemResponses[401],
        404: problemResponses[404],
      },
    }),
    async (c) => c.json(await c.get('store').sessions.get(viewerOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Edit or move a session, or it and the following ones of its series',
      security: memberOnly,
      request: {
        params: SessionId,
        body: { required: true, content: { 'application/json': { schema: UpdateSessionSchema } } },
      },
      responses: { 200: jsonContent(SessionSchema, 'The session after the change'), ...problemResponses },
    }),
    async (c) => {
      const viewer = viewerOf(c);
      const { id } = c.req.valid('param');
      await c.get('store').sessions.update(viewer, id, c.req.valid('json'), c.get('clock')());
      return c.json(await c.get('store').sessions.get(viewer, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cancel',
      tags,
      summary: 'Cancel a session, or it and the following ones of its series',
      security: memberOnly,
      request: {
        params: SessionId,
        body: { required: false, content: { 'application/json': { schema: CancelSessionSchema } } },
      },
      responses: { 200: jsonContent(SessionSchema, 'The cancelled session'), ...problemResponses },
    }),
    async (c) => {
      const viewer = viewerOf(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json') as { apply_to?: 'this' | 'following' } | undefined;
      await c.get('store').sessions.cancel(viewer, id, body?.apply_to ?? 'this', c.get('clock')());
      return c.json(await c.get('store').sessions.get(viewer, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/rsvp',
      tags,
      summary: 'Answer yes, no or maybe (idempotent); a yes to a full event waits in line',
      security: memberOnly,
      request: {
        params: SessionId,
        body: { required: true, content: { 'application/json': { schema: RsvpSchema } } },
      },
      responses: { 200: jsonContent(MyRsvpSchema, 'My answer'), ...problemResponses },
    }),
    async (c) => {
      const member = requireMember(c);
      return c.json(
        await c
          .get('store')
          .sessions.rsvp(
            viewerOf(c),
            member,
            c.req.valid('param').id,
            c.req.valid('json').answer,
            c.get('clock')(),
          ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/rsvps',
      tags,
      summary: 'Who is coming, and who came (facilitators)',
      security: memberOnly,
      request: { params: SessionId },
      responses: {
        200: jsonContent(z.object({ items: z.array(AttendeeSchema) }), 'Answers and attendance'),
        401: problemResponses[401],
        403: problemResponses[403],
        404: problemResponses[404],
      },
    }),
    async (c) =>
      c.json({ items: await c.get('store').sessions.attendees(viewerOf(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/attendance',
      tags,
      summary: 'Mark who attended, once the session has started (facilitators)',
      security: memberOnly,
      request: {
        params: SessionId,
        body: { required: true, content: { 'application/json': { schema: AttendanceSchema } } },
      },
      responses: { 204: { description: 'Marked' }, ...problemResponses },
    }),
    async (c) => {
      const { attended, absent } = c.req.valid('json');
      await c
        .get('store')
        .sessions.markAttendance(viewerOf(c), c.req.valid('param').id, attended, absent, c.get('clock')());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/calendar.ics',
      tags,
      summary: 'One session as an iCalendar file (add to calendar)',
      security: keyed,
      request: { params: SessionId },
      responses: {
        200: ics('RFC 5545 calendar with one event'),
        401: problemResponses[401],
        404: problemResponses[404],
      },
    }),
    async (c) => {
      const session = await c.get('store').sessions.get(viewerOf(c), c.req.valid('param').id);
      return c.body(toICalendar([session], { name: session.title, includeLinks: true }), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${session.id}.ics"`,
        'cache-control': 'private, no-store',
      });
    },
  );

/** `/v1/groups/{id}/series` and the group's topics. */
export const groupSessions = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/series',
      tags,
      summary: 'Schedule a series: every N weeks, count times, at the same local time across DST',
      security: memberOnly,
      request: {
        params: GroupId,
        body: { required: true, content: { 'application/json': { schema: CreateSeriesSchema } } },
      },
      responses: {
        201: jsonContent(
          z.object({ series_id: z.string(), items: z.array(SessionSchema) }),
          'The occurrences',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const viewer = viewerOf(c);
      const { series_id, ids } = await c
        .get('store')
        .sessions.createSeries(viewer, c.req.valid('param').id, c.req.valid('json'), c.get('clock')());
      const items = await Promise.all(ids.map((id) => c.get('store').sessions.get(viewer, id)));
      return c.json({ series_id, items }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/topics',
      tags,
      summary: 'Topics the group’s members suggested, most votes first',
      security: memberOnly,
      request: { params: GroupId },
      responses: {
        200: jsonContent(
          z.object({ items: z.array(TopicSchema), votes_per_member: z.number().int() }),
          'Topics',
        ),
        401: problemResponses[401],
        403: problemResponses[403],
        404: problemResponses[404],
      },
    }),
    async (c) => {
      const viewer = viewerOf(c);
      const { id } = c.req.valid('param');
      await c.get('store').sessions.topics.assertInGroup(viewer, id);
      return c.json(
        {
          items: await c.get('store').sessions.topics.list(viewer, id),
          votes_per_member: TOPIC_VOTES_PER_MEMBER,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/topics',
      tags,
      summary: 'Suggest a topic for the group’s meetings or an expert talk',
      security: memberOnly,
      request: {
        params: GroupId,
        body: { required: true, content: { 'application/json': { schema: CreateTopicSchema } } },
      },
      responses: { 201: jsonContent(TopicSchema, 'The topic'), ...problemResponses },
    }),
    async (c) => {
      requireMember(c);
      const viewer = viewerOf(c);
      const { id } = c.req.valid('param');
      await c.get('store').sessions.topics.assertInGroup(viewer, id);
      const topicId = await c
        .get('store')
        .sessions.topics.create(viewer, id, c.req.valid('json'), c.get('clock')());
      const topic = (await c.get('store').sessions.topics.list(viewer, id)).find((t) => t.id === topicId)!;
      return c.json(topic, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/topics/{topicId}/vote',
      tags,
      summary: 'Vote for a topic (a few votes per member per group)',
      security: memberOnly,
      request: { params: TopicId },
      responses: { 204: { description: 'Voted' }, ...problemResponses },
    }),
    async (c) => {
      requireMember(c);
      const viewer = viewerOf(c);
      const { id, topicId } = c.req.valid('param');
      await c.get('store').sessions.topics.assertInGroup(viewer, id);
      await c.get('store').sessions.topics.vote(viewer, id, topicId, true, TOPIC_VOTES_PER_MEMBER);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/topics/{topicId}/vote',
      tags,
      summary: 'Withdraw my vote',
      security: memberOnly,
      request: { params: TopicId },
      responses: {
        204: { description: 'Withdrawn' },
        401: problemResponses[401],
        404: problemResponses[404],
      },
    }),
    async (c) => {
      requireMember(c);
      const viewer = viewerOf(c);
      const { id, topicId } = c.req.valid('param');
      await c.get('store').sessions.topics.assertInGroup(viewer, id);
      await c.get('store').sessions.topics.vote(viewer, id, topicId, false, TOPIC_VOTES_PER_MEMBER);
      return c.body(null, 204);
    },
  );

/** The public base URL feeds are given at: EKOLLEGA_PUBLIC_URL behind a proxy, else the request's own. */
const publicBase = (c: Context<Env>) =>
  (process.env.EKOLLEGA_PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '');

/** `/v1/me/calendar`: my personal subscription URL, rotatable and revocable. */
export const myCalendar = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'My personal calendar subscription URL (made on first request)',
      security: memberOnly,
      responses: {
        200: jsonContent(CalendarFeedSchema, 'The feed URL; keep it secret'),
        401: problemResponses[401],
      },
    }),
    async (c) => {
      const member = requireMember(c);
      const feed = await c
        .get('store')
        .sessions.feedToken(c.get('caller').tenant.id, member.id, c.get('clock')());
      c.header('cache-control', 'private, no-store');
      return c.json(
        { url: `${publicBase(c)}/v1/calendar/feeds/${feed.token}.ics`, created_at: feed.created_at },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rotate',
      tags,
      summary: 'Replace my subscription URL; the old one stops working',
      security: memberOnly,
      responses: { 200: jsonContent(CalendarFeedSchema, 'The new feed URL'), 401: problemResponses[401] },
    }),
    async (c) => {
      const member = requireMember(c);
      const feed = await c
        .get('store')
        .sessions.feedToken(c.get('caller').tenant.id, member.id, c.get('clock')(), true);
      return c.json(
        { url: `${publicBase(c)}/v1/calendar/feeds/${feed.token}.ics`, created_at: feed.created_at },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/',
      tags,
      summary: 'Revoke my subscription URL',
      security: memberOnly,
      responses: { 204: { description: 'Revoked' }, 401: problemResponses[401] },
    }),
    async (c) => {
      const member = requireMember(c);
      await c.get('store').sessions.revokeFeed(c.get('caller').tenant.id, member.id, c.get('clock')());
      return c.body(null, 204);
    },
  );

const FeedFile = z.object({
  file: z.string().regex(/^[A-Za-z0-9_-]{1,80}\.ics$/, 'a feed file name ending in .ics'),
});

/**
 * Feeds calendar apps subscribe to. They send no headers, so these need no key: the personal feed
 * is found by the secret in its URL, the public one carries only public events, without links.
 */
export const feeds = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/feeds/{file}',
      tags,
      summary: 'A member’s personal feed (the URL is the secret)',
      security: [],
      request: { params: FeedFile },
      responses: { 200: ics('My groups’ meetings and the events I answered'), 404: problemResponses[404] },
    }),
    async (c) => {
      const owner = await c.get('store').sessions.feedOwner(c.req.valid('param').file.slice(0, -4));
      const feed = owner && (await c.get('store').sessions.feed({ member: owner }, c.get('clock')()));
      if (!feed) throw notFound('calendar feed');
      return c.body(toICalendar(feed.rows, { name: feed.tenantName, includeLinks: true }), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'private, max-age=300',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/{file}',
      tags,
      summary: 'An association’s public events (file: the tenant id and .ics)',
      security: [],
      request: { params: FeedFile },
      responses: { 200: ics('Public events, without meeting links'), 404: problemResponses[404] },
    }),
    async (c) => {
      const feed = await c
        .get('store')
        .sessions.feed({ publicOf: c.req.valid('param').file.slice(0, -4) }, c.get('clock')());
      if (!feed) throw notFound('association');
      return c.body(toICalendar(feed.rows, { name: feed.tenantName, includeLinks: false }), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'public, max-age=300',
      });
    },
  );
