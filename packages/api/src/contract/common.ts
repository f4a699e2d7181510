import { z } from '@hono/zod-openapi';
import { problemCodesDocument } from '../problem-codes.js';
import { FIELD_ERROR_CODES } from '../problem.js';
import { canonicalZone } from '../time/zones.js';

/**
 * One field that failed: its path, a stable code a client translates, and the limits the code
 * names. `message` is English for developers.
 */
export const FieldErrorSchema = z
  .object({
    field: z.string().openapi({ description: 'The field’s path: `title`, `answers.q1`, `tags.0`.' }),
    code: z.enum(FIELD_ERROR_CODES).openapi({
      description: [
        'Why the field failed; translate this, not `message`. A code a client does not know reads as `invalid`.',
        '`required` missing or an unanswered intake question; `too_short`/`too_long` text length in characters (`min`/`max`);',
        '`too_small`/`too_large` a number (`min`/`max`); `too_few`/`too_many` list items (`min`/`max`);',
        '`invalid_choice` not one of `options`; `invalid_type` the wrong kind of value;',
        '`control_characters` a line break or control character in one-line text; `unsafe_link` a link to other than http://, https:// or mailto:;',
        '`invalid_date` a date or time the calendar or the service does not have; `invalid_time_zone`; `invalid_format` not in the expected shape;',
        '`not_found` names a member, question, topic or answer that is not there; `rules_changed` the ground rules changed since they were read;',
        '`not_allowed` a value the association has switched off; `unknown_field`; `invalid` anything else.',
      ].join(' '),
    }),
    message: z.string().openapi({ description: 'In English, for developers and logs.' }),
    min: z.number().optional(),
    max: z.number().optional(),
    options: z.array(z.string()).optional(),
  })
  .openapi('FieldError', {
    example: {
      field: 'title',
      code: 'too_short',
      message: 'Too small: expected string to have >=1 characters',
      min: 1,
    },
  });

/** RFC 9457 problem with our stable `code`. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({
      example: 'validation_failed',
      description:
        'Stable; translate this. `x-problem-codes` lists every code with who meets it (`member` in the widgets, `site` for a site set up wrong, `operator`).',
      'x-problem-codes': problemCodesDocument(),
    }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(FieldErrorSchema)
      .optional()
      .openapi({ description: 'With `validation_failed` and other 422s: each field that failed.' }),
  })
  .openapi('Problem');

/* eslint-disable no-control-regex -- refusing control characters is the point */
/**
 * One line of text: a title, a name, a place, a tag, an id. Every control character is refused
 * (U+0000–U+001F, TAB included, DEL and U+0080–U+009F): CR or LF would let a title break out of an
 * iCalendar property or a log line, and PostgreSQL cannot store NUL.
 */
const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f]*$/;
/** Several lines (descriptions, agendas, posts): line breaks and TAB are kept, other controls refused. */
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
/* eslint-enable no-control-regex */

/** What a field with a control character says; clients may match on it. */
export const CONTROL_CHARACTERS = {
  singleLine: 'one line without control characters',
  multiLine: 'text without control characters other than line breaks and tabs',
} as const;

/** Trimmed one-line text of `min`–`max` characters. */
export const singleLine = (max: number, min = 0) =>
  z.string().trim().min(min).max(max).regex(SINGLE_LINE, CONTROL_CHARACTERS.singleLine);

/** Trimmed text of several lines, `min`–`max` characters. */
export const multiLine = (max: number, min = 0) =>
  z.string().trim().min(min).max(max).regex(MULTI_LINE, CONTROL_CHARACTERS.multiLine);

/** An id as given (in a path, a query or a body): not trimmed, one line, 1–`max` characters. */
export const idString = (max = 64) =>
  z.string().min(1).max(max).regex(SINGLE_LINE, CONTROL_CHARACTERS.singleLine);

/**
 * An IANA zone name, matched without regard to case and stored as IANA spells it; only zones with
 * a VTIMEZONE definition to write into calendar files (so `EST5EDT` is refused, and `Europe/Kyiv`
 * is described by `Europe/Kiev`'s identical rules).
 */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .transform((zone, ctx) => {
    const canonical = canonicalZone(zone);
    if (canonical) return canonical;
    ctx.addIssue({
      code: 'custom',
      message: 'an IANA time zone such as Europe/Helsinki',
      params: { code: 'invalid_time_zone' },
    });
    return z.NEVER;
  })
  .openapi({
    type: 'string',
    example: 'Europe/Helsinki',
    description:
      'An IANA time zone in any case, stored as IANA spells it. Zones without a VTIMEZONE definition for calendar files (such as EST5EDT) are refused.',
  });

/** A time zone that is Helsinki's unless the caller names another (sessions, series, rhythms). */
export const TimeZoneOrHelsinki = TimeZoneSchema.default('Europe/Helsinki').openapi({
  default: 'Europe/Helsinki',
});

/** An instant with an offset, in the years 0001–9999 (what PostgreSQL and JavaScript both hold). */
export const InstantSchema = z.iso.datetime({ offset: true }).refine(
  (value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1 && year <= 9999;
  },
  { message: 'a date and time in the years 0001–9999', params: { code: 'invalid_date' } },
);

/** The same fields, each optional: the shape of a PATCH body or of a create with defaults. */
export const optional = <T extends Record<string, z.ZodTypeAny>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };

/** A JSON response of `schema` for a route definition. */
export const jsonContent = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Keyset pagination in: an opaque cursor from the previous page and a page size. */
export const PageQuery = z.object({
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({ description: 'Opaque cursor from the previous page’s next_cursor.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A page of `item`: `{ items, next_cursor }`. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export const problemResponses = {
  400: {
    description: 'Malformed request',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  401: {
    description: 'Missing or invalid key or member token',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  403: {
    description: 'Not allowed for this origin, key or role',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  404: {
    description: 'No such thing for this association',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  409: {
    description: 'Conflicts with the current state',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  422: {
    description: 'Invalid input; `errors` names each field',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  429: {
    description: 'Rate limited; see Retry-After',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;

type Security = Record<string, string[]>[];
/** A publishable key, with or without a member token. */
export const keyed: Security = [{ tenantKey: [] }, { tenantKey: [], memberToken: [] }];
export const memberOnly: Security = [{ tenantKey: [], memberToken: [] }];
/** The secret key, or a member token with the admin role. */
export const adminOnly: Security = [{ secretKey: [] }, { tenantKey: [], memberToken: [] }];
