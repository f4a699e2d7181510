/**
 * The desk's events, merged into the kit's `EkEventDetail` (and so into
 * `GlobalEventHandlersEventMap`): one per action, after the API said yes.
 */
declare module '../kit/events.js' {
  interface EkEventDetail {
    /** A join request was approved; `status` is the member's state (`member`, or `waitlisted` when full). */
    'ek-request-approve': { groupId: string; memberId: string; status: string };
    /** A join request was declined with a reason the member sees. */
    'ek-request-decline': { groupId: string; memberId: string };
    /** A member was removed from a group, or an offered place withdrawn. */
    'ek-member-remove': { groupId: string; memberId: string };
    /** A group's details or facilitators were changed. */
    'ek-group-update': { groupId: string };
    /** A series of meetings was scheduled. */
    'ek-series-create': { groupId: string; seriesId: string; sessionIds: string[] };
    /** A single meeting or an expert talk was scheduled (`groupId` null for an association event). */
    'ek-session-create': { sessionId: string; groupId: string | null };
    /** A meeting was moved or its link or agenda changed; `applyTo` says whether the following ones too. */
    'ek-session-update': { sessionId: string; applyTo: 'this' | 'following' };
    /** A meeting was cancelled, or it and the following ones. */
    'ek-session-cancel': { sessionId: string; applyTo: 'this' | 'following' };
    /** Attendance of a meeting was saved. */
    'ek-attendance': { sessionId: string; attended: string[]; absent: string[] };
    /** A topic was attached to a meeting, or an expert talk made of it (`sessionId` the talk). */
    'ek-topic-attach': { groupId: string; topicId: string; sessionId: string };
    /** A post was hidden, restored, deleted, or its anonymous author revealed (logged by the API). */
    'ek-moderate': {
      postId: string;
      questionId: string;
      action: 'hide' | 'restore' | 'delete' | 'reveal';
    };
  }
}

export {};
