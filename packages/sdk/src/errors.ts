import type { ProblemBody } from '@ekollega/api/contract';

/**
 * The API refused or failed a request. `code` is stable (`sign_in_required`, `validation_failed`,
 * `rate_limited`…) so a UI can translate it; `errors` names the fields of a 422.
 */
export class EkProblemError extends Error {
  override readonly name = 'EkProblemError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: { field: string; message: string }[];
  /** Seconds the API asked to wait (429/503). */
  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;

  constructor(problem: ProblemBody & Record<string, unknown>, init: { retryAfter?: number; requestId?: string } = {}) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.retryAfter = init.retryAfter;
    this.requestId = init.requestId;
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
