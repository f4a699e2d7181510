import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One field that failed validation, named by its path (`answers.q1`, `capacity`). */
export interface FieldError {
  field: string;
  message: string;
}

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
