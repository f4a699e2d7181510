import type { FieldError, ProblemBody } from './types.js';

/**
 * The API refused or failed a request. `code` is stable (`sign_in_required`, `validation_failed`,
 * `rate_limited`…) so a UI can translate it; `errors` names the fields of a 422, each with its own
 * stable `code` and limits (`{ field: 'title', code: 'too_short', min: 1 }`).
 */
export class EkProblemError extends Error {
  declare readonly name: 'EkProblemError';
  declare readonly status: number;
  declare readonly code: string;
  declare readonly title: string;
  declare readonly detail: string | undefined;
  declare readonly errors: FieldError[];
  /** Seconds the API asked to wait (429/503). */
  declare readonly retryAfter: number | undefined;
  declare readonly requestId: string | undefined;

  constructor(
    problem: ProblemBody & Record<string, unknown>,
    init: { retryAfter?: number | undefined; requestId?: string | undefined } = {},
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    const { status, code, title, detail, errors = [] } = problem;
    Object.assign(this, { name: 'EkProblemError', status, code, title, detail, errors, ...init });
  }
}

/** The API could not be reached (offline, DNS, CORS refused by the browser). */
export class EkNetworkError extends Error {
  override readonly name = 'EkNetworkError';
  readonly code = 'network';
  constructor(override readonly cause: unknown) {
    super(`The eKollega API could not be reached: ${String((cause as Error)?.message ?? cause)}`);
  }
}

export const isProblem = (error: unknown, code?: string): error is EkProblemError =>
  error instanceof EkProblemError && (code === undefined || error.code === code);
