import type { MembershipStatus, ReportStatus, VoteValue } from '@ekollega/sdk';

/**
 * The `detail` of every event a widget fires. An element that adds an event declares it here (or
 * merges into this interface from its own file), and the `GlobalEventHandlersEventMap` entry
 * follows, so `addEventListener('ek-auth-required', (e) => e.detail.reason)` type-checks.
 */
export interface EkEventDetail {
  /**
   * The visitor must sign in on the host site. `reason` is the API's code: `sign_in_required`
   * when nobody is signed in, or a `token_…` code when the host's member token was refused.
   */
  'ek-auth-required': { reason: string };
  /** Loading failed; the widget shows a translated message and a retry button. For logs and monitoring. */
  'ek-error': { code: string; message: string; status?: number };
  /** A group's detail view was opened. */
  'ek-group-select': { groupId: string };
  /**
   * The member joined a group, took an offered place or accepted its new ground rules; `status`
   * is their state afterwards (`member`, `pending` for approval, `waitlisted` when full).
   */
  'ek-join': { groupId: string; status: MembershipStatus };
  /** The member left a group, withdrew a request, left its waitlist or turned down a place. */
  'ek-leave': { groupId: string };
  /** The member asked a question on a Q&A board. */
  'ek-ask': { questionId: string };
  /** The member answered a question. */
  'ek-answer': { questionId: string; answerId: string };
  /** The member voted on a question (`answerId` null) or an answer; `value` null when they withdrew the vote. */
  'ek-vote': { questionId: string; answerId: string | null; value: VoteValue | null; score: number };
  /** The asker or a facilitator marked the accepted answer, or unmarked it (`answerId` null). */
  'ek-accept': { questionId: string; answerId: string | null };
  /** The member edited their own question (`answerId` null) or answer. */
  'ek-edit': { questionId: string; answerId: string | null };
  /** The member deleted their own question (with its answers; `answerId` null) or answer. */
  'ek-delete': { questionId: string; answerId: string | null };
  /** A session's detail opened in the session calendar. */
  'ek-session-select': { sessionId: string };
  /** The member answered whether they come; `waitlisted` when a yes to a full session put them in line. */
  'ek-rsvp': { sessionId: string; answer: import('@ekollega/sdk').RsvpAnswer; waitlisted: boolean };
  /** The member set a commitment; `carriedFromId` when it carries an unfinished one over. */
  'ek-commitment-set': { commitmentId: string; groupId: string; carriedFromId: string | null };
  /** The member reported on a commitment; `corrected` when it changed an earlier report. */
  'ek-commitment-report': { commitmentId: string; status: ReportStatus; corrected: boolean };
}

type EkEventMap = { [K in keyof EkEventDetail]: CustomEvent<EkEventDetail[K]> };

declare global {
  interface GlobalEventHandlersEventMap extends EkEventMap {
    /**
     * Dispatched by the host page on `document` after it signed a member in or out; every widget
     * forgets the member token it holds and loads again.
     */
    'ek-auth-changed': Event;
  }
}

/**
 * Fires a widget event. `composed` lets it leave the shadow root, so the host page can listen on
 * the element, a container or `document`.
 */
export function emit<K extends keyof EkEventDetail>(from: Element, type: K, detail: EkEventDetail[K]): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
