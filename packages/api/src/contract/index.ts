/** The API's wire types, shared with the SDK so no type is copied by hand. */
export * from './common.js';
export * from './tenant.js';
export * from './groups.js';
export * from './sessions.js';
export * from './questions.js';
export * from './commitments.js';
export * from './desk.js';
export type { z } from '@hono/zod-openapi';

import type { z } from '@hono/zod-openapi';
import type { ProblemSchema } from './common.js';
/** A problem body as the API sends it. */
export type ProblemBody = z.infer<typeof ProblemSchema>;
/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
