import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementNames } from '../src/store/db.js';
import { engines, freshStore, harness, type Harness } from './harness.js';

/**
 * The read path a signed-in page load takes: a member's group list, sessions and group board.
 * Revalidating with the ETag costs no body, yet after the member's own join, RSVP or post the
 * next read is fresh; the read columns behind the group cards follow every write.
 */
describe.each(engines)('a member’s reads (%s)', (engine) => {
  let h: Harness;
  let facilitator: string;
  let aino: string;
  let bertta: string;
  let groupId: string;

  const get = (path: string, token?: string, etag?: string) =>
    h.call(path, { token, headers: etag ? { 'if-none-match': etag } : {} });
  const ok = async (res: Response | Promise<Response>) => {
    const response = await res;
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return response;
  };
  const card = async (token?: string) => {
    const list = await (await ok(get('/v1/groups', token))).json();
    return list.items.find((g: { id: string }) => g.id === groupId);
  };

  beforeAll(async () => {
    h = await harness(engine);
    facilitator = await h.mint(h.a, { sub: 'fac-1', name: 'Fanni Fasilitaattori', roles: ['facilitator'] });
    aino = await h.mint(h.a, { sub: 'member-1', name: 'Aino Virtanen' });
    bertta = await h.mint(h.a, { sub: 'member-2', name: 'Bertta Nieminen' });
    const created = await ok(
      h.call('/v1/groups', {
        method: 'POST',
        token: facilitator,
        body: { name: 'Yksinyrittäjät', status: 'running', join_policy: 'open' },
      }),
    );
    groupId = (await created.json()).id;
  });
  afterAll(() => h.close());

  it('answers a member’s revalidation with 304, per member, and anew after their own join', async () => {
    const first = await ok(get('/v1/groups', aino));
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await get('/v1/groups', aino, etag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    // Bertta's list reads the same, but her browser's copy is hers: another tag.
    const hers = await ok(get('/v1/groups', bertta));
    expect(await hers.clone().json()).toEqual(await first.json());
    expect(hers.headers.get('etag')).not.toBe(etag);
    expect((await get('/v1/groups', bertta, etag)).status).toBe(200);

    await ok(
      h.call(`/v1/groups/${groupId}/membership`, {
        method: 'PUT',
        token: aino,
        body: { accepted_rules_version: 1, answers: {} },
      }),
    );
    const after = await ok(get('/v1/groups', aino, etag));
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const mine = (await after.json()).items.find((g: { id: string }) => g.id === groupId);
    expect(mine.my_membership.status).toBe('member');
    expect(mine.member_count).toBe(1);
  });

  it('answers the sessions list with an ETag that changes with the member’s own RSVP', async () => {
    const session = await (
      await ok(
        h.call('/v1/sessions', {
          method: 'POST',
          token: facilitator,
          body: { group_id: groupId, title: 'Tapaaminen', start: '2031-03-04T09:00', duration_minutes: 90 },
        }),
      )
    ).json();
    const first = await ok(get('/v1/sessions', aino));
    const etag = first.headers.get('etag')!;
    expect((await first.json()).items.map((s: { id: string }) => s.id)).toContain(session.id);
    expect((await get('/v1/sessions', aino, etag)).status).toBe(304);

    await ok(
      h.call(`/v1/sessions/${session.id}/rsvp`, { method: 'PUT', token: aino, body: { answer: 'yes' } }),
    );
    const after = await ok(get('/v1/sessions', aino, etag));
    expect(after.status).toBe(200);
    const item = (await after.json()).items.find((s: { id: string }) => s.id === session.id);
    expect(item.my_rsvp.answer).toBe('yes');
    expect(item.yes_count).toBe(1);
  });

  it('answers the group board with an ETag that changes with the member’s own post', async () => {
    const path = `/v1/questions?group=${groupId}`;
    const first = await ok(get(path, aino));
    const etag = first.headers.get('etag')!;
    expect((await get(path, aino, etag)).status).toBe(304);
    await ok(
      h.call('/v1/questions', {
        method: 'POST',
        token: aino,
        body: { group_id: groupId, title: 'Miten hinnoittelette?', body: 'Kokemuksia kaivataan.' },
      }),
    );
    const after = await ok(get(path, aino, etag));
    expect(after.status).toBe(200);
    const titles = (await after.json()).items.map((q: { title: string }) => q.title);
    expect(titles).toContain('Miten hinnoittelette?');
  });

  it('shows a facilitator’s new name on the cards at once, to members and visitors', async () => {
    expect((await card(aino)).facilitators).toEqual([{ id: 'fac-1', name: 'Fanni Fasilitaattori' }]);
    expect((await card()).facilitators).toEqual([{ name: 'Fanni Fasilitaattori' }]);
    const renamed = await h.mint(h.a, { sub: 'fac-1', name: 'Fanni Uusinimi', roles: ['facilitator'] });
    await ok(get('/v1/me', renamed));
    expect((await card(aino)).facilitators).toEqual([{ id: 'fac-1', name: 'Fanni Uusinimi' }]);
    expect((await card()).facilitators).toEqual([{ name: 'Fanni Uusinimi' }]);
  });

  it('shows the next session on the card, after a cancellation and once the stored one has gone by', async () => {
    const schedule = async (start: string) =>
      (
        await (
          await ok(
            h.call('/v1/sessions', {
              method: 'POST',
              token: facilitator,
              body: { group_id: groupId, title: 'Tapaaminen', start, duration_minutes: 60 },
            }),
          )
        ).json()
      ).starts_at as string;
    const early = await schedule('2030-01-08T09:00');
    const later = await schedule('2030-02-05T09:00');
    expect((await card(aino)).next_meeting_at).toBe(early);

    const sessions = await (await ok(get('/v1/sessions?to=2030-01-09T00:00:00Z', aino))).json();
    const earlyId = sessions.items.find((s: { starts_at: string }) => s.starts_at === early).id;
    await ok(h.call(`/v1/sessions/${earlyId}/cancel`, { method: 'POST', token: facilitator }));
    expect((await card(aino)).next_meeting_at).toBe(later);
    expect((await card()).next_meeting_at).toBe(later);

    // As if the stored next session had started meanwhile: the list looks the next one up.
    await h.store.db.query(
      `update groups set upcoming_session_at = now() - interval '1 hour' where tenant_id = $1 and id = $2`,
      [h.a.tenant.id, groupId],
    );
    h.advance(5_000);
    expect((await card(aino)).next_meeting_at).toBe(later);
  });
});

describe.each(engines)('named statements (%s)', (engine) => {
  it('keeps working when a table changes shape under a prepared select *', async () => {
    const store = await freshStore(engine);
    try {
      await store.db.exec('create table shapes (id int primary key)');
      await store.db.query('insert into shapes values ($1)', [1]);
      expect(await store.db.query('select * from shapes')).toEqual([{ id: 1 }]);
      // Another process's migration, as far as this connection can tell.
      await store.db.exec(`alter table shapes add column label text not null default 'uusi'`);
      expect(await store.db.query('select * from shapes')).toEqual([{ id: 1, label: 'uusi' }]);
    } finally {
      await store.close();
    }
  });
});

describe('statement names', () => {
  it('names each text once, and no more than the bound', () => {
    const names = statementNames(2);
    expect(names.of('select 1')).toBe(names.of('select 1'));
    expect(names.of('select 2')).not.toBe(names.of('select 1'));
    expect(names.of('select 3')).toBeUndefined();
    names.forget('select 1');
    expect(names.of('select 1')).toBeUndefined();
  });
});
