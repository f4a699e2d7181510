import { z } from '@hono/zod-openapi';

/** RFC 9457 problem with our stable `code`. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'validation_failed' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** Keyset pagination in: an opaque cursor from the previous page and a page size. */
export const PageQuery = z.object({
  cursor: z.string().max(500).optional().openapi({ description: 'Opaque cursor from the previous page’s next_cursor.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A page of `item`: `{ items, next_cursor }`. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export const problemResponses = {
  400: { description: 'Malformed request', content: { 'application/problem+json': { schema: ProblemSchema } } },
  401: { description: 'Missing or invalid key or member token', content: { 'application/problem+json': { schema: ProblemSchema } } },
  403: { description: 'Not allowed for this origin, key or role', content: { 'application/problem+json': { schema: ProblemSchema } } },
  404: { description: 'No such thing for this association', content: { 'application/problem+json': { schema: ProblemSchema } } },
  409: { description: 'Conflicts with the current state', content: { 'application/problem+json': { schema: ProblemSchema } } },
  422: { description: 'Invalid input; `errors` names each field', content: { 'application/problem+json': { schema: ProblemSchema } } },
  429: { description: 'Rate limited; see Retry-After', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

type Security = Record<string, string[]>[];
/** A publishable key, with or without a member token. */
export const keyed: Security = [{ tenantKey: [] }, { tenantKey: [], memberToken: [] }];
export const memberOnly: Security = [{ tenantKey: [], memberToken: [] }];
/** The secret key, or a member token with the admin role. */
export const adminOnly: Security = [{ secretKey: [] }, { tenantKey: [], memberToken: [] }];
