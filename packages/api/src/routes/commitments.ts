import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  CommitmentSchema,
  CommitmentSummarySchema,
  CreateCommitmentSchema,
  idString,
  jsonContent,
  adminOnly,
  ListCommitmentsQuery,
  memberOnly,
  MyCommitmentsQuery,
  pageOf,
  problemResponses,
  ReportCommitmentSchema,
  RoundSchema,
  UpdateCommitmentSchema,
} from '../contract/index.js';
import type { Env } from '../env.js';
import { requireMember } from '../middleware/tenant.js';
import type { Viewer } from '../store/sessions.js';
import { router } from '../validation.js';
import { viewerOf } from './sessions.js';

const Id = z.object({ id: idString() });
const tags = ['Commitments'];

/** Commitments are a member's own: every route but the summary needs a signed-in member. */
function memberViewer(c: Context<Env>): Viewer {
  requireMember(c);
  return viewerOf(c);
}

/** `/v1/groups/{id}/commitments`: a group's commitments, setting one, and the counts. */
export const groupCommitments = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/commitments',
      tags,
      summary: 'The group’s commitments I may see, newest first (filters: member, due_session, status)',
      description:
        'Mine, the ones shared with the group, and for its facilitators those shared with facilitators. A member who left the group sees only their own.',
      security: memberOnly,
      request: { params: Id, query: ListCommitmentsQuery },
      responses: {
        200: jsonContent(pageOf(CommitmentSchema), 'A page of commitments'),
        400: problemResponses[400],
        401: problemResponses[401],
        404: problemResponses[404],
      },
    }),
    async (c) =>
      c.json(
        await c.get('store').commitments.list(memberViewer(c), c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/commitments',
      tags,
      summary: 'Set a commitment (the group’s active members)',
      description:
        'Due by default at the group’s next session after now; `carried_from_id` carries over one of my unfinished ones.',
      security: memberOnly,
      request: {
        params: Id,
        body: { required: true, content: { 'application/json': { schema: CreateCommitmentSchema } } },
      },
      responses: { 201: jsonContent(CommitmentSchema, 'The new commitment'), ...problemResponses },
    }),
    async (c) => {
      const viewer = memberViewer(c);
      const store = c.get('store');
      const id = await store.commitments.create(
        viewer,
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('clock')(),
      );
      c.header('location', `/v1/commitments/${id}`);
      return c.json(await store.commitments.get(viewer, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/commitments/summary',
      tags,
      summary: 'Per session: how many commitments fell due, were reported, and how (counts only)',
      description: 'For the group’s facilitators and the association’s admins; never names or texts.',
      security: adminOnly,
      request: { params: Id },
      responses: {
        200: jsonContent(CommitmentSummarySchema, 'The counts'),
        401: problemResponses[401],
        403: problemResponses[403],
        404: problemResponses[404],
      },
    }),
    async (c) => {
      const { member, keyKind } = c.get('caller');
      if (!member && keyKind !== 'secret') requireMember(c);
      return c.json(await c.get('store').commitments.summary(viewerOf(c), c.req.valid('param').id), 200);
    },
  );

/** `/v1/commitments/{id}`: one commitment, its edits, its report and its removal. */
export const commitments = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One commitment I may see',
      security: memberOnly,
      request: { params: Id },
      responses: {
        200: jsonContent(CommitmentSchema, 'The commitment'),
        401: problemResponses[401],
        404: problemResponses[404],
      },
    }),
    async (c) => c.json(await c.get('store').commitments.get(memberViewer(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Edit my commitment until it is reported (its visibility, also after)',
      security: memberOnly,
      request: {
        params: Id,
        body: { required: true, content: { 'application/json': { schema: UpdateCommitmentSchema } } },
      },
      responses: {
        200: jsonContent(CommitmentSchema, 'The commitment after the change'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const viewer = memberViewer(c);
      const { id } = c.req.valid('param');
      await c.get('store').commitments.update(viewer, id, c.req.valid('json'), c.get('clock')());
      return c.json(await c.get('store').commitments.get(viewer, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/report',
      tags,
      summary: 'Report on my commitment; again to correct it, until the session it was due at ends',
      description:
        'After the due session has ended a reported commitment’s report stands: 409 `report_closed`. `achieved` only when the commitment has a target.',
      security: memberOnly,
      request: {
        params: Id,
        body: { required: true, content: { 'application/json': { schema: ReportCommitmentSchema } } },
      },
      responses: { 200: jsonContent(CommitmentSchema, 'The reported commitment'), ...problemResponses },
    }),
    async (c) => {
      const viewer = memberViewer(c);
      const { id } = c.req.valid('param');
      await c.get('store').commitments.report(viewer, id, c.req.valid('json'), c.get('clock')());
      return c.json(await c.get('store').commitments.get(viewer, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete my commitment',
      security: memberOnly,
      request: { params: Id },
      responses: {
        204: { description: 'Deleted' },
        401: problemResponses[401],
        403: problemResponses[403],
        404: problemResponses[404],
      },
    }),
    async (c) => {
      await c.get('store').commitments.remove(memberViewer(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

/** `/v1/me/commitments`: mine across groups. */
export const myCommitments = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'My commitments across groups: the open ones first by due date, then the reported',
    security: memberOnly,
    request: { query: MyCommitmentsQuery },
    responses: {
      200: jsonContent(pageOf(CommitmentSchema), 'A page of my commitments'),
      400: problemResponses[400],
      401: problemResponses[401],
    },
  }),
  async (c) => c.json(await c.get('store').commitments.mine(memberViewer(c), c.req.valid('query')), 200),
);

/** `/v1/sessions/{id}/round`: the facilitators' check-in round. */
export const sessionRound = router().openapi(
  createRoute({
    method: 'get',
    path: '/{id}/round',
    tags,
    summary: 'The check-in round of a group session: each commitment due then (the group’s facilitators)',
    description: 'Private commitments appear only as "has a private commitment" with their status.',
    security: memberOnly,
    request: { params: Id },
    responses: {
      200: jsonContent(RoundSchema, 'The round, by member name'),
      401: problemResponses[401],
      403: problemResponses[403],
      404: problemResponses[404],
    },
  }),
  async (c) => c.json(await c.get('store').commitments.round(memberViewer(c), c.req.valid('param').id), 200),
);
