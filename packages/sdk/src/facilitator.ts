import type {
  CreateGroup,
  CreateSeries,
  CreateSession,
  ExpertTalkFromTopic,
  ModerationQueueQuery,
  UpdateGroup,
  UpdateSession,
} from './types.js';
import { answerParams, type PostOf, type PostRef } from './questions.js';
import type { RequestOptions, Transport } from './transport.js';

/*
 * The facilitators' and admins' tools, in a module of their own: a member's page never calls
 * them, so a bundler (and the widgets' build, which gives this module to the facilitator desk's
 * chunk) leaves them out of what members load.
 */

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

/** The facilitators' session tools: schedule, move and cancel sessions, see who comes, mark attendance. */
export function sessionsFacilitatorApi(transport: Transport) {
  return {
    create: (session: CreateSession, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/sessions', { ...o, body: session }),
    /** Every N weeks at the same local time; `first_start` is wall time without an offset. */
    createSeries: (groupId: string, series: CreateSeries, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/groups/{id}/series', { ...o, params: { id: groupId }, body: series }),
    update: (id: string, patch: UpdateSession, o: RequestOptions = {}) =>
      transport.request('PATCH', '/v1/sessions/{id}', { ...o, params: { id }, body: patch }),
    cancel: (id: string, applyTo: 'this' | 'following' = 'this', o: RequestOptions = {}) =>
      transport.request('POST', '/v1/sessions/{id}/cancel', {
        ...o,
        params: { id },
        body: { apply_to: applyTo },
      }),
    attendees: (id: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/sessions/{id}/rsvps', { ...o, params: { id } }).then((r) => r.items),
    markAttendance: (id: string, attended: string[], absent: string[] = [], o: RequestOptions = {}) =>
      transport.request('PUT', '/v1/sessions/{id}/attendance', {
        ...o,
        params: { id },
        body: { attended, absent },
      }),
    /** The dates a series would have, Finnish public holidays marked; saves nothing. */
    previewSeries: (groupId: string, series: CreateSeries, o: RequestOptions = {}) =>
      transport
        .request('POST', '/v1/groups/{id}/series/preview', { ...o, params: { id: groupId }, body: series })
        .then((r) => r.items),
    /** An expert talk for the whole association on a topic the group suggested. */
    expertTalk: (groupId: string, topicId: string, talk: ExpertTalkFromTopic, o: RequestOptions = {}) =>
      transport.request('POST', '/v1/groups/{id}/topics/{topicId}/expert-talk', {
        ...o,
        params: { id: groupId, topicId },
        body: talk,
      }),
    /** Each member's attendance over the group's meetings so far (one series, or all). */
    seriesAttendance: (groupId: string, seriesId?: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/groups/{id}/attendance', {
        ...o,
        params: { id: groupId },
        query: { series: seriesId },
      }),
  };
}

/** The facilitators' and admins' moderation: hide, restore, edit history, revealing anonymous authors. */
export function questionsModeratorApi(transport: Transport) {
  return {
    hide: <R extends PostRef>(post: R, o: RequestOptions = {}) =>
      (typeof post === 'string'
        ? transport.request('POST', '/v1/questions/{id}/hide', { ...o, params: { id: post } })
        : transport.request('POST', '/v1/questions/{id}/answers/{answerId}/hide', {
            ...o,
            params: answerParams(post),
          })) as Promise<PostOf<R>>,
    restore: <R extends PostRef>(post: R, o: RequestOptions = {}) =>
      (typeof post === 'string'
        ? transport.request('POST', '/v1/questions/{id}/restore', { ...o, params: { id: post } })
        : transport.request('POST', '/v1/questions/{id}/answers/{answerId}/restore', {
            ...o,
            params: answerParams(post),
          })) as Promise<PostOf<R>>,
    /** Names the author of an anonymous post (the board's moderators); the API logs who asked and why. */
    reveal: (post: PostRef, reason: string, o: RequestOptions = {}) =>
      typeof post === 'string'
        ? transport.request('POST', '/v1/questions/{id}/reveal', {
            ...o,
            params: { id: post },
            body: { reason },
          })
        : transport.request('POST', '/v1/questions/{id}/answers/{answerId}/reveal', {
            ...o,
            params: answerParams(post),
            body: { reason },
          }),
    /** Reported and hidden posts on the boards I moderate, newest first; `group` for one board. */
    queue: (filters: ModerationQueueQuery = {}, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/moderation/queue', { ...o, query: filters }),
    /** The log of reveals, newest first (admins and the secret key). */
    reveals: (page: { cursor?: string; limit?: number } = {}, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/questions/reveals', { ...o, query: page }),
  };
}

/** For the group's facilitators and the association's admins: counts per session, never names. */
export function commitmentsFacilitatorApi(transport: Transport) {
  return {
    summary: (groupId: string, o: RequestOptions = {}) =>
      transport.request('GET', '/v1/groups/{id}/commitments/summary', { ...o, params: { id: groupId } }),
  };
}

/**
 * A member client with the facilitators' tools added: what `createClient` gives, made from the
 * client a page already has (the facilitator desk does this with `<ek-provider>`'s client). The
 * API decides by the member token's roles who may use them.
 */
export function withFacilitatorTools<
  C extends {
    transport: Transport;
    groups: object;
    sessions: object;
    questions: object;
    commitments: object;
  },
>(client: C) {
  const { transport } = client;
  return {
    ...client,
    groups: { ...client.groups, ...groupsFacilitatorApi(transport) },
    sessions: { ...client.sessions, ...sessionsFacilitatorApi(transport) },
    questions: { ...client.questions, ...questionsModeratorApi(transport) },
    commitments: { ...client.commitments, ...commitmentsFacilitatorApi(transport) },
  };
}
