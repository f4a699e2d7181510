import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { isProblem, type Session } from '../src/index.js';
import { association } from './association.js';

let assoc: Awaited<ReturnType<typeof association>>;
const as = (sub: string | null, roles?: string[]) => assoc.as(sub, roles);

beforeAll(async () => {
  assoc = await association();
});
afterAll(() => assoc.close());

describe('client.sessions', () => {
  it('schedules a series, lists it for members, RSVPs and downloads a calendar file', async () => {
    const helena = as('helena', ['facilitator']);
    await helena.me();
    const group = await helena.groups.create({ name: 'Aamuryhmä', capacity: 12, join_policy: 'open' });
    const aino = as('aino');
    await aino.groups.join(group.id, { accepted_rules_version: 1 });
    const { items } = await helena.sessions.createSeries(group.id, {
      title: 'Tapaaminen',
      first_start: '2027-03-09T09:00',
      duration_minutes: 120,
      every_weeks: 3,
      count: 3,
      meeting_url: 'https://meet.example/x',
    });
    expect(items.map((s) => s.local_start)).toEqual([
      '2027-03-09T09:00',
      '2027-03-30T09:00',
      '2027-04-20T09:00',
    ]);

    const page = await aino.sessions.list({ group: group.id, from: '2027-01-01T00:00:00Z' });
    expectTypeOf(page.items).toEqualTypeOf<Session[]>();
    expect(page.items[0]?.meeting_url).toBe('https://meet.example/x');
    expect(await aino.sessions.rsvp(items[0]!.id, 'yes')).toMatchObject({ answer: 'yes', waitlisted: false });

    const ics = await aino.sessions.ics(items[0]!.id);
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${items[0]!.id}@ekollega`);

    const feed = await aino.sessions.myCalendar();
    expect(feed.url).toContain('/v1/calendar/feeds/');
    const error = await as('outsider')
      .sessions.get(items[0]!.id)
      .catch((e: unknown) => e);
    expect(isProblem(error, 'not_found')).toBe(true);
  });

  it('suggests and votes topics', async () => {
    const helena = as('helena', ['facilitator']);
    const group = await helena.groups.create({ name: 'Teemaryhmä', capacity: 12, join_policy: 'open' });
    const topic = await helena.sessions.topics.suggest(group.id, { title: 'Hinnoittelu' });
    await helena.sessions.topics.vote(group.id, topic.id);
    const { items, votes_per_member } = await helena.sessions.topics.list(group.id);
    expect(items).toEqual([expect.objectContaining({ title: 'Hinnoittelu', votes: 1, my_vote: true })]);
    expect(votes_per_member).toBe(3);
  });
});
