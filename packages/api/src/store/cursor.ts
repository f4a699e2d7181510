import { Problem } from '../problem.js';

/** An opaque keyset cursor: the sort key of the last row a page ended on. */
export const encodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, arity: number): T | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values as T;
  } catch {
    // fall through to the problem below
  }
  throw new Problem(
    400,
    'validation_failed',
    'The cursor is not valid',
    'cursor: use next_cursor from the previous page',
    {
      errors: [{ field: 'cursor', message: 'not a cursor this API issued' }],
    },
  );
}
