import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './harness.js';
import { qaFixture, type QaFixture } from './questions-fixture.js';

interface AnswerPage {
  items: { id: string; body: string; accepted: boolean }[];
  next_cursor: string | null;
}

describe.each(engines)('a question with many answers (%s)', (engine) => {
  let f: QaFixture;
  let question: string;
  let answers: string[];
  let hidden: string;
  beforeAll(async () => {
    f = await qaFixture(engine);
    question = (await f.ask('aino', { group_id: f.g1, title: 'Mikä auttaa jaksamaan?' })).id;
    answers = [];
    for (let n = 1; n <= 205; n++) {
      answers.push((await f.answer(n % 2 ? 'salla' : 'helena', question, { body: `Vastaus ${n}` })).id);
    }
    hidden = answers[100]!;
    await f.ok('helena', `/v1/questions/${question}/answers/${hidden}/hide`, { method: 'POST' });
    await f.ok('aino', `/v1/questions/${question}/accepted`, {
      method: 'PUT',
      body: { answer_id: answers[150] },
    });
  }, 120_000);
  afterAll(() => f.close());

  /** Every answer `who` reaches: the question's page, then `GET …/answers` page by page. */
  async function everyAnswer(who: 'aino' | 'helena', limit: number) {
    const detail = await f.ok(who, `/v1/questions/${question}`);
    const seen: string[] = detail.answers.map((a: { id: string }) => a.id);
    let cursor: string | null = detail.answers_next_cursor;
    while (cursor) {
      const page: AnswerPage = await f.ok(
        who,
        `/v1/questions/${question}/answers?limit=${limit}&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.next_cursor;
    }
    return { detail, seen };
  }

  it('shows the accepted answer and the first 200, then every other answer once, oldest first', async () => {
    const { detail, seen } = await everyAnswer('aino', 7);
    expect(detail.answers).toHaveLength(200);
    expect(detail.answers[0].id).toBe(answers[150]);
    expect(detail.answers[0].accepted).toBe(true);
    const visible = answers.filter((id) => id !== hidden);
    expect(seen).toEqual([answers[150], ...visible.filter((id) => id !== answers[150])]);
    expect(new Set(seen).size).toBe(204);
  });

  it('gives the moderator the hidden answer in its place', async () => {
    const { seen } = await everyAnswer('helena', 100);
    expect(seen).toHaveLength(205);
    expect(seen).toContain(hidden);
  });

  it('starts at the question’s own first page without a cursor', async () => {
    const page: AnswerPage = await f.ok('salla', `/v1/questions/${question}/answers?limit=3`);
    expect(page.items.map((a) => a.id)).toEqual([answers[150], answers[0], answers[1]]);
    expect(page.next_cursor).not.toBeNull();
    const accepted: AnswerPage = await f.ok('salla', `/v1/questions/${question}/answers?limit=1`);
    expect(accepted.items.map((a) => a.id)).toEqual([answers[150]]);
    const after: AnswerPage = await f.ok(
      'salla',
      `/v1/questions/${question}/answers?limit=1&cursor=${accepted.next_cursor}`,
    );
    expect(after.items.map((a) => a.id)).toEqual([answers[0]]);
  });

  it('answers 404 to whoever may not read the board, and 400 to a forged cursor', async () => {
    const path = `/v1/questions/${question}/answers`;
    for (const who of ['bjorn', 'mikko', 'frida', 'boss', 'olli', null] as const) {
      const res = await f.as(who, path);
      expect(res.status, String(who)).toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain('Vastaus');
    }
    const forged = Buffer.from(JSON.stringify(['0000-01-01T00:00:00Z', 'x'])).toString('base64url');
    const res = await f.as('aino', `${path}?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe('cursor');
  });
});
