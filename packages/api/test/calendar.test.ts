import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

/** Reads a calendar with ical.js, an independent parser, resolving times through its own VTIMEZONEs. */
function readCalendar(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = root.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    const start = v.getFirstProperty('dtstart')!;
    const end = v.getFirstProperty('dtend')!;
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      url: v.getFirstPropertyValue('url'),
      tzid: [start.getParameter('tzid'), end.getParameter('tzid')],
      local: [String(start.getFirstValue()), String(end.getFirstValue())],
      minutes: (event.endDate.toUnixTime() - event.startDate.toUnixTime()) / 60,
    };
  });
  // ical.js leaves extension properties as written; decode the name as the TEXT it must be.
  const name = root.getFirstPropertyValue('x-wr-calname');
  return {
    name: typeof name === 'string' ? ICAL.design.icalendar.value.text!.fromICAL!(name) : name,
    zones: root.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
    events,
  };
}

const INJECTION =
  'Kokous\r\nBEGIN:VEVENT\r\nUID:x@evil\r\nDTSTART:20270101T000000Z\r\nSUMMARY:Maksa tästä\r\nURL:https://evil.example/phish\r\nEND:VEVENT\r\nX-A:';

describe.each(engines)('iCalendar output (%s)', (engine) => {
  let h: Harness;
  let groupId: string;
  const facilitator = () => h.mint(h.a, { sub: 'helena', name: 'Helena', roles: ['facilitator', 'member'] });
  const admin = () => h.mint(h.a, { sub: 'boss', name: 'Boss', roles: ['admin'] });
  const post = async (path: string, body: unknown, token?: string, method = 'POST') =>
    h.call(path, { method, body, token: token ?? (await facilitator()) });
  const refused = async (res: Response, field: string) => {
    const problem = await res.json();
    expect([res.status, problem.code]).toEqual([422, 'validation_failed']);
    expect(problem.errors).toContainEqual({
      field,
      code: 'control_characters',
      message: 'one line without control characters',
    });
  };

  beforeAll(async () => {
    h = await harness(engine);
    const res = await post('/v1/groups', { name: 'Aamuryhmä', capacity: 12 });
    groupId = (await res.json()).id;
  });
  afterAll(() => h.close());

  it('refuses line breaks and other control characters in one-line fields, naming the field', async () => {
    const session = { group_id: groupId, start: '2027-06-01T09:00', duration_minutes: 60 };
    await refused(await post('/v1/sessions', { ...session, title: INJECTION }), 'title');
    await refused(await post('/v1/sessions', { ...session, title: 'Tapaaminen', place: 'Sali\n2' }), 'place');
    await refused(
      await post('/v1/sessions', {
        ...session,
        title: 'Puhe',
        speakers: [{ name: 'Anna\tAsiantuntija' }],
      }),
      'speakers.0.name',
    );
    await refused(
      await post(`/v1/groups/${groupId}/series`, {
        title: 'Sarja\u0000',
        first_start: '2027-06-01T09:00',
        duration_minutes: 60,
        every_weeks: 3,
        count: 2,
      }),
      'title',
    );
    await refused(await post(`/v1/groups/${groupId}/topics`, { title: 'Aihe\r\nX' }), 'title');
    await refused(await post('/v1/groups', { name: 'Ryhmä\u0085', capacity: 12 }), 'name');
    await refused(await post('/v1/tenant', { name: INJECTION }, await admin(), 'PATCH'), 'name');
    const sessions = await (
      await h.call(`/v1/sessions?group=${groupId}`, { token: await facilitator() })
    ).json();
    expect(sessions.items).toEqual([]);
  });

  it('keeps line breaks in descriptions and agendas but refuses NUL there', async () => {
    const base = { group_id: groupId, title: 'Kuvaus', start: '2027-06-02T09:00', duration_minutes: 60 };
    const ok = await post('/v1/sessions', { ...base, agenda: '1. Kuulumiset\n2. Tavoitteet' });
    expect(ok.status).toBe(201);
    expect((await ok.json()).agenda).toBe('1. Kuulumiset\n2. Tavoitteet');
    const nul = await post('/v1/sessions', { ...base, description: 'a\u0000b' });
    expect(nul.status).toBe(422);
    expect((await nul.json()).errors).toContainEqual({
      field: 'description',
      code: 'control_characters',
      message: 'text without control characters other than line breaks and tabs',
    });
  });

  it('escapes the calendar’s name and every value, so stored text never adds events', async () => {
    const res = await post('/v1/sessions', {
      group_id: groupId,
      title: 'Turvallinen',
      start: '2027-06-03T09:00',
      duration_minutes: 60,
    });
    const { id } = await res.json();
    // Rows written before input refused control characters: put them straight into the store.
    await h.store.db.query('update sessions set title = $1, place = $1 where tenant_id = $2 and id = $3', [
      INJECTION,
      h.a.tenant.id,
      id,
    ]);
    await h.store.db.query('update tenants set name = $1 where id = $2', [
      `Yrittäjät; Turku, Salo \\ ${INJECTION}`,
      h.a.tenant.id,
    ]);
    const one = readCalendar(
      await (await h.call(`/v1/sessions/${id}/calendar.ics`, { token: await facilitator() })).text(),
    );
    expect(one.events.map((e) => e.uid)).toEqual([`${id}@ekollega`]);
    expect(one.name).toBe(INJECTION.replace(/\r/g, ''));
    expect(one.events[0]!.summary).toBe(INJECTION.replace(/\r/g, ''));
    expect(one.events[0]!.url).toBeNull();

    await post(
      '/v1/sessions',
      { title: 'Avoin', scope: 'public', start: '2027-06-04T17:00', duration_minutes: 60 },
      await admin(),
    );
    const feed = readCalendar(
      await (await h.call(`/v1/calendar/public/${h.a.tenant.id}.ics`, { key: null })).text(),
    );
    expect(feed.name).toBe(`Yrittäjät; Turku, Salo \\ ${INJECTION.replace(/\r/g, '')}`);
    expect(feed.events.map((e) => e.summary)).toEqual(['Avoin']);
  });

  it('ends each event at its wall time in its zone, the duration after its start', async () => {
    const make = async (start: string, duration_minutes: number, time_zone?: string) => {
      const res = await post('/v1/sessions', {
        group_id: groupId,
        title: `Kesto ${start}`,
        start,
        duration_minutes,
        ...(time_zone ? { time_zone } : {}),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { id } = await res.json();
      const text = await (
        await h.call(`/v1/sessions/${id}/calendar.ics`, { token: await facilitator() })
      ).text();
      return readCalendar(text);
    };
    const june = await make('2027-06-01T09:00', 90);
    expect(june.zones).toEqual(['Europe/Helsinki']);
    expect(june.events).toMatchObject([
      {
        tzid: ['Europe/Helsinki', 'Europe/Helsinki'],
        local: ['2027-06-01T09:00:00', '2027-06-01T10:30:00'],
        minutes: 90,
      },
    ]);
    // Across the spring change the clock jumps an hour: two hours from 02:30 end at 05:30.
    const spring = await make('2027-03-28T02:30', 120);
    expect(spring.events).toMatchObject([
      { local: ['2027-03-28T02:30:00', '2027-03-28T05:30:00'], minutes: 120 },
    ]);
    const newYork = await make('2027-11-07T00:30', 180, 'America/New_York');
    expect(newYork.zones).toEqual(['America/New_York']);
    expect(newYork.events).toMatchObject([
      {
        tzid: ['America/New_York', 'America/New_York'],
        local: ['2027-11-07T00:30:00', '2027-11-07T02:30:00'],
        minutes: 180,
      },
    ]);
  });
});
