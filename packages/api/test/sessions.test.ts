import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

/** Parses iCalendar text with ical.js (Mozilla's parser), independent of the writer we use. */
function parseIcs(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const zones = root.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid')));
  const events = root.getAllSubcomponents('vevent').map((v) => {
    const start = v.getFirstProperty('dtstart')!;
    return {
      uid: String(v.getFirstPropertyValue('uid')),
      sequence: Number(v.getFirstPropertyValue('sequence') ?? 0),
      status: v.getFirstPropertyValue('status') as string | null,
      summary: String(v.getFirstPropertyValue('summary')),
      tzid: start.getParameter('tzid'),
      localStart: String(start.getFirstValue()),
      text: v.toString(),
    };
  });
  return { zones, events };
}

describe.each(engines)('sessions (%s)', (engine) => {
  let h: Harness;
  let groupId: string;
  const token = (sub: string, roles = ['member']) => h.mint(h.a, { sub, name: sub, roles });
  const facilitator = () => token('helena', ['facilitator', 'member']);
  const admin = () => token('boss', ['admin']);

  beforeAll(async () => {
    h = await harness(engine);
    await h.call('/v1/me', { token: await facilitator() });
    const group = await (
      await h.call('/v1/groups', {
        method: 'POST',
        token: await facilitator(),
        body: { name: 'Aamuryhmä', capacity: 12, join_policy: 'open' },
      })
    ).json();
    groupId = group.id;
    for (const sub of ['aino', 'mikko'])
      await h.call(`/v1/groups/${groupId}/membership`, {
        method: 'PUT',
        token: await token(sub),
        body: { accepted_rules_version: 1 },
      });
  });
  afterAll(() => h.close());

  const series = async (body: Record<string, unknown>) => {
    const res = await h.call(`/v1/groups/${groupId}/series`, {
      method: 'POST',
      token: await facilitator(),
      body,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };
  const event = async (body: Record<string, unknown>) => {
    const res = await h.call('/v1/sessions', { method: 'POST', token: await admin(), body });
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };

  it('creates a series at 09:00 local time across daylight-saving changes (the contract example)', async () => {
    const created = await series({
      title: 'Vertaistapaaminen',
      first_start: '2026-10-06T09:00',
      duration_minutes: 120,
      time_zone: 'Europe/Helsinki',
      every_weeks: 3,
      count: 5,
    });
    expect(created.items.map((s: { local_start: string }) => s.local_start)).toEqual([
      '2026-10-06T09:00',
      '2026-10-27T09:00',
      '2026-11-17T09:00',
      '2026-12-08T09:00',
      '2026-12-29T09:00',
    ]);
    expect(created.items.map((s: { starts_at: string }) => s.starts_at)).toEqual([
      '2026-10-06T06:00:00.000Z',
      '2026-10-27T07:00:00.000Z',
      '2026-11-17T07:00:00.000Z',
      '2026-12-08T07:00:00.000Z',
      '2026-12-29T07:00:00.000Z',
    ]);
    expect(created.items[0].ends_at).toBe('2026-10-06T08:00:00.000Z');
    expect(new Set(created.items.map((s: { series_id: string }) => s.series_id)).size).toBe(1);
  });

  it('shows the next scheduled meeting on the group card', async () => {
    const group = await (await h.call(`/v1/groups/${groupId}`)).json();
    const upcoming = await (
      await h.call(`/v1/sessions?group=${groupId}`, { token: await facilitator() })
    ).json();
    expect(group.next_meeting_at).toBe(upcoming.items[0].starts_at);
  });

  it('names the field of bad series input', async () => {
    const res = await h.call(`/v1/groups/${groupId}/series`, {
      method: 'POST',
      token: await facilitator(),
      body: {
        title: 'x',
        first_start: '2027-01-05T09:00+02:00',
        duration_minutes: 120,
        time_zone: 'Mars/Olympus',
        every_weeks: 3,
        count: 0,
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'count',
      'first_start',
      'time_zone',
    ]);
  });

  it('shows a group’s meetings, with the link, only to its members and facilitators', async () => {
    const created = await series({
      title: 'Kevään tapaamiset',
      first_start: '2027-03-09T09:00',
      duration_minutes: 120,
      every_weeks: 3,
      count: 3,
      meeting_url: 'https://meet.example/abc',
    });
    const id = created.items[0].id;
    const asAino = await (await h.call(`/v1/sessions/${id}`, { token: await token('aino') })).json();
    expect(asAino.meeting_url).toBe('https://meet.example/abc');
    expect(asAino.starts_at).toBe('2027-03-09T07:00:00.000Z');
    expect(created.items[1].starts_at).toBe('2027-03-30T06:00:00.000Z');
    expect((await h.call(`/v1/sessions/${id}`, { token: await token('outsider') })).status).toBe(404);
    expect((await h.call(`/v1/sessions/${id}`)).status).toBe(404);
    const outsiderList = await (
      await h.call(`/v1/sessions?group=${groupId}&from=2027-01-01T00:00:00Z`, {
        token: await token('outsider'),
      })
    ).json();
    expect(outsiderList.items).toEqual([]);
    const memberList = await (
      await h.call(`/v1/sessions?group=${groupId}&from=2027-01-01T00:00:00Z`, { token: await token('mikko') })
    ).json();
    expect(memberList.items.map((s: { title: string }) => s.title)).toEqual([
      'Kevään tapaamiset',
      'Kevään tapaamiset',
      'Kevään tapaamiset',
    ]);
  });

  it('gives an open event’s link only to those going, never to visitors', async () => {
    const talk = await event({
      title: 'Ajanhallinta yrittäjälle',
      kind: 'expert_talk',
      scope: 'public',
      start: '2027-02-02T17:00',
      duration_minutes: 90,
      meeting_url: 'https://meet.example/talk',
      speakers: [{ name: 'Dr. Aika', title: 'Ajanhallinnan kouluttaja' }],
      capacity: 50,
    });
    const visitor = await (await h.call(`/v1/sessions/${talk.id}`)).json();
    expect(visitor.meeting_url).toBeNull();
    expect(visitor.online).toBe(true);
    expect(visitor.speakers).toEqual([{ name: 'Dr. Aika', title: 'Ajanhallinnan kouluttaja' }]);
    const aino = await token('aino');
    expect((await (await h.call(`/v1/sessions/${talk.id}`, { token: aino })).json()).meeting_url).toBeNull();
    await h.call(`/v1/sessions/${talk.id}/rsvp`, { method: 'PUT', token: aino, body: { answer: 'yes' } });
    expect((await (await h.call(`/v1/sessions/${talk.id}`, { token: aino })).json()).meeting_url).toBe(
      'https://meet.example/talk',
    );
    const visitorsList = await (await h.call('/v1/sessions?scope=open&from=2027-01-01T00:00:00Z')).json();
    expect(visitorsList.items.map((s: { title: string }) => s.title)).toContain('Ajanhallinta yrittäjälle');
    expect(JSON.stringify(visitorsList)).not.toContain('meet.example');
  });

  it('keeps members-only events from visitors', async () => {
    const internal = await event({
      title: 'Jäsenilta',
      scope: 'members',
      start: '2027-02-10T18:00',
      duration_minutes: 60,
    });
    expect((await h.call(`/v1/sessions/${internal.id}`)).status).toBe(404);
    expect((await h.call(`/v1/sessions/${internal.id}`, { token: await token('aino') })).status).toBe(200);
  });

  it('moves one occurrence or this and the following, and cancels', async () => {
    const created = await series({
      title: 'Syksyn tapaamiset',
      first_start: '2027-09-07T09:00',
      duration_minutes: 120,
      every_weeks: 3,
      count: 4,
    });
    const [first, second] = created.items;
    const moved = await (
      await h.call(`/v1/sessions/${first.id}`, {
        method: 'PATCH',
        token: await facilitator(),
        body: { start: '2027-09-08T10:00' },
      })
    ).json();
    expect(moved).toMatchObject({ status: 'moved', local_start: '2027-09-08T10:00', sequence: 1 });
    const following = await h.call(`/v1/sessions/${second.id}`, {
      method: 'PATCH',
      token: await facilitator(),
      body: { start: '2027-09-28T13:00', apply_to: 'following', title: 'Iltapäivätapaaminen' },
    });
    expect(following.status).toBe(200);
    const list = await (
      await h.call(`/v1/sessions?group=${groupId}&from=2027-09-01T00:00:00Z&to=2027-12-01T00:00:00Z`, {
        token: await token('aino'),
      })
    ).json();
    expect(
      list.items.map((s: { local_start: string; title: string; status: string }) => [
        s.local_start,
        s.title,
        s.status,
      ]),
    ).toEqual([
      ['2027-09-08T10:00', 'Syksyn tapaamiset', 'moved'],
      ['2027-09-28T13:00', 'Iltapäivätapaaminen', 'moved'],
      ['2027-10-19T13:00', 'Iltapäivätapaaminen', 'moved'],
      ['2027-11-09T13:00', 'Iltapäivätapaaminen', 'moved'],
    ]);
    // 19 October is still summer time, 9 November is not: 13:00 local both times.
    expect(list.items[2].starts_at).toBe('2027-10-19T10:00:00.000Z');
    expect(list.items[3].starts_at).toBe('2027-11-09T11:00:00.000Z');
    const cancelled = await (
      await h.call(`/v1/sessions/${list.items[2].id}/cancel`, {
        method: 'POST',
        token: await facilitator(),
        body: { apply_to: 'following' },
      })
    ).json();
    expect(cancelled.status).toBe('cancelled');
    expect(
      (await (await h.call(`/v1/sessions/${list.items[3].id}`, { token: await token('aino') })).json())
        .status,
    ).toBe('cancelled');
    expect(
      (
        await h.call(`/v1/sessions/${list.items[3].id}/rsvp`, {
          method: 'PUT',
          token: await token('aino'),
          body: { answer: 'yes' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await h.call(`/v1/sessions/${first.id}`, {
          method: 'PATCH',
          token: await token('aino'),
          body: { title: 'Hacked' },
        })
      ).status,
    ).toBe(403);
  });

  it('answers RSVPs idempotently and keeps a full event’s waitlist in order', async () => {
    const small = await event({
      title: 'Pienryhmätyöpaja',
      scope: 'members',
      start: '2027-03-03T12:00',
      duration_minutes: 60,
      capacity: 2,
    });
    const rsvp = async (sub: string, answer: string) =>
      (
        await h.call(`/v1/sessions/${small.id}/rsvp`, {
          method: 'PUT',
          token: await token(sub),
          body: { answer },
        })
      ).json();
    expect(await rsvp('a1', 'yes')).toMatchObject({ answer: 'yes', waitlisted: false });
    expect(await rsvp('a1', 'yes')).toMatchObject({ answer: 'yes', waitlisted: false });
    await rsvp('a2', 'yes');
    expect(await rsvp('a3', 'yes')).toMatchObject({ answer: 'yes', waitlisted: true, waitlist_position: 1 });
    expect(await rsvp('a4', 'yes')).toMatchObject({ waitlisted: true, waitlist_position: 2 });
    expect(await rsvp('a1', 'no')).toMatchObject({ answer: 'no', waitlisted: false });
    expect(await rsvp('a3', 'yes')).toMatchObject({ waitlisted: false });
    expect(await rsvp('a4', 'yes')).toMatchObject({ waitlist_position: 1 });
    expect(
      await (await h.call(`/v1/sessions/${small.id}`, { token: await token('a1') })).json(),
    ).toMatchObject({ yes_count: 2, waitlist_count: 1, places_left: 0 });
    const bad = await h.call(`/v1/sessions/${small.id}/rsvp`, {
      method: 'PUT',
      token: await token('a1'),
      body: { answer: 'perhaps' },
    });
    expect((await bad.json()).errors[0].field).toBe('answer');
  });

  it('never overfills an event under concurrent RSVPs', async () => {
    const talk = await event({
      title: 'Suosittu puhuja',
      scope: 'members',
      start: '2027-04-04T17:00',
      duration_minutes: 60,
      capacity: 10,
    });
    const tokens = await Promise.all(Array.from({ length: 40 }, (_, i) => token(`crowd-${i}`)));
    const results = await Promise.all(
      tokens.map(async (t) =>
        (
          await h.call(`/v1/sessions/${talk.id}/rsvp`, { method: 'PUT', token: t, body: { answer: 'yes' } })
        ).json(),
      ),
    );
    expect(results.filter((r) => !r.waitlisted)).toHaveLength(10);
    expect(
      results
        .filter((r) => r.waitlisted)
        .map((r) => r.waitlist_position)
        .sort((x, y) => x - y),
    ).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('lets facilitators see who comes and mark attendance once the session started', async () => {
    const soon = await series({
      title: 'Huomenna',
      first_start: new Date(h.now.getTime() + 86400_000).toISOString().slice(0, 16),
      time_zone: 'UTC',
      duration_minutes: 60,
      every_weeks: 1,
      count: 1,
    });
    const id = soon.items[0].id;
    await h.call(`/v1/sessions/${id}/rsvp`, {
      method: 'PUT',
      token: await token('aino'),
      body: { answer: 'yes' },
    });
    expect(
      (
        await h.call(`/v1/sessions/${id}/attendance`, {
          method: 'PUT',
          token: await facilitator(),
          body: { attended: ['aino'] },
        })
      ).status,
    ).toBe(409);
    expect((await h.call(`/v1/sessions/${id}/rsvps`, { token: await token('aino') })).status).toBe(403);
    h.advance(86400_000 + 10 * 60_000);
    const bad = await h.call(`/v1/sessions/${id}/attendance`, {
      method: 'PUT',
      token: await facilitator(),
      body: { attended: ['aino', 'ghost'] },
    });
    expect((await bad.json()).errors[0].field).toBe('attended.1');
    expect(
      (
        await h.call(`/v1/sessions/${id}/attendance`, {
          method: 'PUT',
          token: await facilitator(),
          body: { attended: ['aino'], absent: ['mikko'] },
        })
      ).status,
    ).toBe(204);
    const list = (await (await h.call(`/v1/sessions/${id}/rsvps`, { token: await facilitator() })).json())
      .items;
    expect(list.map((a: { member: { id: string }; attended: boolean }) => [a.member.id, a.attended])).toEqual(
      [
        ['aino', true],
        ['mikko', false],
      ],
    );
  });

  it('ranks topics members suggest, with a few votes each, and attaches one to a session', async () => {
    const aino = await token('aino');
    const suggest = async (title: string) => {
      h.advance(1000); // ties in votes rank the earlier suggestion first
      return (
        await (
          await h.call(`/v1/groups/${groupId}/topics`, { method: 'POST', token: aino, body: { title } })
        ).json()
      ).id;
    };
    const ids = [
      await suggest('Ajanhallinta'),
      await suggest('Hinnoittelu'),
      await suggest('Somemarkkinointi'),
      await suggest('Jaksaminen'),
    ];
    for (const id of ids.slice(0, 3))
      expect(
        (await h.call(`/v1/groups/${groupId}/topics/${id}/vote`, { method: 'PUT', token: aino })).status,
      ).toBe(204);
    const fourth = await h.call(`/v1/groups/${groupId}/topics/${ids[3]}/vote`, {
      method: 'PUT',
      token: aino,
    });
    expect(fourth.status).toBe(409);
    expect((await fourth.json()).code).toBe('vote_limit');
    await h.call(`/v1/groups/${groupId}/topics/${ids[0]}/vote`, { method: 'DELETE', token: aino });
    await h.call(`/v1/groups/${groupId}/topics/${ids[3]}/vote`, { method: 'PUT', token: aino });
    await h.call(`/v1/groups/${groupId}/topics/${ids[1]}/vote`, {
      method: 'PUT',
      token: await token('mikko'),
    });
    const ranked = (
      await (await h.call(`/v1/groups/${groupId}/topics`, { token: await facilitator() })).json()
    ).items;
    expect(ranked.map((t: { title: string; votes: number }) => [t.title, t.votes])).toEqual([
      ['Hinnoittelu', 2],
      ['Somemarkkinointi', 1],
      ['Jaksaminen', 1],
      ['Ajanhallinta', 0],
    ]);
    expect((await h.call(`/v1/groups/${groupId}/topics`, { token: await token('outsider') })).status).toBe(
      403,
    );
    const s = (
      await series({
        title: 'Teematapaaminen',
        first_start: '2027-05-04T09:00',
        duration_minutes: 60,
        every_weeks: 1,
        count: 1,
      })
    ).items[0];
    const withTopic = await (
      await h.call(`/v1/sessions/${s.id}`, {
        method: 'PATCH',
        token: await facilitator(),
        body: { topic_id: ids[1] },
      })
    ).json();
    expect(withTopic.topic).toEqual({ id: ids[1], title: 'Hinnoittelu' });
    const wrong = await h.call(`/v1/sessions/${s.id}`, {
      method: 'PATCH',
      token: await facilitator(),
      body: { topic_id: 'top_nope' },
    });
    expect((await wrong.json()).errors[0].field).toBe('topic_id');
  });

  describe('calendar feeds', () => {
    it('gives one session as RFC 5545 with VTIMEZONE, TZID, a stable UID and a growing SEQUENCE', async () => {
      const created = await series({
        title: 'Kalenteritapaaminen',
        first_start: '2027-06-01T09:00',
        duration_minutes: 120,
        every_weeks: 3,
        count: 2,
      });
      const id = created.items[0].id;
      const aino = await token('aino');
      const first = parseIcs(await (await h.call(`/v1/sessions/${id}/calendar.ics`, { token: aino })).text());
      expect(first.zones).toEqual(['Europe/Helsinki']);
      expect(first.events).toHaveLength(1);
      expect(first.events[0]).toMatchObject({
        uid: `${id}@ekollega`,
        sequence: 0,
        tzid: 'Europe/Helsinki',
        summary: 'Kalenteritapaaminen',
        status: 'CONFIRMED',
      });
      expect(first.events[0]!.localStart).toBe('2027-06-01T09:00:00');
      await h.call(`/v1/sessions/${id}`, {
        method: 'PATCH',
        token: await facilitator(),
        body: { title: 'Siirretty tapaaminen', start: '2027-06-02T09:00' },
      });
      await h.call(`/v1/sessions/${id}/cancel`, { method: 'POST', token: await facilitator() });
      const after = parseIcs(await (await h.call(`/v1/sessions/${id}/calendar.ics`, { token: aino })).text());
      expect(after.events[0]).toMatchObject({
        uid: `${id}@ekollega`,
        sequence: 2,
        status: 'CANCELLED',
        localStart: '2027-06-02T09:00:00',
      });
    });

    it('gives a member a personal feed URL that can be rotated and revoked', async () => {
      const aino = await token('aino');
      const talk = await event({
        title: 'Tavoitteiden asettaminen',
        kind: 'expert_talk',
        scope: 'members',
        start: '2027-07-07T17:00',
        duration_minutes: 60,
        meeting_url: 'https://meet.example/goals',
      });
      await h.call(`/v1/sessions/${talk.id}/rsvp`, { method: 'PUT', token: aino, body: { answer: 'maybe' } });
      const { url } = await (await h.call('/v1/me/calendar', { token: aino })).json();
      expect(url).toMatch(/\/v1\/calendar\/feeds\/cal_[\w-]+\.ics$/);
      expect((await (await h.call('/v1/me/calendar', { token: aino })).json()).url).toBe(url);
      const path = new URL(url).pathname;
      const res = await h.call(path, { key: null });
      expect(res.headers.get('content-type')).toContain('text/calendar');
      const feed = parseIcs(await res.text());
      expect(feed.events.map((e) => e.summary)).toEqual(
        expect.arrayContaining(['Kevään tapaamiset', 'Tavoitteiden asettaminen']),
      );
      expect(feed.events.map((e) => e.summary)).not.toContain('Suosittu puhuja');
      const rotated = (await (await h.call('/v1/me/calendar/rotate', { method: 'POST', token: aino })).json())
        .url;
      expect(rotated).not.toBe(url);
      expect((await h.call(path, { key: null })).status).toBe(404);
      expect((await h.call(new URL(rotated).pathname, { key: null })).status).toBe(200);
      await h.call('/v1/me/calendar', { method: 'DELETE', token: aino });
      expect((await h.call(new URL(rotated).pathname, { key: null })).status).toBe(404);
    });

    it('publishes the association’s public events without meeting links', async () => {
      const res = await h.call(`/v1/calendar/public/${h.a.tenant.id}.ics`, { key: null });
      expect(res.status).toBe(200);
      const text = await res.text();
      const feed = parseIcs(text);
      expect(feed.events.map((e) => e.summary)).toContain('Ajanhallinta yrittäjälle');
      expect(feed.events.map((e) => e.summary)).not.toContain('Jäsenilta');
      expect(feed.events.map((e) => e.summary)).not.toContain('Kevään tapaamiset');
      expect(text).not.toContain('meet.example');
      expect((await h.call('/v1/calendar/public/ten_nobody.ics', { key: null })).status).toBe(404);
    });
  });

  it('never shows another association’s sessions', async () => {
    const talk = await event({
      title: 'Vain A:n tapahtuma',
      scope: 'public',
      start: '2027-08-08T10:00',
      duration_minutes: 60,
    });
    const bToken = await h.mint(h.b, { sub: 'aino', roles: ['admin'] });
    const asB = (path: string, init: { method?: string; body?: unknown } = {}) =>
      h.call(path, { ...init, key: h.b.publishableKey, token: bToken });
    expect((await asB(`/v1/sessions/${talk.id}`)).status).toBe(404);
    expect(JSON.stringify(await (await asB('/v1/sessions?from=2027-01-01T00:00:00Z')).json())).not.toContain(
      talk.id,
    );
    expect(
      (await asB(`/v1/sessions/${talk.id}/rsvp`, { method: 'PUT', body: { answer: 'yes' } })).status,
    ).toBe(404);
    expect((await asB(`/v1/sessions/${talk.id}`, { method: 'PATCH', body: { title: 'x' } })).status).toBe(
      404,
    );
    expect(
      (
        await asB(`/v1/groups/${groupId}/series`, {
          method: 'POST',
          body: {
            title: 'x',
            first_start: '2027-01-05T09:00',
            duration_minutes: 60,
            every_weeks: 1,
            count: 1,
          },
        })
      ).status,
    ).toBe(404);
    expect((await asB(`/v1/groups/${groupId}/topics`)).status).toBe(404);
  });
});
