import type {
  CreateGroup,
  Group,
  GroupDetail,
  GroupMember,
  JoinGroup,
  JoinRequest,
  ListGroupsQuery,
  Membership,
  Page,
  UpdateGroup,
} from '@ekollega/api/contract';
import type { RequestOptions, Transport } from './transport.js';

const path = (id: string, rest = '') => `/v1/groups/${encodeURIComponent(id)}${rest}`;

/** Peer groups: the finder's list, joining and leaving, my state, a group's members. */
export function groupsApi(transport: Transport) {
  return {
    /** One page of groups; pass `next_cursor` back as `cursor` for the next. */
    list: (filters: ListGroupsQuery = {}, o: RequestOptions = {}) =>
      transport.request<Page<Group>>('GET', '/v1/groups', { ...o, query: filters }),
    get: (id: string, o: RequestOptions = {}) => transport.request<GroupDetail>('GET', path(id), o),
    /** Joins (idempotent): accept the rules version you showed and answer the intake questions. */
    join: (id: string, input: JoinGroup, o: RequestOptions = {}) =>
      transport.request<Membership>('PUT', path(id, '/membership'), { ...o, body: input }),
    /** My state in the group; `null` when I have not asked to join. */
    membership: async (id: string, o: RequestOptions = {}): Promise<Membership | null> => {
      try {
        return await transport.request<Membership>('GET', path(id, '/membership'), o);
      } catch (error) {
        if ((error as { code?: string }).code === 'not_a_member') return null;
        throw error;
      }
    },
    leave: (id: string, o: RequestOptions = {}) =>
      transport.request<void>('DELETE', path(id, '/membership'), o),
    members: (id: string, o: RequestOptions = {}) =>
      transport.request<{ items: GroupMember[] }>('GET', path(id, '/members'), o).then((r) => r.items),
  };
}

/** The facilitators' and admins' group tools: create and edit groups, answer join requests, remove members. */
export function groupsFacilitatorApi(transport: Transport) {
  return {
    create: (group: CreateGroup, o: RequestOptions = {}) =>
      transport.request<GroupDetail>('POST', '/v1/groups', { ...o, body: group }),
    update: (id: string, patch: UpdateGroup, o: RequestOptions = {}) =>
      transport.request<GroupDetail>('PATCH', path(id), { ...o, body: patch }),
    requests: (id: string, o: RequestOptions = {}) =>
      transport.request<{ items: JoinRequest[] }>('GET', path(id, '/requests'), o).then((r) => r.items),
    approve: (id: string, memberId: string, o: RequestOptions = {}) =>
      transport.request<Membership>('POST', path(id, `/requests/${encodeURIComponent(memberId)}/approve`), o),
    decline: (id: string, memberId: string, reason: string, o: RequestOptions = {}) =>
      transport.request<Membership>('POST', path(id, `/requests/${encodeURIComponent(memberId)}/decline`), {
        ...o,
        body: { reason },
      }),
    removeMember: (id: string, memberId: string, o: RequestOptions = {}) =>
      transport.request<void>('DELETE', path(id, `/members/${encodeURIComponent(memberId)}`), o),
  };
}
