import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './harness.js';
import { qaFixture, type Person, type QaFixture } from './questions-fixture.js';

type Caller = Person | null | 'server';
interface Call {
  method: string;
  path: string;
  body?: unknown;
}

/** Every route that names a post, for question `q` and its answer `a`. */
function postRoutes(q: string, a: string): Call[] {
  const routes: Call[] = [
    { method: 'GET', path: `/v1/questions/${q}` },
    { method: 'POST', path: `/v1/questions/${q}/answers`, body: { body: 'Vastaus' } },
    { method: 'PUT', path: `/v1/questions/${q}/accepted`, body: { answer_id: a } },
    { method: 'PUT', path: `/v1/questions/${q}/accepted`, body: { answer_id: null } },
    { method: 'PATCH', path: `/v1/questions/${q}`, body: { title: 'Muutettu' } },
    { method: 'PATCH', path: `/v1/questions/${q}/answers/${a}`, body: { body: 'Muutettu' } },
  ];
  for (const post of [`/v1/questions/${q}`, `/v1/questions/${q}/answers/${a}`]) {
    routes.push(
      { method: 'PUT', path: `${post}/vote`, body: { value: 1 } },
      { method: 'DELETE', path: `${post}/vote` },
      { method: 'POST', path: `${post}/report`, body: { reason: 'Asiaton' } },
      { method: 'POST', path: `${post}/hide` },
      { method: 'POST', path: `${post}/restore` },
      { method: 'GET', path: `${post}/history` },
      { method: 'POST', path: `${post}/reveal`, body: { reason: 'Tarkistus' } },
      { method: 'DELETE', path: post },
    );
  }
  return routes;
}

/** Every route that names a board. */
function boardRoutes(groupId: string): Call[] {
  return [
    { method: 'GET', path: `/v1/questions?group=${groupId}` },
    { method: 'GET', path: `/v1/questions?group=${groupId}&sort=votes` },
    { method: 'GET', path: `/v1/questions?group=${groupId}&sort=unanswered` },
    { method: 'GET', path: `/v1/questions?group=${groupId}&q=salaisuus` },
    { method: 'GET', path: `/v1/questions?group=${groupId}&tag=luottamus` },
    { method: 'GET', path: `/v1/questions?group=${groupId}&status=hidden` },
    { method: 'GET', path: `/v1/questions/stream?group=${groupId}` },
    { method: 'POST', path: '/v1/questions', body: { group_id: groupId, title: 'Tunkeilija', body: 'Hei' } },
  ];
}

describe.each(engines)('Q&A visibility (%s)', (engine) => {
  let f: QaFixture;
  let groupQuestion: { id: string; answer: string };
  let boardQuestion: { id: string; answer: string };

  beforeAll(async () => {
    f = await qaFixture(engine);
    const q = await f.ask('aino', {
      group_id: f.g1,
      title: 'Ryhmän salaisuus',
      body: 'Vain meille',
      tags: ['luottamus'],
    });
    const a = await f.answer('salla', q.id, { body: 'Ryhmän vastaus' });
    groupQuestion = { id: q.id, answer: a.id };
    const open = await f.ask('aino', { title: 'Yhdistyksen kysymys' });
    const answer = await f.answer('mikko', open.id);
    boardQuestion = { id: open.id, answer: answer.id };
  });
  afterAll(() => f.close());

  /** Calls each route as `who`; what came back, and what the same call says of posts that do not exist. */
  async function sweep(who: Caller, routes: Call[], ghosts: Call[]) {
    const results: { call: Call; status: number; code: string; ghost: { status: number; code: string } }[] =
      [];
    for (const [i, call] of routes.entries()) {
      const res = await f.as(who, call.path, { method: call.method, body: call.body });
      const body = res.headers.get('content-type')?.includes('json')
        ? await res.json()
        : (await res.body?.cancel(), {});
      const ghostRes = await f.as(who, ghosts[i]!.path, { method: call.method, body: ghosts[i]!.body });
      const ghost = ghostRes.headers.get('content-type')?.includes('json')
        ? await ghostRes.json()
        : (await ghostRes.body?.cancel(), {});
      results.push({
        call,
        status: res.status,
        code: body.code,
        ghost: { status: ghostRes.status, code: ghost.code },
      });
    }
    return results;
  }

  /** 404 exactly as for a post that does not exist; a write without a member is refused before any lookup. */
  function expectInvisible(who: Caller, results: Awaited<ReturnType<typeof sweep>>) {
    for (const { call, status, code, ghost } of results) {
      const what = `${call.method} ${call.path} as ${who}`;
      expect(status, what).not.toBe(403);
      expect(status, what).toBeGreaterThanOrEqual(400);
      if (status === 401) {
        expect(code, what).toBe('sign_in_required');
        expect(who === null || who === 'server', what).toBe(true);
      } else {
        expect(status, what).toBe(404);
      }
      expect({ status, code }, `${what} looks like a post that does not exist`).toEqual(ghost);
    }
  }

  const outsidersOfGroup: Caller[] = [null, 'bjorn', 'mikko', 'frida', 'boss', 'server', 'olli'];

  it.each(outsidersOfGroup)('hides group G1’s board and posts from %s on every route', async (who) => {
    const posts = postRoutes(groupQuestion.id, groupQuestion.answer);
    const ghosts = postRoutes('qst_doesnotexist', 'ans_doesnotexist');
    expectInvisible(who, await sweep(who, posts, ghosts));
    const boards = boardRoutes(f.g1);
    expectInvisible(who, await sweep(who, boards, boardRoutes('grp_doesnotexist')));
  });

  it.each([null, 'olli'] as Caller[])(
    'hides the association’s board posts from %s on every route',
    async (who) => {
      const posts = postRoutes(boardQuestion.id, boardQuestion.answer);
      expectInvisible(who, await sweep(who, posts, postRoutes('qst_doesnotexist', 'ans_doesnotexist')));
    },
  );

  it('left every post as it was, and never let an outsider’s search or list show them', async () => {
    const detail = await f.ok('aino', `/v1/questions/${groupQuestion.id}`);
    expect(detail).toMatchObject({
      title: 'Ryhmän salaisuus',
      score: 0,
      status: 'visible',
      answer_count: 1,
      accepted_answer_id: null,
      edited_at: null,
    });
    expect(detail.answers).toMatchObject([
      { id: groupQuestion.answer, score: 0, status: 'visible', edited_at: null },
    ]);
    expect((await f.ok('helena', `/v1/questions/${groupQuestion.id}`)).moderation.report_count).toBe(0);
    const open = await f.ok('aino', `/v1/questions/${boardQuestion.id}`);
    expect(open).toMatchObject({ score: 0, status: 'visible', answer_count: 1, edited_at: null });
    expect((await f.ok('boss', '/v1/questions/reveals')).items).toEqual([]);

    for (const who of ['bjorn', 'mikko', 'frida', 'boss', 'server'] as const) {
      for (const query of ['', '?q=salaisuus', '?tag=luottamus', '?sort=votes', '?sort=unanswered']) {
        const text = await (await f.as(who, `/v1/questions${query}`)).text();
        expect(text, `${who} ${query}`).not.toContain(groupQuestion.id);
        expect(text, `${who} ${query}`).not.toContain('salaisuus');
      }
    }
    const otherTenant = await f.ok('olli', '/v1/questions');
    expect(otherTenant.items).toEqual([]);
  });

  it('shows group G1’s posts to its members and facilitator', async () => {
    for (const who of ['aino', 'salla', 'helena'] as const) {
      expect(
        (await f.ok(who, `/v1/questions?group=${f.g1}&q=salaisuus`)).items.map((q: { id: string }) => q.id),
      ).toEqual([groupQuestion.id]);
      expect((await f.ok(who, `/v1/questions/${groupQuestion.id}`)).answers).toHaveLength(1);
    }
    expect((await f.ok('helena', `/v1/questions/${groupQuestion.id}`)).can_moderate).toBe(true);
    expect((await f.ok('aino', `/v1/questions/${groupQuestion.id}`)).can_moderate).toBe(false);
  });

  it('stops showing the board to a member who leaves the group', async () => {
    await f.ok('salla', `/v1/groups/${f.g1}/membership`, { method: 'DELETE' }, 204);
    expect((await f.as('salla', `/v1/questions/${groupQuestion.id}`)).status).toBe(404);
    expect((await f.as('salla', `/v1/questions?group=${f.g1}`)).status).toBe(404);
    expect(
      (
        await f.as('salla', `/v1/questions/${groupQuestion.id}/answers/${groupQuestion.answer}`, {
          method: 'PATCH',
          body: { body: 'x' },
        })
      ).status,
    ).toBe(404);
  });
});
