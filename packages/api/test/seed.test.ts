import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { DEMO_TENANT_ID, seedDemo } from '../src/seed/demo.js';
import { openStore, type Store } from '../src/store/index.js';

describe('demo seed', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(() => store.close());

  it('models the pilot: two online groups of about a dozen, meeting every three weeks, with dates ahead of today', async () => {
    const now = new Date();
    const seed = await seedDemo(store, { origins: ['http://localhost:5173'], now });
    const app = createApp({ store, log: false });
    const { items } = await (
      await app.request('/v1/groups', { headers: { 'ekollega-key': seed.publishable_key } })
    ).json();
    expect(items).toHaveLength(2);
    for (const group of items) {
      expect(group.format).toBe('online');
      expect(group.rhythm.every_weeks).toBe(3);
      expect(group.facilitators).toHaveLength(1);
      expect(group.member_count).toBeGreaterThanOrEqual(10);
      expect(new Date(group.next_meeting_at).getTime()).toBeGreaterThan(now.getTime());
    }
    expect(
      items.map((g: { language: string; places_left: number }) => [g.language, g.places_left]).sort(),
    ).toEqual([
      ['fi', 1],
      ['sv', 2],
    ]);
  });

  it('schedules the groups every three weeks and expert talks on time management, goals and keeping up to date', async () => {
    const seed = await seedDemo(store, { origins: [] });
    const app = createApp({ store, log: false });
    const { items } = await (
      await app.request('/v1/sessions?scope=open&limit=100', {
        headers: { 'ekollega-key': seed.publishable_key },
      })
    ).json();
    expect(items.map((s: { title: string }) => s.title)).toEqual([
      'Ajanhallinta yksinyrittäjän arjessa',
      'Tavoitteet, jotka toteutuvat',
      'Pysy ajan tasalla: uudet työkalut ja säädökset',
    ]);
    expect(
      items.every(
        (s: { meeting_url: string | null; local_start: string }) =>
          s.meeting_url === null && s.local_start.endsWith('T17:00'),
      ),
    ).toBe(true);
    const meetings = await store.db.query<{ group_id: string; local_start: string }>(
      `select group_id, local_start from sessions where tenant_id = $1 and group_id is not null order by group_id, starts_at`,
      [DEMO_TENANT_ID],
    );
    // Six for each group ahead, and the morning group's meeting two weeks ago (the desk's, #13).
    expect(meetings).toHaveLength(13);
    const first = meetings.filter((m) => m.group_id === meetings[0]!.group_id).map((m) => m.local_start);
    expect(new Set(first.map((l) => l.slice(11)))).toEqual(new Set([first[0]!.slice(11)]));
  });

  it('starts a few Q&A threads, one anonymous and one on a group’s confidential board', async () => {
    const seed = await seedDemo(store, { origins: [] });
    const app = createApp({ store, log: false });
    const { SignJWT } = await import('jose');
    const iat = Math.floor(Date.now() / 1000);
    const tokenOf = (sub: string) =>
      new SignJWT({ name: sub, roles: ['member'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(seed.tenant_id)
        .setAudience('ekollega')
        .setSubject(sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(new TextEncoder().encode(seed.member_token_secret));
    const list = async (sub: string, query = '') =>
      (
        await (
          await app.request(`/v1/questions${query}`, {
            headers: { 'ekollega-key': seed.publishable_key, authorization: `Bearer ${await tokenOf(sub)}` },
          })
        ).json()
      ).items;
    const board = await list('demo-aino');
    // Three threads, and the reported post the facilitator desk's demo hides (#13).
    expect(board.length).toBe(4);
    const anonymous = board.find((q: { anonymous: boolean }) => q.anonymous);
    expect(anonymous.author).toBeNull();
    expect(JSON.stringify(anonymous)).not.toContain('demo-peer-6');
    const morning = (
      await store.db.query<{ id: string }>(`select id from groups where tenant_id = $1 and language = 'fi'`, [
        DEMO_TENANT_ID,
      ])
    )[0]!.id;
    expect((await list('demo-peer-2', `?group=${morning}`)).map((q: { title: string }) => q.title)).toEqual([
      'Tavoitteeni edellisestä tapaamisesta: kolme uutta asiakasta',
    ]);
  });

  it('has commitments in both groups due at their next meeting, some reported, one private', async () => {
    const seed = await seedDemo(store, { origins: [] });
    const app = createApp({ store, log: false });
    const { SignJWT } = await import('jose');
    const iat = Math.floor(Date.now() / 1000);
    const get = async (sub: string, path: string) => {
      const token = await new SignJWT({ name: sub, roles: ['facilitator', 'member'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(seed.tenant_id)
        .setAudience('ekollega')
        .setSubject(sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(new TextEncoder().encode(seed.member_token_secret));
      const res = await app.request(path, {
        headers: { 'ekollega-key': seed.publishable_key, authorization: `Bearer ${token}` },
      });
      expect(res.status, path).toBe(200);
      return res.json();
    };
    const groups = await store.db.query<{ id: string; language: string }>(
      'select id, language from groups where tenant_id = $1 order by name',
      [DEMO_TENANT_ID],
    );
    for (const [group, facilitator] of [
      [groups.find((g) => g.language === 'fi')!, 'demo-helena'],
      [groups.find((g) => g.language === 'sv')!, 'demo-peer-1'],
    ] as const) {
      const summary = await get(facilitator, `/v1/groups/${group.id}/commitments/summary`);
      expect(summary.sessions).toHaveLength(1);
      expect(summary.sessions[0].due).toBeGreaterThanOrEqual(4);
      expect(summary.sessions[0].reported).toBeGreaterThanOrEqual(2);
      const round = await get(facilitator, `/v1/sessions/${summary.sessions[0].session_id}/round`);
      expect(round.items.filter((e: { private: boolean }) => e.private)).toHaveLength(1);
    }
  });

  it('runs again without duplicating anything', async () => {
    const again = await seedDemo(store, { origins: ['http://127.0.0.1:5173'] });
    expect(again.tenant_id).toBe(DEMO_TENANT_ID);
    expect(again.origins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
    expect(
      (await store.db.query('select id from groups where tenant_id = $1', [DEMO_TENANT_ID])).length,
    ).toBe(2);
    expect(
      (await store.db.query('select id from sessions where tenant_id = $1', [DEMO_TENANT_ID])).length,
    ).toBe(17);
  });
});
