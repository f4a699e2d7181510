import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from './env.js';
import { Problem, type FieldError } from './problem.js';

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
  /** For `invalid_union`: each branch's own issues, with paths inside the union's value. */
  errors?: Issue[][];
}

/** A branch the value was never of: its only complaint is the value's type itself (e.g. "expected null"). */
const wrongBranch = (branch: Issue[]) =>
  branch.every((issue) => issue.code === 'invalid_type' && issue.path.length === 0);

/**
 * Turns schema issues into field errors; an unknown field is named itself. A value that fits no
 * branch of a union (`Rhythm | null`) is judged by the one branch it was of, so the error names the
 * field inside it (`rhythm.time_zone`) rather than the union.
 */
export function fieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const branches =
      issue.code === 'invalid_union' ? (issue.errors ?? []).filter((b) => !wrongBranch(b)) : [];
    if (branches.length === 1) {
      return fieldErrors(branches[0]!.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
    }
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: 'unknown field' }));
    }
    return [{ field: at || '(body)', message: issue.message }];
  });
}

/**
 * A router whose failed validation answers a problem naming each field: 422 for a body that
 * parsed but is wrong, 400 for a bad query or path parameter.
 */
export const router = () =>
  new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (result.success) return;
      const errors = fieldErrors(result.error.issues as Issue[]);
      const isBody = result.target === 'json';
      throw new Problem(
        isBody ? 422 : 400,
        'validation_failed',
        isBody ? 'The request body is invalid' : `The ${result.target} parameters are invalid`,
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        { errors },
      );
    },
  });
