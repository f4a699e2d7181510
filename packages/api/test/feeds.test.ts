import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

/** Each event of a feed: its title and the meeting link it carries, if any. */
function feedEvents(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return root.getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    summary: String(v.getFirstPropertyValue('summary')),
    url: (v.getFirstPropertyValue('url') as string | null) ?? null,
    text: v.toString(),
  }));
}

describe.each(engines)('a member’s calendar feed carries what the session pages show them (%s)', (engine) => {
  let h: Harness;
  let groupId: string;
  const token = (sub: string, roles = ['member']) => h.mint(h.a, { sub, name: sub, roles });
  const facilitator = () => token('helena', ['facilitator', 'member']);

  beforeAll(async () => {
    h = await harness(engine);
    const group = await (
      await h.call('/v1/groups', {
        method: 'POST',
        token: await facilitator(),
        body: { name: 'Iltaryhmä', capacity: 12, join_policy: 'open' },
      })
    ).json();
    groupId = group.id;
    for (const sub of ['aino', 'pekka']) await h.call('/v1/me', { token: await token(sub) });
    await h.call(`/v1/groups/${groupId}/membership`, {
      method: 'PUT',
      token: await token('aino'),
      body: { accepted_rules_version: 1 },
    });
  });
  afterAll(() => h.close());

  const feedOf = async (sub: string) => {
    const { url } = await (await h.call('/v1/me/calendar', { token: await token(sub) })).json();
    const res = await h.call(new URL(url).pathname, { key: null });
    expect(res.status).toBe(200);
    return feedEvents(await res.text());
  };
  const detail = async (sub: string, id: string) => h.call(`/v1/sessions/${id}`, { token: await token(sub) });

  it('drops a group’s meetings from the feed of a member removed from the group', async () => {
    const created = await (
      await h.call(`/v1/groups/${groupId}/series`, {
        method: 'POST',
        token: await facilitator(),
        body: {
          title: 'Iltatapaaminen',
          first_start: '2027-05-04T18:00',
          duration_minutes: 90,
          every_weeks: 3,
          count: 2,
          meeting_url: 'https://meet.example/ilta',
        },
      })
    ).json();
    const ids: string[] = created.items.map((s: { id: string }) => s.id);
    await h.call(`/v1/sessions/${ids[0]}/rsvp`, {
      method: 'PUT',
      token: await token('aino'),
      body: { answer: 'yes' },
    });
    const before = (await feedOf('aino')).filter((e) => e.summary === 'Iltatapaaminen');
    expect(before.map((e) => e.url)).toEqual(['https://meet.example/ilta', 'https://meet.example/ilta']);

    const removed = await h.call(`/v1/groups/${groupId}/members/aino`, {
      method: 'DELETE',
      token: await facilitator(),
    });
    expect(removed.status).toBe(204);
    expect((await detail('aino', ids[0]!)).status).toBe(404);
    const after = await feedOf('aino');
    expect(after.map((e) => e.summary)).not.toContain('Iltatapaaminen');
    expect(JSON.stringify(after)).not.toContain('meet.example/ilta');
  });

  it('leaves out a group meeting a member outside the group was marked as having attended', async () => {
    const created = await (
      await h.call(`/v1/groups/${groupId}/series`, {
        method: 'POST',
        token: await facilitator(),
        body: {
          title: 'Suljettu tapaaminen',
          first_start: new Date(h.now.getTime() + 3_600_000).toISOString().slice(0, 16),
          time_zone: 'UTC',
          duration_minutes: 120,
          every_weeks: 1,
          count: 1,
          meeting_url: 'https://meet.example/suljettu',
        },
      })
    ).json();
    const id = created.items[0].id;
    h.advance(2 * 3_600_000);
    const marked = await h.call(`/v1/sessions/${id}/attendance`, {
      method: 'PUT',
      token: await facilitator(),
      body: { attended: ['pekka'] },
    });
    expect(marked.status).toBe(204);
    expect((await detail('pekka', id)).status).toBe(404);
    const feed = await feedOf('pekka');
    expect(feed.map((e) => e.summary)).not.toContain('Suljettu tapaaminen');
    expect(JSON.stringify(feed)).not.toContain('meet.example/suljettu');
  });

  it('gives an open event’s link in the feed only where the event’s page gives it', async () => {
    const talk = await (
      await h.call('/v1/sessions', {
        method: 'POST',
        token: await token('boss', ['admin']),
        body: {
          title: 'Myynnin ilta',
          scope: 'members',
          start: '2027-06-01T17:00',
          duration_minutes: 60,
          meeting_url: 'https://meet.example/myynti',
        },
      })
    ).json();
    await h.call(`/v1/sessions/${talk.id}/rsvp`, {
      method: 'PUT',
      token: await token('pekka'),
      body: { answer: 'maybe' },
    });
    expect((await (await detail('pekka', talk.id)).json()).meeting_url).toBeNull();
    const maybe = (await feedOf('pekka')).find((e) => e.summary === 'Myynnin ilta');
    expect(maybe?.text).not.toContain('meet.example/myynti');
    await h.call(`/v1/sessions/${talk.id}/rsvp`, {
      method: 'PUT',
      token: await token('pekka'),
      body: { answer: 'yes' },
    });
    expect((await (await detail('pekka', talk.id)).json()).meeting_url).toBe('https://meet.example/myynti');
    expect((await feedOf('pekka')).find((e) => e.summary === 'Myynnin ilta')?.url).toBe(
      'https://meet.example/myynti',
    );
  });
});
