import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Why a field failed, as a stable code a client translates; the limits it names travel beside it
 * (`min`, `max`, `options`). Adding a code is a change clients must hear of (they show a generic
 * text for a code they do not know).
 */
export const FIELD_ERROR_CODES = [
  /** Missing, or an intake question left unanswered. */
  'required',
  /** Text shorter than `min` characters (after trimming; an empty title is `too_short`, `min` 1). */
  'too_short',
  /** Text longer than `max` characters. */
  'too_long',
  /** A number below `min`. */
  'too_small',
  /** A number above `max`. */
  'too_large',
  /** A list with fewer than `min` items. */
  'too_few',
  /** A list with more than `max` items. */
  'too_many',
  /** Not one of `options`. */
  'invalid_choice',
  /** The wrong kind of value (a text where a number belongs, a fraction where a whole number does). */
  'invalid_type',
  /** Text that breaks onto a new line or holds another control character. */
  'control_characters',
  /** A link to anything but an http://, https:// or mailto: address. */
  'unsafe_link',
  /** A date or time the calendar does not have, or one outside the years the service holds. */
  'invalid_date',
  /** Not an IANA time zone the service can write into calendar files. */
  'invalid_time_zone',
  /** Not in the expected shape (an id, a tag, a cursor…); `message` says which. */
  'invalid_format',
  /** Names something that is not there: a member, a question, a topic, an answer. */
  'not_found',
  /** The ground rules changed since the member read them. */
  'rules_changed',
  /** The association does not allow this value (a downvote where downvotes are off). */
  'not_allowed',
  /** A field the request may not carry. */
  'unknown_field',
  /** Anything else; `message` says what. */
  'invalid',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** One field that failed validation, named by its path (`answers.q1`, `capacity`). */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  /** In English, for developers; members read a text chosen by `code`. */
  message: string;
  min?: number;
  max?: number;
  options?: string[];
}

/** A single field's error: a 422 `validation_failed` (or `code`) naming it. */
export const invalidField = (error: FieldError, code = 'validation_failed'): Problem =>
  new Problem(422, code, 'The request body is invalid', `${error.field}: ${error.message}`, {
    errors: [error],
  });

/**
 * An RFC 9457 problem raised anywhere in a request; the app's error handler answers it as
 * `application/problem+json`. `code` is stable so clients can translate it.
 */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(title);
  }
}

/** Renders a problem; `instance` is the request id so a log line can be found from a report. */
export function problemResponse(c: Context, problem: Problem): Response {
  const { headers, ...extra } = problem.extra;
  const body = {
    type: `https://ekollega.fi/problems/${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...extra,
    instance: c.get('requestId') ? `urn:request:${c.get('requestId')}` : undefined,
  };
  const response = c.newResponse(JSON.stringify(body), problem.status, {
    'content-type': 'application/problem+json',
    ...headers,
  });
  return response;
}

export const notFound = (what = 'resource') => new Problem(404, 'not_found', `No such ${what}`);
