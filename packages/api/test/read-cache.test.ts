import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';
import { qaFixture, type QaFixture } from './questions-fixture.js';

/**
 * Visitors' reads are memoised for a moment per process (routes/read-cache.ts). Whatever asked
 * first, a visitor must get exactly what a visitor alone would get, and only their association's.
 */
describe.each(engines)('the visitor memo (%s)', (engine) => {
  let f: QaFixture;
  beforeAll(async () => {
    f = await qaFixture(engine);
    await f.setSettings({ qa_public_read: true });
    await f.ok('olli', '/v1/tenant', { method: 'PATCH', body: { settings: { qa_public_read: true } } }, 200);
  });
  afterAll(() => f.close());

  it('never gives a visitor the moderator view the secret key asked for just before', async () => {
    const q = await f.ask('mikko', { title: 'Piilotettava' });
    await f.ok(
      'aino',
      `/v1/questions/${q.id}/report`,
      {
        method: 'POST',
        body: { reason: 'Salainen syy' },
      },
      204,
    );
    expect((await f.as('helena', `/v1/questions/${q.id}/hide`, { method: 'POST' })).status).toBeLessThan(300);

    const alone = await f.as(null, '/v1/questions?status=hidden');
    expect(alone.status).toBe(403);
    expect((await f.as(null, `/v1/questions/${q.id}`)).status).toBe(404);

    const moderated = await f.ok('server', '/v1/questions?status=hidden');
    expect(moderated.items.map((i: { id: string }) => i.id)).toContain(q.id);
    const detail = await f.as('server', `/v1/questions/${q.id}`);
    expect(detail.status).toBe(200);

    const after = await f.as(null, '/v1/questions?status=hidden');
    expect(after.status).toBe(alone.status);
    expect(await after.text()).not.toContain('Salainen syy');
    const hidden = await f.as(null, `/v1/questions/${q.id}`);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain('Salainen syy');
    // A shared cache between the association's server and the API must not keep the moderator view.
    expect(detail.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('never fills the memo from the secret key: the association-wide list a visitor gets has no moderation', async () => {
    await f.ask('mikko', { title: 'Julkinen kysymys' });
    const server = await f.ok('server', '/v1/questions?sort=votes');
    expect(server.items[0]).toHaveProperty('moderation');
    const visitor = await f.ok(null, '/v1/questions?sort=votes');
    expect(visitor.items.length).toBeGreaterThan(0);
    for (const item of visitor.items) expect(item).not.toHaveProperty('moderation');
  });
});

describe.each(engines)('the visitor memo across associations (%s)', (engine) => {
  let h: Harness;
  const made: Record<'a' | 'b', Record<string, string>> = { a: {}, b: {} };
  const visitor = (who: 'a' | 'b', path: string) => h.call(path, { key: h[who].publishableKey });
  const idsOf = async (res: Response) => {
    expect(res.status).toBe(200);
    return ((await res.json()).items as { id: string }[]).map((item) => item.id);
  };

  // The same writes in the same order on both sides, so that each association's change counter
  // (part of the memo's key) is equal and only the association itself tells the two answers apart.
  beforeAll(async () => {
    h = await harness(engine);
    for (const who of ['a', 'b'] as const) {
      const token = await h.mint(h[who], {
        sub: `boss-${who}`,
        name: 'Boss',
        roles: ['admin', 'facilitator'],
      });
      const write = async (path: string, method: string, body: unknown) => {
        const res = await h.call(path, { method, body, token, key: h[who].publishableKey });
        expect(res.status, await res.clone().text()).toBeLessThan(300);
        return res.json();
      };
      await write('/v1/tenant', 'PATCH', { settings: { qa_public_read: true } });
      made[who].group = (await write('/v1/groups', 'POST', { name: `Ryhmä ${who}`, capacity: 12 })).id;
      made[who].question = (
        await write('/v1/questions', 'POST', { title: `Kysymys ${who}`, body: 'Runko' })
      ).id;
      made[who].session = (
        await write('/v1/sessions', 'POST', {
          title: `Tapahtuma ${who}`,
          scope: 'public',
          start: '2027-05-05T17:00',
          duration_minutes: 60,
        })
      ).id;
    }
    expect(h.store.version(h.a.tenant.id)).toBe(h.store.version(h.b.tenant.id));
  });
  afterAll(() => h.close());

  it.each([
    ['groups', '/v1/groups', 'group'],
    ['public questions', '/v1/questions', 'question'],
    ['open sessions', '/v1/sessions?scope=open', 'session'],
  ])('gives each association’s visitors their own %s for the same URL', async (_, path, kind) => {
    expect(await idsOf(await visitor('a', path))).toEqual([made.a[kind]]);
    expect(await idsOf(await visitor('b', path))).toEqual([made.b[kind]]);
  });
});
