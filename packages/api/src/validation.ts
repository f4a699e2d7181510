import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from './env.js';
import { CONTROL_CHARACTERS } from './contract/common.js';
import { FIELD_ERROR_CODES, Problem, type FieldError, type FieldErrorCode } from './problem.js';

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
  /** For `invalid_union`: each branch's own issues, with paths inside the union's value. */
  errors?: Issue[][];
  /** `too_small`/`too_big`: what was measured (`string`, `number`, `array`…) and the bound. */
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  /** `invalid_format`: `regex`, `datetime`… */
  format?: string;
  /** `invalid_value`: the values allowed. */
  values?: unknown[];
  /** `custom`: a refinement's own field code (`{ params: { code: 'unsafe_link' } }`). */
  params?: { code?: string };
}

const SIZES: Record<string, [FieldErrorCode, FieldErrorCode]> = {
  string: ['too_short', 'too_long'],
  array: ['too_few', 'too_many'],
  set: ['too_few', 'too_many'],
};
const DATE_FORMATS = new Set(['datetime', 'date', 'time']);
const isFieldCode = (code: unknown): code is FieldErrorCode =>
  FIELD_ERROR_CODES.includes(code as FieldErrorCode);

/** A bound as a member reads it: "at least 3" for `> 2` on whole numbers. */
const bound = (value: number | bigint | undefined, inclusive: boolean | undefined, step: number) =>
  value === undefined ? undefined : Number(value) + (inclusive === false ? step : 0);

/** A schema issue's stable code and the limits it names. */
function describe(issue: Issue): Omit<FieldError, 'field' | 'message'> {
  const [small, big] = SIZES[issue.origin ?? ''] ?? ['too_small', 'too_large'];
  switch (issue.code) {
    case 'too_small':
      return { code: small, min: bound(issue.minimum, issue.inclusive, 1) };
    case 'too_big':
      return { code: big, max: bound(issue.maximum, issue.inclusive, -1) };
    case 'invalid_type':
      // zod leaves the input out of its issues; its message says what it received.
      return { code: / received undefined$/.test(issue.message) ? 'required' : 'invalid_type' };
    case 'invalid_value':
      return { code: 'invalid_choice', options: (issue.values ?? []).map(String) };
    case 'invalid_format':
      if (DATE_FORMATS.has(issue.format ?? '')) return { code: 'invalid_date' };
      if (Object.values<string>(CONTROL_CHARACTERS).includes(issue.message))
        return { code: 'control_characters' };
      return { code: 'invalid_format' };
    case 'custom':
      return { code: isFieldCode(issue.params?.code) ? issue.params.code : 'invalid' };
    default:
      return { code: 'invalid' };
  }
}

/** A branch the value was never of: its only complaint is the value's type itself (e.g. "expected null"). */
const wrongBranch = (branch: Issue[]) =>
  branch.every((issue) => issue.code === 'invalid_type' && issue.path.length === 0);

/**
 * Turns schema issues into field errors, each with a stable code and the limits it names; an
 * unknown field is named itself. A value that fits no
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
      return issue.keys.map((key) => ({
        field: at ? `${at}.${key}` : key,
        code: 'unknown_field' as const,
        message: 'unknown field',
      }));
    }
    const { min, max, options, code } = describe(issue);
    return [
      {
        field: at || '(body)',
        code,
        message: issue.message,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
        ...(options ? { options } : {}),
      },
    ];
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
