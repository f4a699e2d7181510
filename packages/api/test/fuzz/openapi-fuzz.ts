import fc from 'fast-check';
import { harness, type Harness } from '../harness.js';

/**
 * Property-based fuzzing of every operation in `/v1/openapi.json`: requests are generated from the
 * same schemas that validate them (path and query parameters, JSON bodies), with hostile values
 * mixed in at every level, and sent in-process by several kinds of caller. The property is the
 * README's promise: bad input is a 4xx problem, never a 5xx.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  example?: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** Strings that have broken servers: NUL, CRLF, prototype keys, impossible dates, odd zones, sizes. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'Kokous\r\nBEGIN:VEVENT\r\nUID:x@evil\r\nEND:VEVENT\r\nX-A:',
  '\t',
  '__proto__',
  'constructor',
  'prototype',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00',
  '2027-02-31T09:00',
  '2027-03-28T03:30',
  '275760-09-13T00:00:00Z',
  'WyJ4IiwieSJd',
  'europe/helsinki',
  'EST5EDT',
  'Europe/Kyiv',
  '💥'.repeat(50),
  'x'.repeat(5000),
  "' or 1=1 --",
  '%00',
  '../../etc/passwd',
  'null',
  '-1',
  '1e309',
];

const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 31,
      2 ** 53 + 1,
      -(2 ** 63),
      1e308,
      [],
      {},
      [null],
      JSON.parse('{"__proto__": {"polluted": 1}}'),
    ),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );

/**
 * An arbitrary of values for `schema`. Clean values follow the schema (so requests get past
 * validation into the store); with `hostile`, any value at any depth may be replaced by one that
 * has broken servers.
 */
function arbitraryOf(schema: Schema, doc: Document, hostile: boolean, depth = 0): fc.Arbitrary<unknown> {
  const valid = validOf(schema, doc, hostile, depth);
  if (!hostile) return valid;
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostileValue() });
}

function validOf(schema: Schema, doc: Document, hostile: boolean, depth: number): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return validOf(doc.components.schemas[name]!, doc, hostile, depth);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => arbitraryOf(s, doc, hostile, depth + 1)));
  if (schema.allOf) return validOf(Object.assign({}, ...schema.allOf), doc, hostile, depth);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'string'];
  return fc.oneof(...types.map((type) => ofType(type, schema, doc, hostile, depth)));
}

function ofType(
  type: string,
  schema: Schema,
  doc: Document,
  hostile: boolean,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'array':
      return fc.array(schema.items ? arbitraryOf(schema.items, doc, hostile, depth + 1) : hostileValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      if (depth > 6) return fc.constant({});
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const known = fc.record(
        Object.fromEntries(properties.map(([key, s]) => [key, arbitraryOf(s, doc, hostile, depth + 1)])),
        { requiredKeys: properties.map(([key]) => key).filter((key) => required.has(key)) },
      );
      const keys = fc.stringMatching(/^[a-z0-9_]{1,8}$/);
      const hostileKeys = fc.constantFrom(...HOSTILE_STRINGS.slice(0, 12));
      const extra =
        typeof schema.additionalProperties === 'object'
          ? fc.dictionary(
              hostile ? fc.oneof(hostileKeys, keys) : keys,
              arbitraryOf(schema.additionalProperties, doc, hostile, depth + 1),
              { maxKeys: 3 },
            )
          : hostile
            ? fc.oneof(
                { weight: 6, arbitrary: fc.constant({}) },
                { weight: 1, arbitrary: fc.dictionary(hostileKeys, hostileValue(), { maxKeys: 2 }) },
              )
            : fc.constant({});
      return fc.tuple(known, extra).map(([k, e]) => ({ ...e, ...k }));
    }
    default:
      return stringOf(schema, hostile);
  }
}

function stringOf(schema: Schema, hostile: boolean): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 40, 60);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  if (schema.format === 'date-time') {
    const between = (min: string, max: string) =>
      fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d) => d.toISOString());
    // Mostly around now; sometimes at the ends of what the schema allows.
    return fc.oneof(
      { weight: 4, arbitrary: between('1960-01-01T00:00:00Z', '2100-01-01T00:00:00Z') },
      { weight: 1, arbitrary: between('0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z') },
    );
  }
  if (schema.format === 'uri') return fc.webUrl();
  const fitting = (s: string) => s.length >= minLength && s.length <= maxLength;
  const options: fc.Arbitrary<string>[] = [];
  if (typeof schema.example === 'string') options.push(fc.constant(schema.example));
  // Patterns that only forbid characters also match nearly anything fc.string gives.
  if (schema.pattern) options.push(fc.stringMatching(new RegExp(schema.pattern)).filter(fitting));
  if (hostile || !options.length) options.push(fc.string({ minLength, maxLength }));
  return fc.oneof(...options);
}

/** The people who call: each route runs with every kind of caller. */
async function callersOf(h: Harness) {
  const token = (sub: string, roles: string[]) => h.mint(h.a, { sub, name: sub, roles });
  return {
    visitor: { key: h.a.publishableKey },
    member: { key: h.a.publishableKey, token: await token('aino', ['member']) },
    facilitator: { key: h.a.publishableKey, token: await token('helena', ['facilitator', 'member']) },
    admin: { key: h.a.publishableKey, token: await token('boss', ['admin']) },
    secret: { key: h.a.secretKey },
    otherAssociation: {
      key: h.b.publishableKey,
      token: await h.mint(h.b, { sub: 'olli', roles: ['admin'] }),
    },
  };
}

/** Real ids of each kind, so generated requests also reach past the 404s. */
async function seed(h: Harness, callers: Awaited<ReturnType<typeof callersOf>>) {
  const send = async (
    caller: { key: string; token?: string },
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const res = await h.call(path, { ...caller, method, body });
    if (res.status >= 300)
      throw new Error(`fuzz seed: ${method} ${path} → ${res.status} ${await res.text()}`);
    return res.status === 204 ? {} : res.json();
  };
  await send(callers.member, 'GET', '/v1/me');
  await send(callers.admin, 'PATCH', '/v1/tenant', { settings: { qa_public_read: true } });
  const group = await send(callers.facilitator, 'POST', '/v1/groups', {
    name: 'Fuzz group',
    capacity: 12,
    join_policy: 'open',
    intake_questions: [{ id: 'q1', text: 'Mitä teet?' }],
  });
  await send(callers.member, 'PUT', `/v1/groups/${group.id}/membership`, {
    accepted_rules_version: 1,
    answers: { q1: 'Kahvila' },
  });
  const session = await send(callers.facilitator, 'POST', '/v1/sessions', {
    group_id: group.id,
    title: 'Fuzz meeting',
    start: '2027-06-01T09:00',
    duration_minutes: 60,
  });
  const event = await send(callers.admin, 'POST', '/v1/sessions', {
    title: 'Fuzz event',
    scope: 'public',
    start: '2027-06-02T17:00',
    duration_minutes: 60,
    capacity: 2,
  });
  const topic = await send(callers.facilitator, 'POST', `/v1/groups/${group.id}/topics`, {
    title: 'Ajanhallinta',
  });
  const question = await send(callers.member, 'POST', '/v1/questions', { title: 'Fuzz?', body: 'Runko' });
  const answer = await send(callers.facilitator, 'POST', `/v1/questions/${question.id}/answers`, {
    body: 'Vastaus',
  });
  const feed = await send(callers.member, 'GET', '/v1/me/calendar');
  return {
    // `{id}` is a group's, a session's or a question's, by the path it is in.
    '/v1/groups': [group.id],
    '/v1/sessions': [session.id, event.id],
    '/v1/questions': [question.id],
    memberId: ['aino', 'helena', 'boss'],
    topicId: [topic.id],
    answerId: [answer.id],
    file: [`${new URL(feed.url).pathname.split('/').pop()}`, `${h.a.tenant.id}.ics`],
  };
}

export interface FuzzOptions {
  engine: 'pglite' | 'postgres';
  seed: number;
  /** Generated requests per operation. */
  runsPerOperation: number;
  /** Each request as it completes (for a progress report). */
  onRequest?: (line: string) => void;
}

/** A request that got a 5xx, as fast-check shrank it. */
export class ServerError extends Error {}

/**
 * Fuzzes every operation of the OpenAPI document on a fresh store; throws fast-check's report
 * (with the seed and the smallest request found) when any request answers 5xx.
 */
export async function fuzzOpenApi(options: FuzzOptions): Promise<{ operations: number; requests: number }> {
  const h = await harness(options.engine);
  try {
    const doc = (await (await h.app.request('/v1/openapi.json')).json()) as Document;
    const callers = await callersOf(h);
    const known = await seed(h, callers);
    let requests = 0;
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        const parameters = operation.parameters ?? [];
        const pathParams = fc.record(
          Object.fromEntries(
            parameters
              .filter((p) => p.in === 'path')
              .map((p) => [
                p.name,
                fc.oneof(
                  { weight: 4, arbitrary: fc.constantFrom(...idsFor(known, path, p.name)) },
                  {
                    weight: 1,
                    arbitrary: fc.oneof(stringOf(p.schema, true), fc.constantFrom(...HOSTILE_STRINGS)),
                  },
                ),
              ]),
          ),
        );
        const bodySchema = operation.requestBody?.content['application/json']?.schema;
        // Half the requests follow the schemas throughout, half carry hostile values somewhere.
        const request = (hostile: boolean) =>
          fc.record({
            query: fc.record(
              Object.fromEntries(
                parameters
                  .filter((p) => p.in === 'query')
                  .map((p) => [
                    p.name,
                    // Only cursors this API issued pass, so a clean request carries none.
                    p.name === 'cursor' && !hostile
                      ? fc.constant(undefined)
                      : arbitraryOf(p.schema, doc, hostile),
                  ]),
              ),
              { requiredKeys: [] },
            ),
            body: bodySchema ? arbitraryOf(bodySchema, doc, hostile) : fc.constant(undefined),
          });
        const queryAndBody = fc.oneof(request(false), request(true));
        const caller = fc.constantFrom(...(Object.keys(callers) as (keyof typeof callers)[]));
        await fc.assert(
          fc.asyncProperty(pathParams, queryAndBody, caller, async (params, { query, body: json }, who) => {
            const url =
              path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name]))) +
              queryString(query);
            const res = await h.call(url, {
              ...callers[who],
              method: method.toUpperCase(),
              ...(json === undefined ? {} : { rawBody: JSON.stringify(json) }),
            });
            requests++;
            // A live stream would run for minutes: its status is all that is checked.
            if (res.headers.get('content-type')?.includes('text/event-stream')) await res.body?.cancel();
            const text = res.headers.get('content-type')?.includes('event-stream') ? '' : await res.text();
            options.onRequest?.(`${res.status} ${method.toUpperCase()} ${url} as ${who}`);
            if (res.status >= 500) {
              throw new ServerError(
                `${res.status} for ${method.toUpperCase()} ${url} as ${who} with ${JSON.stringify(json)}: ${text}`,
              );
            }
          }),
          { seed: options.seed, numRuns: options.runsPerOperation, endOnFailure: true },
        );
      }
    }
    return { operations, requests };
  } finally {
    await h.close();
  }
}

function idsFor(known: Record<string, string[]>, path: string, name: string): string[] {
  if (name !== 'id') return known[name] ?? ['x'];
  return Object.entries(known).find(([prefix]) => path.startsWith(`${prefix}/`))?.[1] ?? ['x'];
}

function queryString(query: Record<string, unknown>): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined);
  if (!entries.length) return '';
  return `?${entries
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`,
    )
    .join('&')}`;
}
