import type {
  Attendee,
  CalendarFeed,
  CreateSeries,
  CreateSession,
  CreateTopic,
  ListSessionsQuery,
  MyRsvp,
  Page,
  RsvpAnswer,
  Session,
  Topic,
  UpdateSession,
} from '@ekollega/api/contract';
import type { RequestOptions, Transport } from './transport.js';

const path = (id: string, rest = '') => `/v1/sessions/${encodeURIComponent(id)}${rest}`;
const groupPath = (id: string, rest: string) => `/v1/groups/${encodeURIComponent(id)}${rest}`;

/** Group meetings and open events: RSVP, topics, calendar files and my calendar feed. */
export function sessionsApi(transport: Transport) {
  return {
    /** Upcoming sessions the caller may see, in start order. */
    list: (filters: ListSessionsQuery = {}, o: RequestOptions = {}) =>
      transport.request<Page<Session>>('GET', '/v1/sessions', { ...o, query: filters }),
    get: (id: string, o: RequestOptions = {}) => transport.request<Session>('GET', path(id), o),
    rsvp: (id: string, answer: RsvpAnswer, o: RequestOptions = {}) =>
      transport.request<MyRsvp>('PUT', path(id, '/rsvp'), { ...o, body: { answer } }),
    /** One session as iCalendar text, for "add to calendar". */
    ics: async (id: string, o: RequestOptions = {}) =>
      (await transport.send('GET', path(id, '/calendar.ics'), { ...o, accept: 'text/calendar' })).text(),
    /** My personal subscription URL (secret); `rotate` replaces it, `revoke` ends it. */
    myCalendar: (o: RequestOptions = {}) => transport.request<CalendarFeed>('GET', '/v1/me/calendar', o),
    rotateMyCalendar: (o: RequestOptions = {}) =>
      transport.request<CalendarFeed>('POST', '/v1/me/calendar/rotate', o),
    revokeMyCalendar: (o: RequestOptions = {}) => transport.request<void>('DELETE', '/v1/me/calendar', o),
    topics: {
      list: (groupId: string, o: RequestOptions = {}) =>
        transport.request<{ items: Topic[]; votes_per_member: number }>(
          'GET',
          groupPath(groupId, '/topics'),
          o,
        ),
      suggest: (groupId: string, topic: CreateTopic, o: RequestOptions = {}) =>
        transport.request<Topic>('POST', groupPath(groupId, '/topics'), { ...o, body: topic }),
      vote: (groupId: string, topicId: string, o: RequestOptions = {}) =>
        transport.request<void>('PUT', groupPath(groupId, `/topics/${encodeURIComponent(topicId)}/vote`), o),
      unvote: (groupId: string, topicId: string, o: RequestOptions = {}) =>
        transport.request<void>(
          'DELETE',
          groupPath(groupId, `/topics/${encodeURIComponent(topicId)}/vote`),
          o,
        ),
    },
  };
}

/** The facilitators' session tools: schedule, move and cancel sessions, see who comes, mark attendance. */
export function sessionsFacilitatorApi(transport: Transport) {
  return {
    create: (session: CreateSession, o: RequestOptions = {}) =>
      transport.request<Session>('POST', '/v1/sessions', { ...o, body: session }),
    /** Every N weeks at the same local time; `first_start` is wall time without an offset. */
    createSeries: (groupId: string, series: CreateSeries, o: RequestOptions = {}) =>
      transport.request<{ series_id: string; items: Session[] }>('POST', groupPath(groupId, '/series'), {
        ...o,
        body: series,
      }),
    update: (id: string, patch: UpdateSession, o: RequestOptions = {}) =>
      transport.request<Session>('PATCH', path(id), { ...o, body: patch }),
    cancel: (id: string, applyTo: 'this' | 'following' = 'this', o: RequestOptions = {}) =>
      transport.request<Session>('POST', path(id, '/cancel'), { ...o, body: { apply_to: applyTo } }),
    attendees: (id: string, o: RequestOptions = {}) =>
      transport.request<{ items: Attendee[] }>('GET', path(id, '/rsvps'), o).then((r) => r.items),
    markAttendance: (id: string, attended: string[], absent: string[] = [], o: RequestOptions = {}) =>
      transport.request<void>('PUT', path(id, '/attendance'), { ...o, body: { attended, absent } }),
  };
}
