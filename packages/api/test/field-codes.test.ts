import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../src/problem-codes.js';
import { FIELD_ERROR_CODES } from '../src/problem.js';
import { engines, harness } from './harness.js';

const SRC = join(import.meta.dirname, '../src');
import { qaFixture, type QaFixture } from './questions-fixture.js';

/**
 * A 422 names each field with a stable code and its limits, which the widgets translate; the
 * English `message` stays for developers.
 */
describe.each(engines)('field errors carry a stable code and their limits (%s)', (engine) => {
  let f: QaFixture;
  beforeAll(async () => {
    f = await qaFixture(engine);
  });
  afterAll(() => f.close());

  /** The 422's field errors, without the English message. */
  const errorsOf = async (who: 'aino' | 'helena', path: string, body: unknown, method = 'POST') => {
    const problem = await f.ok(who, path, { method, body }, 422);
    for (const error of problem.errors) expect(FIELD_ERROR_CODES).toContain(error.code);
    expect(problem.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    return problem.errors.map(({ message: _, ...error }: { message: string }) => error);
  };

  it('names the limits of text, lists and numbers', async () => {
    const question = { title: '   ', body: 'Mitä kuuluu?', group_id: f.g1 };
    expect(await errorsOf('aino', '/v1/questions', question)).toEqual([
      { field: 'title', code: 'too_short', min: 1 },
    ]);
    expect(
      await errorsOf('aino', '/v1/questions', {
        ...question,
        title: 'x'.repeat(201),
        tags: ['a', 'b', 'c', 'd', 'e', 'f'],
      }),
    ).toEqual([
      { field: 'title', code: 'too_long', max: 200 },
      { field: 'tags', code: 'too_many', max: 5 },
    ]);
    expect(await errorsOf('helena', '/v1/groups', { name: 'Ryhmä', capacity: 0 })).toEqual([
      { field: 'capacity', code: 'too_small', min: 2 },
    ]);
  });

  it('says what a link, a line break, a choice, a missing field and an unknown one are', async () => {
    const question = { title: 'Linkki', group_id: f.g1 };
    expect(
      await errorsOf('aino', '/v1/questions', { ...question, body: '[katso](javascript:alert(1))' }),
    ).toEqual([{ field: 'body', code: 'unsafe_link' }]);
    expect(await errorsOf('aino', '/v1/questions', { ...question, title: 'a\nb', body: 'b' })).toEqual([
      { field: 'title', code: 'control_characters' },
    ]);
    expect(await errorsOf('aino', '/v1/questions', { title: 'Kysymys', group_id: f.g1 })).toEqual([
      { field: 'body', code: 'required' },
    ]);
    expect(
      await errorsOf('helena', '/v1/groups', { name: 'Ryhmä', join_policy: 'maybe', colour: 'red' }),
    ).toEqual([
      { field: 'join_policy', code: 'invalid_choice', options: ['open', 'approval'] },
      { field: 'colour', code: 'unknown_field' },
    ]);
  });

  it('gives every intake answer left empty as `required`, all at once', async () => {
    const group = await f.ok(
      'helena',
      '/v1/groups',
      {
        method: 'POST',
        body: {
          name: 'Kysyvä',
          capacity: 12,
          intake_questions: [
            { id: 'q1', text: 'Mitä teet?' },
            { id: 'q2', text: 'Mitä toivot?' },
          ],
        },
      },
      201,
    );
    expect(
      await errorsOf(
        'aino',
        `/v1/groups/${group.id}/membership`,
        { accepted_rules_version: 1, answers: { q1: ' ' } },
        'PUT',
      ),
    ).toEqual([
      { field: 'answers.q1', code: 'required' },
      { field: 'answers.q2', code: 'required' },
    ]);
  });

  it('lists the codes in the OpenAPI document', async () => {
    const doc = await (await f.h.call('/v1/openapi.json')).json();
    const fieldError = doc.components.schemas.FieldError;
    expect(fieldError.properties.code.enum).toEqual([...FIELD_ERROR_CODES]);
    expect(Object.keys(fieldError.properties)).toEqual(
      expect.arrayContaining(['field', 'code', 'message', 'min', 'max', 'options']),
    );
    expect(doc.components.schemas.Problem.properties.errors.items.$ref).toBe(
      '#/components/schemas/FieldError',
    );
  });
});

describe('problem codes', () => {
  /** Every code the source raises: `new Problem(status, 'code'`, a token refusal, or an invalid field's own code. */
  const raised = () => {
    const codes = new Set<string>();
    const forms = [
      /Problem\(\s*[\w.]+(?: as \d+)?,\s*'([a-z_]+)'/g,
      /refuse\(\s*'([a-z_]+)'/g,
      /invalidField\([^;]*?,\s*'([a-z_]+)',?\s*\)/g,
      /malformed \? '([a-z_]+)' : '([a-z_]+)'/g,
    ];
    for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(SRC, file), 'utf8');
      for (const form of forms)
        for (const match of source.matchAll(form))
          for (const code of match.slice(1)) if (code) codes.add(code);
    }
    return codes;
  };

  it('are all listed, with who meets them, in the OpenAPI document', async () => {
    const found = raised();
    expect(found.size).toBeGreaterThan(30);
    expect([...found].filter((code) => !(code in PROBLEM_CODES))).toEqual([]);
    const h = await harness('pglite');
    const doc = await (await h.call('/v1/openapi.json')).json();
    await h.close();
    expect(Object.keys(doc.components.schemas.Problem.properties.code['x-problem-codes']).sort()).toEqual(
      Object.keys(PROBLEM_CODES).sort(),
    );
  });
});
