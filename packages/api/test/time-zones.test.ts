import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

/** DTSTART of each event as ical.js reads it: the TZID, the wall time and the instant. */
function starts(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const zones = root.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  return {
    zones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))),
    events: root.getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      return {
        tzid: v.getFirstProperty('dtstart')!.getParameter('tzid'),
        local: String(v.getFirstPropertyValue('dtstart')),
        at: new Date(event.startDate.toUnixTime() * 1000).toISOString(),
      };
    }),
  };
}

describe.each(engines)('time zones and local times (%s)', (engine) => {
  let h: Harness;
  let groupId: string;
  const facilitator = () => h.mint(h.a, { sub: 'helena', name: 'Helena', roles: ['facilitator', 'member'] });
  const create = async (fields: Record<string, unknown>) =>
    h.call('/v1/sessions', {
      method: 'POST',
      token: await facilitator(),
      body: { group_id: groupId, title: 'Tapaaminen', duration_minutes: 60, ...fields },
    });
  const created = async (fields: Record<string, unknown>) => {
    const res = await create(fields);
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };
  const refusedField = async (res: Response) => {
    const problem = await res.json();
    expect([res.status, problem.code]).toEqual([422, 'validation_failed']);
    return problem.errors.map((e: { field: string }) => e.field);
  };
  const ics = async (id: string) =>
    starts(await (await h.call(`/v1/sessions/${id}/calendar.ics`, { token: await facilitator() })).text());

  beforeAll(async () => {
    h = await harness(engine);
    const res = await h.call('/v1/groups', {
      method: 'POST',
      token: await facilitator(),
      body: { name: 'Aamuryhmä', capacity: 12 },
    });
    groupId = (await res.json()).id;
  });
  afterAll(() => h.close());

  it('stores zone names as IANA spells them, each with its VTIMEZONE in the calendar file', async () => {
    for (const [given, stored] of [
      ['europe/helsinki', 'Europe/Helsinki'],
      ['EUROPE/STOCKHOLM', 'Europe/Stockholm'],
    ]) {
      const session = await created({ start: '2027-06-01T09:00', time_zone: given });
      expect(session.time_zone).toBe(stored);
      const file = await ics(session.id);
      expect(file.zones).toEqual([stored]);
      expect(file.events[0]!.tzid).toBe(stored);
    }
    // UTC needs no VTIMEZONE: its times are written as UTC (…Z).
    const utc = await created({ start: '2027-06-01T09:00', time_zone: 'utc' });
    expect([utc.time_zone, utc.starts_at]).toEqual(['UTC', '2027-06-01T09:00:00.000Z']);
    expect(await ics(utc.id)).toEqual({
      zones: [],
      events: [{ tzid: undefined, local: '2027-06-01T09:00:00Z', at: '2027-06-01T09:00:00.000Z' }],
    });
  });

  it('describes Europe/Kyiv with the rules filed under Europe/Kiev, and refuses zones without a definition', async () => {
    const kyiv = await created({ start: '2027-06-01T09:00', time_zone: 'europe/kyiv' });
    expect([kyiv.time_zone, kyiv.starts_at]).toEqual(['Europe/Kyiv', '2027-06-01T06:00:00.000Z']);
    expect(await ics(kyiv.id)).toEqual({
      zones: ['Europe/Kyiv'],
      events: [{ tzid: 'Europe/Kyiv', local: '2027-06-01T09:00:00', at: '2027-06-01T06:00:00.000Z' }],
    });
    for (const zone of ['EST5EDT', 'Mars/Olympus_Mons', 'Europe/Helsinki\u0000']) {
      expect(await refusedField(await create({ start: '2027-06-01T09:00', time_zone: zone }))).toEqual([
        'time_zone',
      ]);
    }
    const rhythm = {
      every_weeks: 3,
      weekday: 2,
      start_time: '09:00',
      end_time: '11:00',
      time_zone: 'EST5EDT',
    };
    const group = await h.call('/v1/groups', {
      method: 'POST',
      token: await facilitator(),
      body: { name: 'Rytmi', capacity: 12, rhythm },
    });
    expect(await refusedField(group)).toEqual(['rhythm.time_zone']);
  });

  it('refuses dates the calendar does not have', async () => {
    for (const start of ['2027-02-31T09:00', '2027-04-31T09:00', '2026-02-29T09:00', '0000-01-01T00:00']) {
      expect(await refusedField(await create({ start })), start).toEqual(['start']);
    }
    expect((await create({ start: '2028-02-29T09:00' })).status).toBe(201);
    const series = await h.call(`/v1/groups/${groupId}/series`, {
      method: 'POST',
      token: await facilitator(),
      body: { title: 'S', first_start: '2027-02-30T09:00', duration_minutes: 60, every_weeks: 1, count: 2 },
    });
    expect(await refusedField(series)).toEqual(['first_start']);
    const list = await h.call('/v1/sessions?from=0000-01-01T00:00:00Z', { token: await facilitator() });
    expect(list.status).toBe(400);
    expect((await list.json()).errors.map((e: { field: string }) => e.field)).toEqual(['from']);
  });

  it('moves a time in the spring gap forward by the gap, and says so in local_start', async () => {
    const gap = await created({ start: '2027-03-28T03:30' });
    expect([gap.starts_at, gap.local_start]).toEqual(['2027-03-28T01:30:00.000Z', '2027-03-28T04:30']);
    expect((await ics(gap.id)).events).toEqual([
      { tzid: 'Europe/Helsinki', local: '2027-03-28T04:30:00', at: '2027-03-28T01:30:00.000Z' },
    ]);
  });

  it('takes the first of the two times the autumn change repeats, as RFC 5545 says', async () => {
    const twice = await created({ start: '2027-10-31T03:30' });
    expect([twice.starts_at, twice.local_start]).toEqual(['2027-10-31T00:30:00.000Z', '2027-10-31T03:30']);
    // ical.js reads an ambiguous DTSTART as the second occurrence; RFC 5545 §3.3.5 says the first.
    expect((await ics(twice.id)).events[0]).toMatchObject({
      tzid: 'Europe/Helsinki',
      local: '2027-10-31T03:30:00',
    });
    const moved = await h.call(`/v1/sessions/${twice.id}`, {
      method: 'PATCH',
      token: await facilitator(),
      body: { start: '2027-03-28T03:00' },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const after = await (await h.call(`/v1/sessions/${twice.id}`, { token: await facilitator() })).json();
    expect([after.starts_at, after.local_start]).toEqual(['2027-03-28T01:00:00.000Z', '2027-03-28T04:00']);
  });

  it('expands a series by the same rule: only the occurrence in the gap moves', async () => {
    const res = await h.call(`/v1/groups/${groupId}/series`, {
      method: 'POST',
      token: await facilitator(),
      body: {
        title: 'Yösarja',
        first_start: '2027-03-21T03:30',
        duration_minutes: 60,
        every_weeks: 1,
        count: 3,
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { items } = await res.json();
    expect(
      items.map((s: { local_start: string; starts_at: string }) => [s.local_start, s.starts_at]),
    ).toEqual([
      ['2027-03-21T03:30', '2027-03-21T01:30:00.000Z'],
      ['2027-03-28T04:30', '2027-03-28T01:30:00.000Z'],
      ['2027-04-04T03:30', '2027-04-04T00:30:00.000Z'],
    ]);
    const autumn = await h.call(`/v1/groups/${groupId}/series`, {
      method: 'POST',
      token: await facilitator(),
      body: {
        title: 'Syyssarja',
        first_start: '2027-10-24T03:30',
        duration_minutes: 60,
        every_weeks: 1,
        count: 2,
      },
    });
    const second = (await autumn.json()).items[1];
    expect([second.local_start, second.starts_at]).toEqual(['2027-10-31T03:30', '2027-10-31T00:30:00.000Z']);
  });
});
