import type { CreateCommitment, ListCommitmentsQuery, ReportCommitment, UpdateCommitment } from './types.js';
import type { RequestOptions, Transport } from './transport.js';

/** A member's commitments in a group: set one, edit it until it is reported, report on it. */
export function commitmentsApi(transport: Transport) {
  return {
    /** One page of the group's commitments I may see, newest first. */
    list: (groupId: string, filters: ListCommitmentsQuery = {}, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/groups/{id}/commitments', {
        ...o,
        params: { id: groupId },
        query: filters,
      }),
    get: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/commitments/{id}', { ...o, params: { id } }),
    /** Sets one, due by default at the group's next session. */
    create: (groupId: string, commitment: CreateCommitment, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/groups/{id}/commitments', {
        ...o,
        params: { id: groupId },
        body: commitment,
      }),
    /** Edits until it is reported (its visibility also after). */
    update: (id: string, patch: UpdateCommitment, o: RequestOptions = {}) =>
      transport.request('PATCH', '/v1/commitments/{id}', { ...o, params: { id }, body: patch }),
    /** Reports on it; again to correct the report, until the due session ends. */
    report: (id: string, report: ReportCommitment, o: RequestOptions = {}) =>
      transport.request('PUT', '/v1/commitments/{id}/report', { ...o, params: { id }, body: report }),
    remove: (id: string, o: RequestOptions = {}) =>
      transport.request('DELETE', '/v1/commitments/{id}', { ...o, params: { id } }),
  };
}
