import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  CreateGroupSchema,
  DeclineSchema,
  GroupDetailSchema,
  GroupMemberSchema,
  GroupSchema,
  idString,
  JoinGroupSchema,
  JoinRequestSchema,
  jsonContent,
  keyed,
  ListGroupsQuery,
  MembershipSchema,
  memberOnly,
  pageOf,
  problemResponses,
  UpdateGroupSchema,
} from '../contract/index.js';
import type { Env } from '../env.js';
import { requireMember, requireRole } from '../middleware/tenant.js';
import { notFound, Problem } from '../problem.js';
import { router } from '../validation.js';
import { cachedRead } from './read-cache.js';

const GroupId = z.object({ id: idString() });
const GroupMemberId = GroupId.extend({ memberId: idString(200) });
const tags = ['Groups'];

/** Facilitators of this group, admins and the association's server may manage it. */
export async function requireManager(c: Context<Env>, groupId: string) {
  const { caller, store } = c.var;
  if (caller.keyKind === 'secret' || caller.member?.roles.includes('admin')) {
    if (!(await store.groups.roleIn(caller.tenant.id, groupId, caller.member?.id ?? '')).exists)
      throw notFound('group');
    return;
  }
  const member = requireMember(c);
  const role = await store.groups.roleIn(caller.tenant.id, groupId, member.id);
  if (!role.exists) throw notFound('group');
  if (!role.facilitator) throw new Problem(403, 'forbidden', 'Only the group’s facilitators can do this');
}

const read = cachedRead();

/**
 * Facilitators' ids are the association's own member ids: members and the association's server
 * use them, a visitor gets the names only.
 */
function forCaller<G extends { facilitators: { id?: string; name: string }[] }>(
  c: Context<Env>,
  group: G,
): G {
  const { member, keyKind } = c.get('caller');
  if (member || keyKind === 'secret') return group;
  return { ...group, facilitators: group.facilitators.map(({ name }) => ({ name })) };
}

/** `/v1/groups`: the finder's listing, a group's detail, membership, and the facilitators' tools. */
export const groups = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List peer groups (filters as query parameters; keyset pagination)',
      security: keyed,
      request: { query: ListGroupsQuery },
      responses: {
        200: jsonContent(pageOf(GroupSchema), 'A page of groups; `my_membership` when signed in'),
        400: problemResponses[400],
        401: problemResponses[401],
      },
    }),
    (c) => {
      const query = c.req.valid('query');
      return read(c, async () => {
        const page = await c
          .get('store')
          .groups.list(c.get('caller').tenant.id, query, c.get('caller').member?.id ?? null);
        return { ...page, items: page.items.map((group) => forCaller(c, group)) };
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a group (facilitators and admins)',
      security: memberOnly,
      request: { body: { required: true, content: { 'application/json': { schema: CreateGroupSchema } } } },
      responses: { 201: jsonContent(GroupDetailSchema, 'The new group'), ...problemResponses },
    }),
    async (c) => {
      requireRole(c, 'facilitator', 'admin');
      const { tenant, member } = c.get('caller');
      const id = await c
        .get('store')
        .groups.create(tenant, c.req.valid('json'), member?.id ?? null, c.get('clock')());
      c.header('location', `/v1/groups/${id}`);
      return c.json(await c.get('store').groups.get(tenant, id, member?.id ?? null), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One group with its description, ground rules and (signed in) my membership',
      security: keyed,
      request: { params: GroupId },
      responses: {
        200: jsonContent(GroupDetailSchema, 'The group'),
        401: problemResponses[401],
        404: problemResponses[404],
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      return read(c, async () =>
        forCaller(
          c,
          await c.get('store').groups.get(c.get('caller').tenant, id, c.get('caller').member?.id ?? null),
        ),
      );
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Edit a group; a change of rules_text publishes a new rules version; status closed closes it',
      security: memberOnly,
      request: {
        params: GroupId,
        body: { required: true, content: { 'application/json': { schema: UpdateGroupSchema } } },
      },
      responses: { 200: jsonContent(GroupDetailSchema, 'The group after the change'), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireManager(c, id);
      const { tenant, member } = c.get('caller');
      await c.get('store').groups.update(tenant.id, id, c.req.valid('json'), c.get('clock')());
      return c.json(await c.get('store').groups.get(tenant, id, member?.id ?? null), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/membership',
      tags,
      summary: 'My state in this group',
      security: memberOnly,
      request: { params: GroupId },
      responses: {
        200: jsonContent(MembershipSchema, 'My membership'),
        401: problemResponses[401],
        404: problemResponses[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const member = requireMember(c);
      const membership = await c
        .get('store')
        .groups.membership(c.get('caller').tenant.id, id, member.id, c.get('clock')());
      if (!membership) throw new Problem(404, 'not_a_member', 'You have not asked to join this group');
      return c.json(membership, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/membership',
      tags,
      summary: 'Join (idempotent): accept the current ground rules and answer the intake questions',
      description:
        'An open group gives a place while places remain, else a place on the waitlist in arrival order. A group by approval makes a pending request. An offered place is taken by calling this again. Calling it with a newer rules version re-accepts the rules.',
      security: memberOnly,
      request: {
        params: GroupId,
        body: { required: true, content: { 'application/json': { schema: JoinGroupSchema } } },
      },
      responses: { 200: jsonContent(MembershipSchema, 'My membership after joining'), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const member = requireMember(c);
      return c.json(
        await c
          .get('store')
          .groups.join(c.get('caller').tenant.id, id, member.id, c.req.valid('json'), c.get('clock')()),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/membership',
      tags,
      summary: 'Leave the group, withdraw a request or leave the waitlist (idempotent)',
      security: memberOnly,
      request: { params: GroupId },
      responses: { 204: { description: 'Left' }, 401: problemResponses[401], 404: problemResponses[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const member = requireMember(c);
      if (!(await c.get('store').groups.roleIn(c.get('caller').tenant.id, id, member.id)).exists)
        throw notFound('group');
      await c.get('store').groups.leave(c.get('caller').tenant.id, id, member.id, c.get('clock')());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/requests',
      tags,
      summary: 'Join requests, offers and the waitlist with intake answers (the group’s facilitators)',
      security: memberOnly,
      request: { params: GroupId },
      responses: {
        200: jsonContent(z.object({ items: z.array(JoinRequestSchema) }), 'Requests'),
        401: problemResponses[401],
        403: problemResponses[403],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireManager(c, id);
      return c.json({ items: await c.get('store').groups.requests(c.get('caller').tenant.id, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/requests/{memberId}/approve',
      tags,
      summary: 'Approve a pending request: a place if one is free, else the waitlist',
      security: memberOnly,
      request: { params: GroupMemberId },
      responses: {
        200: jsonContent(MembershipSchema, 'The member’s state'),
        401: problemResponses[401],
        403: problemResponses[403],
      },
    }),
    async (c) => {
      const { id, memberId } = c.req.valid('param');
      await requireManager(c, id);
      return c.json(
        await c.get('store').groups.approve(c.get('caller').tenant.id, id, memberId, c.get('clock')()),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/requests/{memberId}/decline',
      tags,
      summary: 'Decline a pending request with a reason the member sees',
      security: memberOnly,
      request: {
        params: GroupMemberId,
        body: { required: true, content: { 'application/json': { schema: DeclineSchema } } },
      },
      responses: { 200: jsonContent(MembershipSchema, 'The member’s state'), ...problemResponses },
    }),
    async (c) => {
      const { id, memberId } = c.req.valid('param');
      await requireManager(c, id);
      return c.json(
        await c
          .get('store')
          .groups.decline(
            c.get('caller').tenant.id,
            id,
            memberId,
            c.req.valid('json').reason,
            c.get('clock')(),
          ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/members',
      tags,
      summary: 'Names of the group’s members and facilitators (for them only)',
      security: memberOnly,
      request: { params: GroupId },
      responses: {
        200: jsonContent(z.object({ items: z.array(GroupMemberSchema) }), 'Members'),
        401: problemResponses[401],
        403: problemResponses[403],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { caller, store } = c.var;
      const manager = caller.keyKind === 'secret' || caller.member?.roles.includes('admin');
      const role = await store.groups.roleIn(
        caller.tenant.id,
        id,
        manager ? (caller.member?.id ?? '') : requireMember(c).id,
      );
      if (!role.exists) throw notFound('group');
      if (!manager && !role.member && !role.facilitator)
        throw new Problem(403, 'forbidden', 'Only the group’s members see who belongs to it');
      return c.json({ items: await store.groups.members(caller.tenant.id, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/members/{memberId}',
      tags,
      summary: 'Remove a member (facilitators); the place goes to the waitlist',
      security: memberOnly,
      request: { params: GroupMemberId },
      responses: { 204: { description: 'Removed' }, 401: problemResponses[401], 403: problemResponses[403] },
    }),
    async (c) => {
      const { id, memberId } = c.req.valid('param');
      await requireManager(c, id);
      await c.get('store').groups.leave(c.get('caller').tenant.id, id, memberId, c.get('clock')());
      return c.body(null, 204);
    },
  );
