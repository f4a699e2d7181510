import type { CreateGroup, JoinGroup, ListGroupsQuery, Membership, UpdateGroup } from './types.js';
import type { RequestOptions, Transport } from './transport.js';

/** Peer groups: the finder's list, joining and leaving, my state, a group's members. */
export function groupsApi(transport: Transport) {
  return {
    /** One page of groups; pass `next_cursor` back as `cursor` for the next. */
    list: (filters: ListGroupsQuery = {}, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/groups', { ...o, query: filters }),
    get: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/groups/{id}', { ...o, params: { id } }),
    /** Joins (idempotent): accept the rules version you showed and answer the intake questions. */
    join: (id: string, input: JoinGroup, o: RequestOptions = {}) =>
      transport.request('PUT', '/v1/groups/{id}/membership', { ...o, params: { id }, body: input }),
    /** My state in the group; `null` when I have not asked to join. */
    membership: async (id: string, o: RequestOptions = {}): Promise<Membership | null> => {
      try {
        return await transport.request('GET', '/v1/groups/{id}/membership', { ...o, params: { id } });
      } catch (error) {
        if ((error as { code?: string }).code === 'not_a_member') return null;
        throw error;
      }
    },
    leave: (id: string, o: RequestOptions = {}) =>
      transport.request('DELETE', '/v1/groups/{id}/membership', { ...o, params: { id } }),
    members: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/groups/{id}/members', { ...o, params: { id } }).then((r) => r.items),
  };
}

/** The facilitators' and admins' group tools: create and edit groups, answer join requests, remove members. */
export function groupsFacilitatorApi(transport: Transport) {
  return {
    create: (group: CreateGroup, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/groups', { ...o, body: group }),
    update: (id: string, patch: UpdateGroup, o: RequestOptions = {}) =>
      transport.request('PATCH', '/v1/groups/{id}', { ...o, params: { id }, body: patch }),
    requests: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/groups/{id}/requests', { ...o, params: { id } }).then((r) => r.items),
    approve: (id: string, memberId: string, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/groups/{id}/requests/{memberId}/approve', {
        ...o,
        params: { id, memberId },
      }),
    decline: (id: string, memberId: string, reason: string, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/groups/{id}/requests/{memberId}/decline', {
        ...o,
        params: { id, memberId },
        body: { reason },
      }),
    removeMember: (id: string, memberId: string, o: RequestOptions = {}) =>
      transport.request('DELETE', '/v1/groups/{id}/members/{memberId}', { ...o, params: { id, memberId } }),
  };
}
