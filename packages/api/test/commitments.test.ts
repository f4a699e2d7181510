import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './harness.js';
import { qaFixture, type Person, type QaFixture } from './questions-fixture.js';

type Caller = Person | null | 'server';

describe.each(engines)('commitments (%s)', (engine) => {
  let f: QaFixture;
  let meeting: string;
  let later: string;
  const ids: Record<'group' | 'facilitators' | 'private', string> = {
    group: '',
    facilitators: '',
    private: '',
  };

  /** A session of group `g`, as its facilitator schedules it. */
  const session = async (who: Person, group: string, start: string, title = 'Tapaaminen') =>
    (
      await f.ok(
        who,
        '/v1/sessions',
        { method: 'POST', body: { title, group_id: group, start, duration_minutes: 120 } },
        201,
      )
    ).id as string;
  const commit = async (who: Person, group: string, body: Record<string, unknown>) =>
    f.ok(who, `/v1/groups/${group}/commitments`, { method: 'POST', body }, 201);
  const status = async (who: Caller, path: string, method = 'GET', body?: unknown) => {
    const res = await f.as(who, path, { method, body });
    const text = await res.text();
    return { status: res.status, code: text ? (JSON.parse(text).code as string | undefined) : undefined };
  };

  beforeAll(async () => {
    f = await qaFixture(engine);
    meeting = await session('helena', f.g1, '2027-01-12T18:00');
    later = await session('helena', f.g1, '2027-02-02T18:00');
    for (const visibility of ['group', 'facilitators', 'private'] as const) {
      ids[visibility] = (
        await commit('aino', f.g1, {
          text: `Soitan **kymmenelle** asiakkaalle (${visibility})`,
          visibility,
          target: { value: 10, unit: 'asiakaskontaktia' },
        })
      ).id;
    }
  });
  afterAll(() => f.close());

  it('is due at the group’s next session, with its markup, target and visibility as set', async () => {
    const c = await f.ok('aino', `/v1/commitments/${ids.group}`);
    expect(c).toMatchObject({
      group_id: f.g1,
      member: { id: 'aino', name: 'Aino Virtanen' },
      text: 'Soitan **kymmenelle** asiakkaalle (group)',
      target: { value: 10, unit: 'asiakaskontaktia' },
      visibility: 'group',
      set_session_id: null,
      due_session_id: meeting,
      due_at: '2027-01-12T16:00:00.000Z',
      due_ends_at: '2027-01-12T18:00:00.000Z',
      due_time_zone: 'Europe/Helsinki',
      report: null,
      carried_from_id: null,
      mine: true,
    });
  });

  describe('who sees and changes what', () => {
    const everyone: Caller[] = ['aino', 'salla', 'helena', 'boss', 'bjorn', null, 'olli'];

    it('lists a group’s commitments for its members and facilitators only', async () => {
      const seen: Record<string, unknown> = {};
      for (const who of everyone) {
        const res = await f.as(who, `/v1/groups/${f.g1}/commitments`);
        const body = await res.json();
        seen[String(who)] =
          res.status === 200
            ? body.items.map((c: { visibility: string }) => c.visibility).sort()
            : res.status;
      }
      expect(seen).toEqual({
        aino: ['facilitators', 'group', 'private'],
        salla: ['group'],
        helena: ['facilitators', 'group'],
        boss: 404,
        bjorn: 404,
        null: 401,
        olli: 404,
      });
    });

    it('answers each route as the visibility says, 404 exactly as for a commitment that does not exist', async () => {
      const table: Record<string, Record<string, number>> = {};
      for (const [visibility, id] of Object.entries(ids)) {
        for (const [method, suffix, body] of [
          ['GET', '', undefined],
          ['PATCH', '', { text: 'Muutos' }],
          ['PUT', '/report', { status: 'done' }],
          ['DELETE', '', undefined],
        ] as const) {
          const row: Record<string, number> = {};
          for (const who of everyone.filter((w) => w !== 'aino')) {
            const got = await status(who, `/v1/commitments/${id}${suffix}`, method, body);
            const ghost = await status(who, `/v1/commitments/cmt_nosuch${suffix}`, method, body);
            row[String(who)] = got.status;
            if (got.status === 404) expect(got, `${method} ${visibility} as ${who}`).toEqual(ghost);
          }
          table[`${method} ${visibility}`] = row;
        }
      }
      const peerSees = { salla: 200, helena: 200, boss: 404, bjorn: 404, null: 401, olli: 404 };
      const peerRefused = { salla: 403, helena: 403, boss: 404, bjorn: 404, null: 401, olli: 404 };
      const hidden = { salla: 404, helena: 404, boss: 404, bjorn: 404, null: 401, olli: 404 };
      expect(table).toEqual({
        'GET group': peerSees,
        'PATCH group': peerRefused,
        'PUT group': peerRefused,
        'DELETE group': peerRefused,
        'GET facilitators': { ...hidden, helena: 200 },
        'PATCH facilitators': { ...hidden, helena: 403 },
        'PUT facilitators': { ...hidden, helena: 403 },
        'DELETE facilitators': { ...hidden, helena: 403 },
        'GET private': hidden,
        'PATCH private': hidden,
        'PUT private': hidden,
        'DELETE private': hidden,
      });
      // Nothing anyone tried changed them.
      for (const id of Object.values(ids)) {
        const c = await f.ok('aino', `/v1/commitments/${id}`);
        expect(c.report).toBeNull();
        expect(c.text).toMatch(/^Soitan/);
      }
    });

    it('lets only the group’s active members set one', async () => {
      const rows: Record<string, number> = {};
      for (const who of everyone) {
        const res = await f.as(who, `/v1/groups/${f.g1}/commitments`, {
          method: 'POST',
          body: { text: 'Yritän', visibility: 'private' },
        });
        rows[String(who)] = res.status;
        if (res.status === 201)
          await f.ok(who as Person, `/v1/commitments/${(await res.json()).id}`, { method: 'DELETE' }, 204);
      }
      expect(rows).toEqual({
        aino: 201,
        salla: 201,
        helena: 403,
        boss: 404,
        bjorn: 404,
        null: 401,
        olli: 404,
      });
      const ghost = await status('bjorn', '/v1/groups/grp_nosuch/commitments', 'POST', { text: 'x' });
      expect(await status('bjorn', `/v1/groups/${f.g1}/commitments`, 'POST', { text: 'x' })).toEqual(ghost);
    });

    it('shows the round to the group’s facilitators, private ones only as such', async () => {
      const rows: Record<string, number> = {};
      for (const who of everyone)
        rows[String(who)] = (await status(who, `/v1/sessions/${meeting}/round`)).status;
      expect(rows).toEqual({
        aino: 403,
        salla: 403,
        helena: 200,
        boss: 403,
        bjorn: 404,
        null: 401,
        olli: 404,
      });
      expect(await status('bjorn', `/v1/sessions/${meeting}/round`)).toEqual(
        await status('bjorn', '/v1/sessions/ses_nosuch/round'),
      );
      const round = await f.ok('helena', `/v1/sessions/${meeting}/round`);
      expect(round.session).toMatchObject({ id: meeting, group_id: f.g1, time_zone: 'Europe/Helsinki' });
      const shown = round.items.map((e: { private: boolean; commitment: { text: string } | null }) => [
        e.private,
        e.commitment?.text ?? null,
      ]);
      expect(shown).toEqual(
        expect.arrayContaining([
          [false, 'Soitan **kymmenelle** asiakkaalle (group)'],
          [false, 'Soitan **kymmenelle** asiakkaalle (facilitators)'],
          [true, null],
        ]),
      );
      expect(JSON.stringify(round)).not.toContain('(private)');
    });

    it('gives the counts to facilitators and admins, never names or texts', async () => {
      const rows: Record<string, number> = {};
      for (const who of [...everyone, 'server'] as Caller[])
        rows[String(who)] = (await status(who, `/v1/groups/${f.g1}/commitments/summary`)).status;
      expect(rows).toEqual({
        aino: 403,
        salla: 403,
        helena: 200,
        boss: 200,
        bjorn: 404,
        null: 401,
        olli: 404,
        server: 200,
      });
      const summary = await f.ok('boss', `/v1/groups/${f.g1}/commitments/summary`);
      expect(summary.sessions[0]).toMatchObject({ session_id: meeting, due: 3, reported: 0 });
      expect(JSON.stringify(summary)).not.toMatch(/Soitan|Aino|aino/);
    });

    it('gives each member their own across groups', async () => {
      const mine = await f.ok('aino', '/v1/me/commitments');
      expect(mine.items.map((c: { id: string }) => c.id).sort()).toEqual(Object.values(ids).sort());
      expect((await f.ok('salla', '/v1/me/commitments')).items).toEqual([]);
      expect((await status(null, '/v1/me/commitments')).status).toBe(401);
    });
  });

  describe('the due session', () => {
    const dueOf = async (id: string) => {
      const c = await f.ok('bjorn', `/v1/commitments/${id}`);
      return [c.due_session_id, c.due_at];
    };
    const cancel = (id: string) => f.ok('frida', `/v1/sessions/${id}/cancel`, { method: 'POST', body: {} });

    it('follows a moved session and passes a cancelled one on, across daylight-saving changes', async () => {
      // Helsinki: UTC+2 until the last Sunday of March, UTC+3 until the last Sunday of October.
      const march = await session('frida', f.g2, '2027-03-23T18:00');
      const april = await session('frida', f.g2, '2027-03-30T18:00');
      const byDefault = (await commit('bjorn', f.g2, { text: 'Ringer tio kunder' })).id;
      expect(await dueOf(byDefault)).toEqual([march, '2027-03-23T16:00:00.000Z']);

      await cancel(march);
      expect(await dueOf(byDefault)).toEqual([april, '2027-03-30T15:00:00.000Z']);

      await f.ok('frida', `/v1/sessions/${april}`, { method: 'PATCH', body: { start: '2027-04-06T09:00' } });
      expect(await dueOf(byDefault)).toEqual([april, '2027-04-06T06:00:00.000Z']);

      const october = await session('frida', f.g2, '2027-10-26T18:00');
      const november = await session('frida', f.g2, '2027-11-02T18:00');
      const chosen = (await commit('bjorn', f.g2, { text: 'Bokföring', due_session_id: october })).id;
      expect(await dueOf(chosen)).toEqual([october, '2027-10-26T15:00:00.000Z']);
      await cancel(october);
      expect(await dueOf(chosen)).toEqual([november, '2027-11-02T16:00:00.000Z']);

      await cancel(april);
      expect(await dueOf(byDefault)).toEqual([november, '2027-11-02T16:00:00.000Z']);
      const round = await f.ok('frida', `/v1/sessions/${november}/round`);
      expect(round.items.map((e: { commitment: { id: string } }) => e.commitment.id).sort()).toEqual(
        [byDefault, chosen].sort(),
      );

      await cancel(november);
      const none = await f.ok('bjorn', `/v1/commitments/${byDefault}`);
      expect(none).toMatchObject({
        due_session_id: null,
        due_at: null,
        due_ends_at: null,
        due_time_zone: null,
      });
      const summary = await f.ok('frida', `/v1/groups/${f.g2}/commitments/summary`);
      expect(summary).toEqual({
        sessions: [],
        without_due_session: { due: 2, reported: 0, done: 0, partly: 0, not_done: 0, dropped: 0 },
      });
    });

    it('refuses a due session that is cancelled, over or another group’s', async () => {
      const cancelled = await session('frida', f.g2, '2027-05-04T18:00');
      await cancel(cancelled);
      for (const due of [cancelled, meeting]) {
        const res = await f.as('bjorn', `/v1/groups/${f.g2}/commitments`, {
          method: 'POST',
          body: { text: 'Ringer', due_session_id: due },
        });
        expect(res.status).toBe(422);
        expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'due_session_id' })]);
      }
    });
  });

  describe('bad input', () => {
    const problem = async (who: Person, path: string, method: string, body: unknown) => {
      const res = await f.as(who, path, { method, body });
      const json = await res.json();
      return {
        status: res.status,
        code: json.code,
        fields: (json.errors ?? []).map((e: { field: string }) => e.field),
      };
    };
    const count = async () => (await f.ok('aino', `/v1/groups/${f.g1}/commitments?limit=100`)).items.length;

    it('names the field and writes nothing', async () => {
      const before = await count();
      const path = `/v1/groups/${f.g1}/commitments`;
      const cases: [unknown, string][] = [
        [{ text: '' }, 'text'],
        [{ text: '   ' }, 'text'],
        [{ text: 'x'.repeat(10_000) }, 'text'],
        [{ text: 'x'.repeat(501) }, 'text'],
        [{ text: '[klik](javascript:alert(1))' }, 'text'],
        [{ text: 'Hyvä', target: { value: -1, unit: 'kpl' } }, 'target.value'],
        [{ text: 'Hyvä', target: { value: 0, unit: 'kpl' } }, 'target.value'],
        [{ text: 'Hyvä', target: { value: '10', unit: 'kpl' } }, 'target.value'],
        [{ text: 'Hyvä', target: { value: 10, unit: '' } }, 'target.unit'],
        [{ text: 'Hyvä', visibility: 'everyone' }, 'visibility'],
        [{ text: 'Hyvä', due_session_id: 'ses_nosuch' }, 'due_session_id'],
        [{ text: 'Hyvä', set_session_id: 'ses_nosuch' }, 'set_session_id'],
        [{ text: 'Hyvä', carried_from_id: 'cmt_nosuch' }, 'carried_from_id'],
        [{ text: 'Hyvä', colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) {
        const got = await problem('aino', path, 'POST', body);
        expect(got, JSON.stringify(body).slice(0, 80)).toEqual({
          status: 422,
          code: 'validation_failed',
          fields: [field],
        });
      }
      expect(await count()).toBe(before);
    });

    it('reports once, corrects until the due session ends, then the report stands', async () => {
      const c = await commit('aino', f.g1, {
        text: 'Kirjanpito kahtena aamuna viikossa',
        target: { value: 6, unit: 'aamua' },
      });
      const path = `/v1/commitments/${c.id}/report`;
      expect(await problem('aino', path, 'PUT', { status: 'finished' })).toMatchObject({
        status: 422,
        fields: ['status'],
      });
      expect(await problem('aino', path, 'PUT', { status: 'done', achieved: -2 })).toMatchObject({
        status: 422,
        fields: ['achieved'],
      });
      expect(
        await problem('aino', path, 'PUT', { status: 'done', reflection: 'x'.repeat(1001) }),
      ).toMatchObject({ status: 422, fields: ['reflection'] });
      expect(await problem('salla', path, 'PUT', { status: 'done' })).toMatchObject({
        status: 403,
        code: 'not_yours',
      });
      expect((await f.ok('aino', `/v1/commitments/${c.id}`)).report).toBeNull();

      const first = await f.ok('aino', path, {
        method: 'PUT',
        body: { status: 'partly', reflection: 'Neljä *aamua*', achieved: 4 },
      });
      expect(first.report).toMatchObject({ status: 'partly', reflection: 'Neljä *aamua*', achieved: 4 });
      f.h.advance(60_000);
      const corrected = await f.ok('aino', path, { method: 'PUT', body: { status: 'done', achieved: 6 } });
      expect(corrected.report).toMatchObject({
        status: 'done',
        reflection: '',
        achieved: 6,
        reported_at: first.report.reported_at,
      });

      expect(await problem('aino', `/v1/commitments/${c.id}`, 'PATCH', { text: 'Toinen' })).toEqual({
        status: 409,
        code: 'already_reported',
        fields: ['text'],
      });
      // Its visibility stays the member's to change.
      expect(
        (await f.ok('aino', `/v1/commitments/${c.id}`, { method: 'PATCH', body: { visibility: 'private' } }))
          .visibility,
      ).toBe('private');

      const noTarget = await commit('aino', f.g1, { text: 'Ilman tavoitetta' });
      expect(
        await problem('aino', `/v1/commitments/${noTarget.id}/report`, 'PUT', {
          status: 'done',
          achieved: 3,
        }),
      ).toMatchObject({
        status: 422,
        fields: ['achieved'],
      });
      expect((await f.ok('aino', `/v1/commitments/${noTarget.id}`)).report).toBeNull();
    });
  });

  describe('over time', () => {
    it('carries an unfinished one over, and not a done one or someone else’s', async () => {
      const old = await commit('salla', f.g1, {
        text: 'Uusi verkkosivu',
        target: { value: 1, unit: 'sivusto' },
      });
      await f.ok('salla', `/v1/commitments/${old.id}/report`, {
        method: 'PUT',
        body: { status: 'not_done' },
      });
      const next = await commit('salla', f.g1, {
        text: 'Uusi verkkosivu, nyt oikeasti',
        carried_from_id: old.id,
      });
      expect(next.carried_from_id).toBe(old.id);
      const done = await commit('salla', f.g1, { text: 'Tehty' });
      await f.ok('salla', `/v1/commitments/${done.id}/report`, { method: 'PUT', body: { status: 'done' } });
      for (const from of [done.id, ids.group]) {
        const res = await f.as('salla', `/v1/groups/${f.g1}/commitments`, {
          method: 'POST',
          body: { text: 'Jatko', carried_from_id: from },
        });
        expect(res.status).toBe(422);
        expect((await res.json()).errors[0].field).toBe('carried_from_id');
      }
      // Deleting the old one leaves the carry-over, unlinked.
      await f.ok('salla', `/v1/commitments/${old.id}`, { method: 'DELETE' }, 204);
      expect((await f.ok('salla', `/v1/commitments/${next.id}`)).carried_from_id).toBeNull();
    });

    it('lists the open ones first by due date, then the reported, page by page', async () => {
      const all: { id: string; report: unknown; due_at: string | null }[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: typeof all; next_cursor: string | null } = await f.ok(
          'aino',
          `/v1/me/commitments?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        all.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      const reportedFrom = all.findIndex((c) => c.report !== null);
      expect(reportedFrom).toBeGreaterThan(0);
      expect(all.slice(reportedFrom).every((c) => c.report !== null)).toBe(true);
      const open = all.slice(0, reportedFrom).map((c) => c.due_at ?? '9999');
      expect(open).toEqual([...open].sort());
      expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
      expect((await f.as('aino', '/v1/me/commitments?cursor=bm9wZQ')).status).toBe(400);
    });

    it('filters a group’s list by member, due session and status', async () => {
      const get = async (query: string) =>
        (await f.ok('helena', `/v1/groups/${f.g1}/commitments?limit=100&${query}`)).items as {
          member: { id: string };
          due_session_id: string;
          report: unknown;
        }[];
      expect((await get('member=aino')).every((c) => c.member.id === 'aino')).toBe(true);
      expect((await get(`due_session=${meeting}`)).every((c) => c.due_session_id === meeting)).toBe(true);
      expect((await get('status=open')).every((c) => c.report === null)).toBe(true);
      expect((await get('status=reported')).length).toBeGreaterThan(0);
      expect((await get('status=reported')).every((c) => c.report !== null)).toBe(true);
    });

    it('closes the report when the due session ends', async () => {
      const c = await commit('aino', f.g1, { text: 'Myyn joka päivä kolme viikkoa' });
      expect(c.due_session_id).toBe(meeting);
      await f.ok('aino', `/v1/commitments/${c.id}/report`, { method: 'PUT', body: { status: 'partly' } });
      f.h.advance(new Date('2027-01-12T18:00:00Z').getTime() - f.h.now.getTime());
      const res = await f.as('aino', `/v1/commitments/${c.id}/report`, {
        method: 'PUT',
        body: { status: 'done' },
      });
      expect(res.status).toBe(409);
      expect((await res.json()).code).toBe('report_closed');
      expect((await f.ok('aino', `/v1/commitments/${c.id}`)).report.status).toBe('partly');
      // One not yet reported still can be, late.
      const late = await f.ok('aino', `/v1/commitments/${ids.group}/report`, {
        method: 'PUT',
        body: { status: 'done', achieved: 12 },
      });
      expect(late.report).toMatchObject({ status: 'done', achieved: 12 });
      // New ones are due at the next session.
      expect((await commit('aino', f.g1, { text: 'Seuraava' })).due_session_id).toBe(later);
    });

    it('keeps a member who left seeing their own, and no more', async () => {
      await f.ok('salla', `/v1/groups/${f.g1}/membership`, { method: 'DELETE' }, 204);
      const list = await f.ok('salla', `/v1/groups/${f.g1}/commitments`);
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((c: { member: { id: string } }) => c.member.id === 'salla')).toBe(true);
      expect((await f.as('salla', `/v1/commitments/${ids.group}`)).status).toBe(404);
      const res = await f.as('salla', `/v1/groups/${f.g1}/commitments`, {
        method: 'POST',
        body: { text: 'Vielä' },
      });
      expect([res.status, (await res.json()).code]).toEqual([403, 'not_a_member']);
      expect((await f.ok('salla', '/v1/me/commitments')).items.length).toBe(list.items.length);
    });
  });
});
