import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedQuestions } from '../../../bench/seed-questions.js';
import { engines, harness, type Harness } from './harness.js';

/**
 * The board's reads on a board big enough for the planner to care: each list order and the search
 * are served by an index that leads with the tenant, in one query per page.
 */
describe.each(engines)('Q&A query plans (%s)', (engine) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await harness(engine);
    await seedQuestions(h.store, h.a.tenant.id, 20_000);
    // Another association's board of the same size shares the tables, as in production.
    await seedQuestions(h.store, h.b.tenant.id, 20_000);
    token = await h.mint(h.a, { sub: 'reader', name: 'Lukija' });
  });
  afterAll(() => h.close());

  /** The SQL each request sent, then its plan. */
  async function plansOf(paths: string[]): Promise<string[]> {
    const original = h.store.db.query;
    const captured: { text: string; params: unknown[] }[] = [];
    h.store.db.query = ((text: string, params?: unknown[]) => {
      if (/qa_posts/.test(text)) captured.push({ text, params: params ?? [] });
      return original.call(h.store.db, text, params);
    }) as typeof original;
    try {
      for (const path of paths) {
        const before = captured.length;
        const res = await h.call(path, { token });
        expect(res.status, path).toBe(200);
        expect((await res.json()).items.length, path).toBeGreaterThan(0);
        expect(captured.length - before, `${path} reads a page in one query`).toBe(1);
      }
    } finally {
      h.store.db.query = original;
    }
    const plans: string[] = [];
    for (const { text, params } of captured) {
      const rows = await h.store.db.query<Record<string, string>>(`explain ${text}`, params);
      plans.push(rows.map((r) => Object.values(r)[0]).join('\n'));
    }
    return plans;
  }

  it('lists newest, by votes and unanswered from their own indexes', async () => {
    const [newest, votes, unanswered, nextPage] = await plansOf([
      '/v1/questions?limit=20',
      '/v1/questions?sort=votes&limit=20',
      '/v1/questions?sort=unanswered&limit=20',
      // The cursor is fetched as someone else: on the embedded store a member's own read is
      // memoised for a moment, and the first path must reach the database.
      `/v1/questions?limit=20&cursor=${(await (await h.call('/v1/questions?limit=20', { token: await h.mint(h.a, { sub: 'other', name: 'Toinen' }) })).json()).next_cursor}`,
    ]);
    expect(newest).toContain('qa_questions_newest');
    expect(votes).toContain('qa_questions_votes');
    expect(unanswered).toMatch(/qa_questions_unanswered|qa_questions_newest/);
    expect(nextPage).toContain('qa_questions_newest');
    for (const plan of [newest, votes, unanswered, nextPage]) {
      expect(plan).not.toMatch(/Seq Scan on qa_posts/);
      expect(plan).toMatch(/tenant_id = /);
    }
  });

  it('searches and filters by tag through indexes', async () => {
    const [rare, common, tag] = await plansOf([
      `/v1/questions?q=${encodeURIComponent('tilintarkastajat')}`,
      `/v1/questions?q=${encodeURIComponent('yrittäjien')}`,
      '/v1/questions?tag=verotus',
    ]);
    // A rare word reads the GIN index on (tenant_id, search); a common one may instead walk the
    // board's newest-first index until a page is full.
    expect(rare).toContain('qa_questions_search');
    // Answers' words are searched through their own GIN index, never by reading every answer.
    expect(rare).toContain('qa_answers_search');
    for (const plan of [rare, common, tag]) {
      expect(plan).toMatch(/qa_questions_(search|tags|newest)/);
      expect(plan).not.toMatch(/Seq Scan on qa_posts/);
    }
  });
});
