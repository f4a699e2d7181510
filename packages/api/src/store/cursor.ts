import { Problem } from '../problem.js';

/** An opaque keyset cursor: the sort key of the last row a page ended on. */
export const encodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** A cursor's text value: one line, as ids and names are, or the store could not compare it. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const isCursorText = (value: unknown) => typeof value === 'string' && !/[\u0000-\u001f]/.test(value);

/** A cursor's instant: an ISO time in the years 0001–9999. */
export const isCursorInstant = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return false;
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
};

/**
 * The values of a cursor this API issued, checked by `valid` before any of them reaches a query:
 * a cursor is in the client's hands, and a forged one must be a 400, not a database error.
 */
export function decodeCursor<T extends unknown[]>(
  cursor: string | undefined,
  arity: number,
  valid: (values: unknown[]) => boolean = () => true,
): T | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && valid(values)) return values as T;
  } catch {
    // fall through to the problem below
  }
  throw badCursor();
}

/** The problem for a cursor this API did not issue, or one whose values it cannot use. */
export function badCursor(): Problem {
  return new Problem(
    400,
    'validation_failed',
    'The cursor is not valid',
    'cursor: use next_cursor from the previous page',
    {
      errors: [{ field: 'cursor', code: 'invalid_format', message: 'not a cursor this API issued' }],
    },
  );
}
