import { createRoute, z } from '@hono/zod-openapi';
import {
  adminOnly,
  CreateSeriesSchema,
  ExpertTalkFromTopicSchema,
  idString,
  jsonContent,
  memberOnly,
  ModerationItemSchema,
  ModerationQueueQuery,
  pageOf,
  problemResponses,
  SeriesAttendanceQuery,
  SeriesAttendanceSchema,
  SeriesPreviewSchema,
  SessionSchema,
} from '../contract/index.js';
import { requireRole } from '../middleware/tenant.js';
import { router } from '../validation.js';
import { requireManager } from './groups.js';
import { viewerOf } from './sessions.js';

const GroupId = z.object({ id: idString() });
const TopicId = GroupId.extend({ topicId: idString() });
const json = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/**
 * `/v1/groups/{id}/…` for the facilitator desk: a series previewed before it is saved, an expert
 * talk made of a topic, and attendance over a series. The group's facilitators and admins only.
 */
export const groupDesk = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/series/preview',
      tags: ['Sessions'],
      summary: 'The dates a series would have, with Finnish public holidays marked; nothing is saved',
      description:
        'Takes the body of `POST /v1/groups/{id}/series` and expands it the same way (local wall time, daylight-saving changes kept). `holiday` names a Finnish public holiday, Midsummer Eve or Christmas Eve on that date.',
      security: memberOnly,
      request: { params: GroupId, body: json(CreateSeriesSchema) },
      responses: { 200: jsonContent(SeriesPreviewSchema, 'The occurrences'), ...problemResponses },
    }),
    async (c) => {
      await requireManager(c, c.req.valid('param').id);
      return c.json({ items: c.get('store').desk.previewSeries(c.req.valid('json')) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/topics/{topicId}/expert-talk',
      tags: ['Sessions'],
      summary: 'Make an expert talk for the whole association of a topic the group suggested',
      description:
        'An association event of kind `expert_talk` carrying the topic (its title unless another is given); the topic lists it in `session_ids`. The group’s facilitators and admins.',
      security: memberOnly,
      request: { params: TopicId, body: json(ExpertTalkFromTopicSchema) },
      responses: { 201: jsonContent(SessionSchema, 'The expert talk'), ...problemResponses },
    }),
    async (c) => {
      const { id, topicId } = c.req.valid('param');
      await requireManager(c, id);
      const sessionId = await c
        .get('store')
        .desk.expertTalkFromTopic(
          c.get('caller').tenant.id,
          id,
          topicId,
          c.req.valid('json'),
          c.get('clock')(),
        );
      c.header('location', `/v1/sessions/${sessionId}`);
      return c.json(await c.get('store').sessions.get(viewerOf(c), sessionId), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/attendance',
      tags: ['Sessions'],
      summary: 'Who came to the group’s meetings so far, per member (one series or all; the last 60)',
      security: memberOnly,
      request: { params: GroupId, query: SeriesAttendanceQuery },
      responses: {
        200: jsonContent(SeriesAttendanceSchema, 'Meetings in order and each member’s marks'),
        400: problemResponses[400],
        401: problemResponses[401],
        403: problemResponses[403],
        404: problemResponses[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireManager(c, id);
      return c.json(
        await c
          .get('store')
          .desk.attendance(c.get('caller').tenant.id, id, c.req.valid('query').series, c.get('clock')()),
        200,
      );
    },
  );

/** `/v1/moderation`: what waits for a moderator across the boards they moderate. */
export const moderation = router().openapi(
  createRoute({
    method: 'get',
    path: '/queue',
    tags: ['Questions'],
    summary: 'Reported and hidden posts on the boards I moderate, newest first (facilitators and admins)',
    description:
      'The association-wide board for facilitators, admins and the secret key; each group’s board for its own facilitators (admins do not moderate groups’ boards). Anonymous authors stay anonymous: reveal one with a reason, which is logged.',
    security: adminOnly,
    request: { query: ModerationQueueQuery },
    responses: {
      200: jsonContent(pageOf(ModerationItemSchema), 'A page of posts waiting for review'),
      400: problemResponses[400],
      401: problemResponses[401],
      403: problemResponses[403],
      404: problemResponses[404],
    },
  }),
  async (c) => {
    requireRole(c, 'facilitator', 'admin');
    const { tenant, member } = c.get('caller');
    return c.json(
      await c
        .get('store')
        .desk.moderationQueue(
          { tenantId: tenant.id, memberId: member?.id ?? null, staff: true },
          c.req.valid('query'),
        ),
      200,
    );
  },
);
