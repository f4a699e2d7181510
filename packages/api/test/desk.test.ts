import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

/** What the facilitator desk adds to the API: preview, expert talk of a topic, attendance over a series. */
describe.each(engines)('the facilitator desk’s routes (%s)', (engine) => {
  let h: Harness;
  let g: string;
  const as = async (
    sub: string,
    path: string,
    init: { method?: string; body?: unknown } = {},
    status = 200,
  ) => {
    const roles = sub === 'helena' ? ['facilitator', 'member'] : ['member'];
    const res = await h.call(path, { ...init, token: await h.mint(h.a, { sub, name: sub, roles }) });
    const text = await res.text();
    expect(res.status, `${init.method ?? 'GET'} ${path} as ${sub}: ${text}`).toBe(status);
    return text ? JSON.parse(text) : undefined;
  };

  beforeAll(async () => {
    h = await harness(engine);
    await as('helena', '/v1/me');
    g = (await as('helena', '/v1/groups', { method: 'POST', body: { name: 'Aamuryhmä' } }, 201)).id;
    for (const sub of ['aino', 'mikko'])
      await as(sub, `/v1/groups/${g}/membership`, { method: 'PUT', body: { accepted_rules_version: 1 } });
  });
  afterAll(() => h.close());

  it('previews a series with the dates it would save, marking Finnish holidays, and saves nothing', async () => {
    const body = {
      title: 'Tapaaminen',
      first_start: '2027-03-09T09:00',
      duration_minutes: 120,
      every_weeks: 3,
      count: 5,
    };
    const preview = await as('helena', `/v1/groups/${g}/series/preview`, { method: 'POST', body });
    expect(preview.items.map((o: { local_start: string }) => o.local_start)).toEqual([
      '2027-03-09T09:00',
      '2027-03-30T09:00',
      '2027-04-20T09:00',
      '2027-05-11T09:00',
      '2027-06-01T09:00',
    ]);
    // 30 March is in summer time: the wall time stays 09:00, the instant moves an hour.
    expect(preview.items[0].starts_at).toBe('2027-03-09T07:00:00.000Z');
    expect(preview.items[1].starts_at).toBe('2027-03-30T06:00:00.000Z');
    expect(preview.items.every((o: { holiday: unknown }) => o.holiday === null)).toBe(true);

    const thursdays = await as('helena', `/v1/groups/${g}/series/preview`, {
      method: 'POST',
      body: { ...body, first_start: '2027-04-22T17:00', every_weeks: 2, count: 2 },
    });
    expect(thursdays.items[1].holiday).toEqual({
      code: 'ascension_day',
      names: { fi: 'Helatorstai', sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' },
    });
    const saved = await as('helena', `/v1/sessions?group=${g}&from=2027-01-01T00:00:00Z`);
    expect(saved.items).toEqual([]);
  });

  it('says which field is wrong in a preview', async () => {
    const problem = await as(
      'helena',
      `/v1/groups/${g}/series/preview`,
      {
        method: 'POST',
        body: { title: 'x', first_start: '2027-02-31T09:00', duration_minutes: 60, every_weeks: 3, count: 2 },
      },
      422,
    );
    expect(problem.errors[0].field).toBe('first_start');
  });

  it('makes an expert talk for the association of a topic, which then lists it', async () => {
    const topic = await as(
      'aino',
      `/v1/groups/${g}/topics`,
      { method: 'POST', body: { title: 'Tavoitteiden asettaminen' } },
      201,
    );
    const talk = await as(
      'helena',
      `/v1/groups/${g}/topics/${topic.id}/expert-talk`,
      {
        method: 'POST',
        body: {
          start: '2027-05-18T17:00',
          duration_minutes: 90,
          speakers: [{ name: 'Liisa Laine', title: 'coach' }],
          capacity: 40,
        },
      },
      201,
    );
    expect(talk).toMatchObject({
      kind: 'expert_talk',
      scope: 'members',
      group_id: null,
      title: 'Tavoitteiden asettaminen',
      capacity: 40,
      topic: { id: topic.id, title: 'Tavoitteiden asettaminen' },
      speakers: [{ name: 'Liisa Laine', title: 'coach' }],
    });
    const topics = await as('aino', `/v1/groups/${g}/topics`);
    expect(topics.items[0].session_ids).toEqual([talk.id]);
    // Another member of the association sees the talk among the open events.
    const open = await as('outsider', '/v1/sessions?scope=open&from=2027-01-01T00:00:00Z');
    expect(open.items.map((s: { id: string }) => s.id)).toContain(talk.id);
    await as(
      'helena',
      `/v1/groups/${g}/topics/top_nope/expert-talk`,
      { method: 'POST', body: { start: '2027-05-18T17:00', duration_minutes: 90 } },
      404,
    );
  });

  it('counts each member’s attendance over a series', async () => {
    const series = await as(
      'helena',
      `/v1/groups/${g}/series`,
      {
        method: 'POST',
        body: {
          title: 'Menneet',
          first_start: '2026-01-06T09:00',
          duration_minutes: 60,
          every_weeks: 3,
          count: 3,
        },
      },
      201,
    );
    const [first, second] = series.items as { id: string }[];
    await as(
      'helena',
      `/v1/sessions/${first!.id}/attendance`,
      { method: 'PUT', body: { attended: ['aino', 'mikko'] } },
      204,
    );
    await as(
      'helena',
      `/v1/sessions/${second!.id}/attendance`,
      { method: 'PUT', body: { attended: ['aino'], absent: ['mikko'] } },
      204,
    );
    const summary = await as('helena', `/v1/groups/${g}/attendance?series=${series.series_id}`);
    expect(summary.sessions.map((s: { id: string }) => s.id)).toEqual(
      series.items.map((s: { id: string }) => s.id),
    );
    expect(summary.members).toEqual([
      { member: { id: 'aino', name: 'aino' }, attended: 2, marks: [true, true, null] },
      { member: { id: 'mikko', name: 'mikko' }, attended: 1, marks: [true, false, null] },
    ]);
    await as('helena', `/v1/groups/${g}/attendance?series=ser_other`, {}, 404);
  });
});
