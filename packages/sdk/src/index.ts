import { groupsApi } from './groups.js';
import { sessionsApi } from './sessions.js';
import { questionsApi } from './questions.js';
import { commitmentsApi } from './commitments.js';
import { withFacilitatorTools } from './facilitator.js';
import { MemberTokens, type MemberTokenProvider } from './token.js';
import { paginate, Transport, type RequestOptions, type TransportOptions } from './transport.js';
import type { MyCommitmentsQuery } from './types.js';

export { EkProblemError, EkNetworkError, isProblem } from './errors.js';
export { paginate } from './transport.js';
export type { RequestOptions, Query, Method } from './transport.js';
export type { MemberTokenProvider } from './token.js';
export type { PostRef, PostOf, SubscribeOptions } from './questions.js';
export { withFacilitatorTools } from './facilitator.js';
export { parseMarkup, type MarkupBlock, type MarkupInline } from './markup.js';
export type * from './types.js';
export type { PathOf, BodyOf, ResultOf, RequestInit } from './transport.js';

export interface ClientOptions {
  /** Where the API lives, e.g. `https://api.ekollega.fi`. */
  baseUrl: string;
  /** The association's publishable key (`pk_…`). */
  tenantKey: string;
  /**
   * Returns the signed-in member's token from the host site's backend, or `null` when nobody is
   * signed in. Called again shortly before the token expires and once after a 401.
   */
  getMemberToken?: MemberTokenProvider;
  fetch?: typeof fetch;
  retries?: TransportOptions['retries'];
  backoffMs?: TransportOptions['backoffMs'];
}

/**
 * What a member does: browse and join groups, answer sessions, ask and answer on the boards, and
 * manage their own posts and calendar feed. The widgets use this client; it leaves out the
 * facilitators' tools, which members never call, so pages carry fewer bytes.
 */
export function createMemberClient(options: ClientOptions) {
  const tokens = new MemberTokens(options.getMemberToken);
  const transport = new Transport({ ...options, key: options.tenantKey, tokens });
  return {
    /** Low-level access for calls this client does not wrap yet. */
    transport,
    /** Forget the cached member token (after the host signs the member out). */
    signOut: () => tokens.clear(),
    /** Whether a member token is available right now. */
    async isSignedIn(): Promise<boolean> {
      return (await tokens.get()) !== null;
    },
    health: (o: RequestOptions = {}) => transport.request('GET', '/v1/health', o),
    /**
     * The signed-in member; throws `sign_in_required` when nobody is. `me.commitments()`: mine
     * across groups, the open ones first by due date.
     */
    me: Object.assign((o: RequestOptions = {}) => transport.request('GET', '/v1/me', o), {
      commitments: (filters: MyCommitmentsQuery = {}, o: RequestOptions = {}) =>
        transport.request('GET', '/v1/me/commitments', { ...o, query: filters }),
    }),
    /** The association's name and text overrides, for widgets. */
    config: (o: RequestOptions = {}) => transport.request('GET', '/v1/config', o),
    groups: groupsApi(transport),
    sessions: sessionsApi(transport),
    questions: questionsApi(transport),
    commitments: commitmentsApi(transport),
    paginate,
  };
}

/**
 * A typed client of the eKollega API for pages and Node 20+: everything a member does, and the
 * facilitators' tools (the API decides by the member token's roles who may use them).
 *
 * @example
 * const client = createClient({ baseUrl, tenantKey: 'pk_…', getMemberToken: () => fetch('/token').then((r) => r.text()) });
 * const me = await client.me();
 */
export function createClient(options: ClientOptions) {
  return withFacilitatorTools(createMemberClient(options));
}

/** The client of `createMemberClient`, which the widgets share. */
export type EkMemberClient = ReturnType<typeof createMemberClient>;
export type EkClient = ReturnType<typeof createClient>;
