/**
 * Who can meet a problem code: `member` through the widgets (each has a text in every language
 * the widgets speak), `site` when the association's site or key is set up wrong (the widgets say
 * so in one text), `operator` only on the operator's own endpoints.
 */
export type ProblemAudience = 'member' | 'site' | 'operator';

/**
 * Every problem `code` the API answers with, who meets it and what it means. A test keeps this
 * list and the source in step, and the widgets' tests walk it (from the OpenAPI document's
 * `x-problem-codes`) against their catalogues, so no member reads "something went wrong" for a
 * code that has a reason.
 */
export const PROBLEM_CODES = {
  validation_failed: ['member', 'Some fields are invalid; `errors` names each with its own code.'],
  sign_in_required: ['member', 'Only a signed-in member may do or see this.'],
  token_malformed: ['member', 'The member token is not a JWT.'],
  token_algorithm_refused: ['member', 'The member token is signed with an algorithm this key refuses.'],
  token_signature_invalid: ['member', 'The member token’s signature does not verify.'],
  token_expired: ['member', 'The member token has expired; the site mints a new one.'],
  token_not_yet_valid: ['member', 'The member token is not valid yet.'],
  token_wrong_audience: ['member', 'The member token is for another audience.'],
  token_wrong_issuer: ['member', 'The member token is from another association.'],
  token_lifetime_too_long: ['member', 'The member token lives longer than an hour.'],
  token_claims_invalid: ['member', 'The member token’s claims are invalid.'],
  rate_limited: ['member', 'Too many requests; see Retry-After.'],
  too_many_streams: ['member', 'Too many live streams open at once.'],
  not_found: ['member', 'No such thing for this caller and association.'],
  forbidden: ['member', 'The caller’s role does not allow this.'],
  not_a_member: ['member', 'Only the group’s members and facilitators may see this.'],
  group_closed: ['member', 'The group is closed and takes no new members.'],
  not_pending: ['member', 'The membership is not waiting for a decision.'],
  rules_version_mismatch: ['member', 'The group’s ground rules changed since the member read them.'],
  not_author: ['member', 'Only the author may change this post.'],
  own_post: ['member', 'A member cannot vote on their own post.'],
  post_hidden: ['member', 'The post is hidden pending review.'],
  downvotes_disabled: ['member', 'The association does not use downvotes.'],
  vote_limit: ['member', 'The member has used all their topic votes.'],
  not_yours: ['member', 'Only the member who set the commitment may change it.'],
  already_reported: ['member', 'The commitment is reported; only its visibility can change.'],
  report_closed: ['member', 'The meeting the commitment was due at is over; the report stands.'],
  session_over: ['member', 'The session is over.'],
  session_not_started: ['member', 'The session has not started yet.'],
  session_cancelled: ['member', 'The session was cancelled.'],
  body_too_large: ['member', 'The request body is too large.'],
  internal: ['member', 'The server failed; the request id finds the log line.'],
  key_missing: ['site', 'No tenant key was sent.'],
  key_invalid: ['site', 'The tenant key is not valid.'],
  key_revoked: ['site', 'The tenant key has been revoked.'],
  key_in_use: ['site', 'The key is the one making the request.'],
  origin_not_allowed: ['site', 'The page’s origin is not on the key’s list.'],
  secret_key_in_browser: ['site', 'A secret key was sent from a browser.'],
  malformed_json: ['site', 'The request body is not valid JSON.'],
  bad_request: ['site', 'The request is malformed.'],
  operator_token_invalid: ['operator', 'The operator token is not valid.'],
  operator_from_browser: ['operator', 'The operator endpoints refuse browser origins.'],
} as const satisfies Record<string, readonly [ProblemAudience, string]>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** The codes as the OpenAPI document lists them: `{ code: { audience, description } }`. */
export const problemCodesDocument = () =>
  Object.fromEntries(
    Object.entries(PROBLEM_CODES).map(([code, [audience, description]]) => [code, { audience, description }]),
  );
