import type { JoinGroup, ListGroupsQuery, Membership } from './types.js';
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
