import type { CreateTopic, ListSessionsQuery, RsvpAnswer } from './types.js';
import type { RequestOptions, Transport } from './transport.js';

/** Group meetings and open events: RSVP, topics, calendar files and my calendar feed. */
export function sessionsApi(transport: Transport) {
  return {
    /** Upcoming sessions the caller may see, in start order. */
    list: (filters: ListSessionsQuery = {}, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/sessions', { ...o, query: filters }),
    get: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/sessions/{id}', { ...o, params: { id } }),
    /** The check-in round of a group session, for its facilitators: each commitment due then. */
    round: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/sessions/{id}/round', { ...o, params: { id } }),
    rsvp: (id: string, answer: RsvpAnswer, o: RequestOptions = {}) =>
      transport.request('PUT', '/v1/sessions/{id}/rsvp', { ...o, params: { id }, body: { answer } }),
    /** One session as iCalendar text, for "add to calendar". */
    ics: async (id: string, o: RequestOptions = {}) =>
      (
        await transport.send('GET', '/v1/sessions/{id}/calendar.ics', {
          ...o,
          params: { id },
          accept: 'text/calendar',
        })
      ).text(),
    /** My personal subscription URL (secret); `rotate` replaces it, `revoke` ends it. */
    myCalendar: (o: RequestOptions = {}) => transport.request('GET', '/v1/me/calendar', o),
    rotateMyCalendar: (o: RequestOptions = {}) => transport.request('POST', '/v1/me/calendar/rotate', o),
    revokeMyCalendar: (o: RequestOptions = {}) => transport.request('DELETE', '/v1/me/calendar', o),
    topics: {
      list: (groupId: string, o: RequestOptions = {}) =>
        transport.request('GET', '/v1/groups/{id}/topics', { ...o, params: { id: groupId } }),
      suggest: (groupId: string, topic: CreateTopic, o: RequestOptions = {}) =>
        transport.request('POST', '/v1/groups/{id}/topics', { ...o, params: { id: groupId }, body: topic }),
      vote: (groupId: string, topicId: string, o: RequestOptions = {}) =>
        transport.request('PUT', '/v1/groups/{id}/topics/{topicId}/vote', {
          ...o,
          params: { id: groupId, topicId },
        }),
      unvote: (groupId: string, topicId: string, o: RequestOptions = {}) =>
        transport.request('DELETE', '/v1/groups/{id}/topics/{topicId}/vote', {
          ...o,
          params: { id: groupId, topicId },
        }),
    },
  };
}
