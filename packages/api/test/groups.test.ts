import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, ORIGIN_A, type Harness } from './harness.js';

describe.each(engines)('groups (%s)', (engine) => {
  let h: Harness;
  // Tokens are minted when used, as a site's backend would: some tests move the clock by days.
  const tokenFor = (sub: string, roles = ['member'], name = sub) => h.mint(h.a, { sub, name, roles });
  const facilitator = () => tokenFor('helena', ['facilitator', 'member'], 'Helena Salo');

  beforeAll(async () => {
    h = await harness(engine);
    // Facilitators must have signed in once to be named on a group.
    await h.call('/v1/me', { token: await facilitator() });
  });
  afterAll(() => h.close());

  const create = async (body: Record<string, unknown>, token?: string) => {
    const res = await h.call('/v1/groups', { method: 'POST', token: token ?? (await facilitator()), body });
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };
  const join = (id: string, token: string, body: Record<string, unknown> = { accepted_rules_version: 1 }) =>
    h.call(`/v1/groups/${id}/membership`, { method: 'PUT', token, body });

  it('creates a group from just a name, capacity and policy, with defaults for the rest', async () => {
    const group = await create({ name: 'Aamun yrittäjät', capacity: 12, join_policy: 'open' });
    expect(group).toMatchObject({
      name: 'Aamun yrittäjät',
      capacity: 12,
      places_left: 12,
      join_policy: 'open',
      rules_version: 1,
      status: 'forming',
      language: 'fi',
      format: 'online',
      facilitators: [{ id: 'helena', name: 'Helena Salo' }],
      intake_questions: [],
    });
    expect(group.rules.text).toContain('Luottamuksellisuus');
    expect(group.id).toMatch(/^grp_/);
  });

  it('lets only facilitators and admins create groups', async () => {
    const res = await h.call('/v1/groups', {
      method: 'POST',
      token: await tokenFor('aino'),
      body: { name: 'Mine', capacity: 5, join_policy: 'open' },
    });
    expect(res.status).toBe(403);
    expect((await h.call('/v1/groups', { method: 'POST', body: { name: 'Anon' } })).status).toBe(401);
    expect(
      (
        await h.call('/v1/groups', {
          method: 'POST',
          token: await tokenFor('boss', ['admin'], 'Toimisto'),
          body: { name: 'Admin group' },
        })
      ).status,
    ).toBe(201);
  });

  it('names the field of bad group input and writes nothing', async () => {
    const before = (await (await h.call('/v1/groups?limit=100')).json()).items.length;
    const res = await h.call('/v1/groups', {
      method: 'POST',
      token: await facilitator(),
      body: { name: 'X', capacity: 'twelve' },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('capacity');
    const unknown = await h.call('/v1/groups', {
      method: 'POST',
      token: await facilitator(),
      body: { name: 'X', facilitator_ids: ['nobody-ever'] },
    });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0].field).toBe('facilitator_ids.0');
    expect((await (await h.call('/v1/groups?limit=100')).json()).items.length).toBe(before);
  });

  describe('finding groups', () => {
    beforeAll(async () => {
      await create({
        name: 'Ruotsinkieliset hantverkare',
        description: 'Snickare och andra hantverkare',
        language: 'sv',
        themes: ['försäljning'],
        trades: ['snickeri'],
        format: 'in_person',
        municipality: 'Turku',
        region: 'Varsinais-Suomi',
        rhythm: { every_weeks: 3, weekday: 2, start_time: '17:30', end_time: '19:00' },
        capacity: 2,
        join_policy: 'open',
      });
      await create({
        name: 'Myynnin vertaisryhmä',
        description: 'Myynti ja markkinointi',
        themes: ['sales', 'time management'],
        rhythm: { every_weeks: 3, weekday: 2, start_time: '09:00', end_time: '11:00' },
        capacity: 10,
        join_policy: 'approval',
      });
    });

    const names = async (query: string) =>
      (await (await h.call(`/v1/groups?${query}`)).json()).items.map((g: { name: string }) => g.name);

    it('filters by language, theme, format, region, weekday, time of day and free text', async () => {
      expect(await names('language=sv')).toEqual(['Ruotsinkieliset hantverkare']);
      expect(await names('theme=SALES')).toEqual(['Myynnin vertaisryhmä']);
      expect(await names('format=in_person')).toEqual(['Ruotsinkieliset hantverkare']);
      expect(await names('region=turku')).toEqual(['Ruotsinkieliset hantverkare']);
      expect(await names('weekday=2&time_of_day=morning')).toEqual(['Myynnin vertaisryhmä']);
      expect(await names('time_of_day=evening')).toEqual(['Ruotsinkieliset hantverkare']);
      expect(await names('q=markkinointi')).toEqual(['Myynnin vertaisryhmä']);
      expect(await names('q=100%25')).toEqual([]);
    });

    it('answers a bad filter with 400 naming it', async () => {
      const res = await h.call('/v1/groups?weekday=9');
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].field).toBe('weekday');
      const cursor = await h.call('/v1/groups?cursor=garbage');
      expect(cursor.status).toBe(400);
      expect((await cursor.json()).errors[0].field).toBe('cursor');
    });

    it('pages through every group by cursor without repeats', async () => {
      const all = await names('limit=100');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { name: string }[]; next_cursor: string | null } = await (
          await h.call(`/v1/groups?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(...page.items.map((g) => g.name));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect([...all].sort((x, y) => (x < y ? -1 : 1))).toEqual(all);
    });

    it('shows places left and hides full groups when asked', async () => {
      const sv = (await (await h.call('/v1/groups?language=sv')).json()).items[0];
      await join(sv.id, await tokenFor('bjorn'));
      await join(sv.id, await tokenFor('sara'));
      const full = await (await h.call(`/v1/groups/${sv.id}`)).json();
      expect(full.places_left).toBe(0);
      expect(await names('has_places=true&language=sv')).toEqual([]);
    });

    it('never shows visitors member names', async () => {
      const body = await (await h.call('/v1/groups?limit=100')).text();
      expect(body).not.toContain('bjorn');
      expect(body).not.toContain('my_membership');
      expect((await h.call(`/v1/groups/${JSON.parse(body).items[0].id}/members`)).status).toBe(401);
    });

    it('names facilitators to visitors without their member ids', async () => {
      const list = await (await h.call('/v1/groups?limit=100')).json();
      const helenas = list.items.find((g: { name: string }) => g.name === 'Myynnin vertaisryhmä');
      const detail = await (await h.call(`/v1/groups/${helenas.id}`)).json();
      expect(detail.facilitators).toEqual([{ name: 'Helena Salo' }]);
      for (const group of [...list.items, detail]) {
        for (const f of group.facilitators) expect(Object.keys(f)).toEqual(['name']);
      }
      expect(JSON.stringify([list, detail])).not.toContain('"helena"');
      const asMember = await (
        await h.call(`/v1/groups/${detail.id}`, { token: await tokenFor('aino') })
      ).json();
      expect(asMember.facilitators).toEqual([{ id: 'helena', name: 'Helena Salo' }]);
    });

    it('reads a group list in one query, with my state beside each group', async () => {
      const token = await tokenFor('bjorn');
      await h.call('/v1/me', { token });
      const original = h.store.db.query;
      let queries = 0;
      h.store.db.query = ((...args: Parameters<typeof original>) => {
        queries++;
        return original.apply(h.store.db, args);
      }) as typeof original;
      try {
        const res = await h.call('/v1/groups?limit=100', { token });
        const items = (await res.json()).items;
        expect(queries).toBe(1);
        expect(items.find((g: { language: string }) => g.language === 'sv').my_membership.status).toBe(
          'member',
        );
        expect(
          items.find((g: { name: string }) => g.name === 'Myynnin vertaisryhmä').my_membership,
        ).toBeNull();
      } finally {
        h.store.db.query = original;
      }
    });

    it('answers a repeated visitor read with 304 when nothing changed, and shows a change at once', async () => {
      const first = await h.call('/v1/groups');
      const etag = first.headers.get('etag')!;
      expect(first.headers.get('cache-control')).toContain('max-age');
      expect((await h.call('/v1/groups', { headers: { 'if-none-match': etag } })).status).toBe(304);
      await create({ name: 'Uusi ryhmä', capacity: 8, join_policy: 'open' });
      const after = await h.call('/v1/groups', { headers: { 'if-none-match': etag } });
      expect(after.status).toBe(200);
      expect((await after.json()).items.map((g: { name: string }) => g.name)).toContain('Uusi ryhmä');
    });
  });

  describe('joining', () => {
    it('joins an open group at once, idempotently, and leaves idempotently', async () => {
      const group = await create({ name: 'Avoin ryhmä', capacity: 5, join_policy: 'open' });
      const aino = await tokenFor('aino');
      const first = await join(group.id, aino);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({
        status: 'member',
        waitlist_position: null,
        accepted_rules_version: 1,
        rules_acceptance_required: false,
      });
      const again = await join(group.id, aino);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ status: 'member', accepted_rules_version: 1 });
      expect((await (await h.call(`/v1/groups/${group.id}`)).json()).member_count).toBe(1);
      expect((await (await h.call(`/v1/groups/${group.id}/membership`, { token: aino })).json()).status).toBe(
        'member',
      );
      expect(
        (await h.call(`/v1/groups/${group.id}/membership`, { method: 'DELETE', token: aino })).status,
      ).toBe(204);
      expect(
        (await h.call(`/v1/groups/${group.id}/membership`, { method: 'DELETE', token: aino })).status,
      ).toBe(204);
      expect((await (await h.call(`/v1/groups/${group.id}`)).json()).member_count).toBe(0);
      expect((await h.call(`/v1/groups/${group.id}/membership`, { token: aino })).status).toBe(404);
    });

    it('needs the current rules version, and asks members to accept new rules again', async () => {
      const group = await create({
        name: 'Sääntöryhmä',
        capacity: 5,
        join_policy: 'open',
        rules_text: 'Luottamus ennen kaikkea.',
      });
      const aino = await tokenFor('aino');
      const wrong = await join(group.id, aino, { accepted_rules_version: 2 });
      expect(wrong.status).toBe(422);
      expect((await wrong.json()).errors[0].field).toBe('accepted_rules_version');
      expect(await (await join(group.id, aino)).json()).toMatchObject({
        status: 'member',
        accepted_rules_version: 1,
      });
      const patched = await h.call(`/v1/groups/${group.id}`, {
        method: 'PATCH',
        token: await facilitator(),
        body: { rules_text: 'Luottamus ja tasa-arvo.' },
      });
      expect((await patched.json()).rules).toEqual({ text: 'Luottamus ja tasa-arvo.', version: 2 });
      const mine = await (await h.call(`/v1/groups/${group.id}`, { token: aino })).json();
      expect(mine.my_membership).toMatchObject({
        status: 'member',
        accepted_rules_version: 1,
        rules_acceptance_required: true,
      });
      const again = await (await join(group.id, aino, { accepted_rules_version: 2 })).json();
      expect(again).toMatchObject({
        status: 'member',
        accepted_rules_version: 2,
        rules_acceptance_required: false,
      });
      const same = await h.call(`/v1/groups/${group.id}`, {
        method: 'PATCH',
        token: await facilitator(),
        body: { rules_text: 'Luottamus ja tasa-arvo.' },
      });
      expect((await same.json()).rules.version).toBe(2);
    });

    it('asks the intake questions and names a missing or unknown answer', async () => {
      const group = await create({
        name: 'Kysymysryhmä',
        capacity: 5,
        join_policy: 'open',
        intake_questions: [{ id: 'hope', text: 'Mitä toivot ryhmältä?' }],
      });
      const aino = await tokenFor('aino');
      const missing = await join(group.id, aino, { accepted_rules_version: 1, answers: {} });
      expect(missing.status).toBe(422);
      expect((await missing.json()).errors).toEqual([
        { field: 'answers.hope', code: 'required', message: 'please answer this question' },
      ]);
      const unknown = await join(group.id, aino, {
        accepted_rules_version: 1,
        answers: { hope: 'Vertaistukea', other: 'x' },
      });
      expect((await unknown.json()).errors).toEqual([
        { field: 'answers.other', code: 'not_found', message: 'unknown question' },
      ]);
      const answered = await join(group.id, aino, {
        accepted_rules_version: 1,
        answers: { hope: 'Vertaistukea' },
      });
      expect(answered.status).toBe(200);
      expect(await answered.json()).toMatchObject({ status: 'member', accepted_rules_version: 1 });
      const requests = await (await h.call(`/v1/groups/${group.id}/members`, { token: aino })).json();
      expect(requests.items.map((m: { id: string }) => m.id)).toContain('aino');
    });

    it('takes a request for approval, which a facilitator approves or declines with a reason', async () => {
      const group = await create({
        name: 'Hyväksyttävä',
        capacity: 5,
        join_policy: 'approval',
        intake_questions: [{ id: 'q1', text: 'Toimiala?' }],
      });
      const aino = await tokenFor('aino');
      const mikko = await tokenFor('mikko');
      expect(
        (
          await (
            await join(group.id, aino, { accepted_rules_version: 1, answers: { q1: 'Grafiikka' } })
          ).json()
        ).status,
      ).toBe('pending');
      expect(
        (
          await (
            await join(group.id, mikko, { accepted_rules_version: 1, answers: { q1: 'Kirjanpito' } })
          ).json()
        ).status,
      ).toBe('pending');
      expect((await h.call(`/v1/groups/${group.id}/requests`, { token: aino })).status).toBe(403);
      const requests = (
        await (await h.call(`/v1/groups/${group.id}/requests`, { token: await facilitator() })).json()
      ).items;
      expect(
        requests.map((r: { member: { id: string }; answers: Record<string, string> }) => [
          r.member.id,
          r.answers.q1,
        ]),
      ).toEqual([
        ['aino', 'Grafiikka'],
        ['mikko', 'Kirjanpito'],
      ]);
      expect(
        (await h.call(`/v1/groups/${group.id}/requests/aino/approve`, { method: 'POST', token: aino }))
          .status,
      ).toBe(403);
      expect(
        (
          await (
            await h.call(`/v1/groups/${group.id}/requests/aino/approve`, {
              method: 'POST',
              token: await facilitator(),
            })
          ).json()
        ).status,
      ).toBe('member');
      const declined = await h.call(`/v1/groups/${group.id}/requests/mikko/decline`, {
        method: 'POST',
        token: await facilitator(),
        body: { reason: 'Ryhmä on tilitoimistoille liian kaukana.' },
      });
      expect(await declined.json()).toMatchObject({
        status: 'declined',
        decline_reason: 'Ryhmä on tilitoimistoille liian kaukana.',
      });
      expect(
        (await (await h.call(`/v1/groups/${group.id}/membership`, { token: mikko })).json()).status,
      ).toBe('declined');
    });

    it('keeps a waitlist in arrival order, offers a freed place, and passes an expired offer on', async () => {
      const group = await create({ name: 'Pieni ryhmä', capacity: 2, join_policy: 'open', offer_hours: 72 });
      const t = Object.fromEntries(
        await Promise.all(['a1', 'a2', 'w1', 'w2', 'w3'].map(async (s) => [s, await tokenFor(s)] as const)),
      );
      for (const s of ['a1', 'a2'])
        expect((await (await join(group.id, t[s]!)).json()).status).toBe('member');
      for (const [i, s] of ['w1', 'w2', 'w3'].entries()) {
        expect(await (await join(group.id, t[s]!)).json()).toMatchObject({
          status: 'waitlisted',
          waitlist_position: i + 1,
        });
      }
      const full = await (await h.call(`/v1/groups/${group.id}`)).json();
      expect(full).toMatchObject({ places_left: 0, waitlist_count: 3 });

      await h.call(`/v1/groups/${group.id}/membership`, { method: 'DELETE', token: t.a1 });
      const offer = await (await h.call(`/v1/groups/${group.id}/membership`, { token: t.w1 })).json();
      expect(offer.status).toBe('offered');
      expect(new Date(offer.offer_expires_at).getTime()).toBe(h.now.getTime() + 72 * 3600_000);
      expect(
        (await (await h.call(`/v1/groups/${group.id}/membership`, { token: t.w2 })).json()).waitlist_position,
      ).toBe(1);
      expect((await (await h.call(`/v1/groups/${group.id}`)).json()).places_left).toBe(0);

      h.advance(73 * 3600_000);
      for (const s of ['w1', 'w2', 'w3']) t[s] = await tokenFor(s);
      const lapsed = await (await h.call(`/v1/groups/${group.id}/membership`, { token: t.w1 })).json();
      expect(lapsed).toMatchObject({ status: 'declined', decline_reason: 'offer_expired' });
      expect((await (await h.call(`/v1/groups/${group.id}/membership`, { token: t.w2 })).json()).status).toBe(
        'offered',
      );
      expect((await (await join(group.id, t.w2!)).json()).status).toBe('member');
      expect(
        (await (await h.call(`/v1/groups/${group.id}/membership`, { token: t.w3 })).json()).waitlist_position,
      ).toBe(1);
      expect(await (await h.call(`/v1/groups/${group.id}`)).json()).toMatchObject({
        member_count: 2,
        places_left: 0,
        waitlist_count: 1,
      });
    });

    it('lets a facilitator remove a member, and members see each other’s names', async () => {
      const group = await create({ name: 'Nimiryhmä', capacity: 4, join_policy: 'open' });
      const aino = await tokenFor('aino', ['member'], 'Aino Virtanen');
      const mikko = await tokenFor('mikko', ['member'], 'Mikko Laine');
      await join(group.id, aino);
      await join(group.id, mikko);
      const list = await (await h.call(`/v1/groups/${group.id}/members`, { token: aino })).json();
      expect(list.items).toEqual([
        { id: 'helena', name: 'Helena Salo', role: 'facilitator' },
        { id: 'aino', name: 'Aino Virtanen', role: 'member' },
        { id: 'mikko', name: 'Mikko Laine', role: 'member' },
      ]);
      expect(
        (await h.call(`/v1/groups/${group.id}/members`, { token: await tokenFor('outsider') })).status,
      ).toBe(403);
      expect(
        (await h.call(`/v1/groups/${group.id}/members/mikko`, { method: 'DELETE', token: aino })).status,
      ).toBe(403);
      expect(
        (
          await h.call(`/v1/groups/${group.id}/members/mikko`, {
            method: 'DELETE',
            token: await facilitator(),
          })
        ).status,
      ).toBe(204);
      expect((await (await h.call(`/v1/groups/${group.id}`)).json()).member_count).toBe(1);
    });

    it('refuses to join a closed group', async () => {
      const group = await create({ name: 'Suljettu', capacity: 4, join_policy: 'open' });
      await h.call(`/v1/groups/${group.id}`, {
        method: 'PATCH',
        token: await facilitator(),
        body: { status: 'closed' },
      });
      const res = await join(group.id, await tokenFor('aino'));
      expect(res.status).toBe(409);
      expect((await res.json()).code).toBe('group_closed');
    });
  });

  it('never lets another association see, join or edit a group (404, not 403)', async () => {
    const group = await create({ name: 'Vain A:lle', capacity: 4, join_policy: 'open' });
    const bKey = h.b.publishableKey;
    const bMember = await h.mint(h.b, { sub: 'aino', roles: ['admin', 'facilitator'] });
    const asB = (path: string, init: { method?: string; body?: unknown } = {}) =>
      h.call(path, { ...init, key: bKey, token: bMember, origin: 'https://b.example' });
    expect((await asB(`/v1/groups/${group.id}`)).status).toBe(404);
    expect(JSON.stringify(await (await asB('/v1/groups?limit=100')).json())).not.toContain(group.id);
    expect(
      (await asB(`/v1/groups/${group.id}/membership`, { method: 'PUT', body: { accepted_rules_version: 1 } }))
        .status,
    ).toBe(404);
    expect((await asB(`/v1/groups/${group.id}/membership`)).status).toBe(404);
    expect(
      (await asB(`/v1/groups/${group.id}`, { method: 'PATCH', body: { name: 'Hijacked' } })).status,
    ).toBe(404);
    expect((await asB(`/v1/groups/${group.id}/members`)).status).toBe(404);
    expect((await asB(`/v1/groups/${group.id}/requests`)).status).toBe(404);
    expect((await asB(`/v1/groups/${group.id}/membership`, { method: 'DELETE' })).status).toBe(404);
    expect((await h.call(`/v1/groups/${group.id}`)).status).toBe(200);
  });

  // Keep this in the PostgreSQL run: PGlite runs one transaction at a time, so there the joins
  // never overlap and dropping the group row lock passes; only PostgreSQL catches it.
  it('never overfills a 12-place group under 100 concurrent joins', async () => {
    const group = await create({ name: 'Ruuhkaryhmä', capacity: 12, join_policy: 'open' });
    const tokens = await Promise.all(Array.from({ length: 100 }, (_, i) => tokenFor(`rush-${i}`)));
    const responses = await Promise.all(
      tokens.map((token) =>
        h.call(`/v1/groups/${group.id}/membership`, {
          method: 'PUT',
          token,
          body: { accepted_rules_version: 1 },
          origin: ORIGIN_A,
        }),
      ),
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    const states = await Promise.all(responses.map((r) => r.json()));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(states.filter((s) => s.status === 'member')).toHaveLength(12);
    const waitlisted = states.filter((s) => s.status === 'waitlisted');
    expect(waitlisted).toHaveLength(88);
    expect(waitlisted.map((s) => s.waitlist_position).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 88 }, (_, i) => i + 1),
    );
    expect(await (await h.call(`/v1/groups/${group.id}`)).json()).toMatchObject({
      member_count: 12,
      places_left: 0,
      waitlist_count: 88,
    });
    const rows = await h.store.db.query<{ status: string; n: string | number }>(
      `select status, count(*) as n from memberships where group_id = $1 group by status order by status`,
      [group.id],
    );
    expect(rows.map((r) => [r.status, Number(r.n)])).toEqual([
      ['member', 12],
      ['waitlisted', 88],
    ]);
  });
});
