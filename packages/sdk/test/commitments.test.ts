import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { isProblem, type Commitment, type Page, type Round } from '../src/index.js';
import { association } from './association.js';

let assoc: Awaited<ReturnType<typeof association>>;
const as = (sub: string | null, roles?: string[]) => assoc.as(sub, roles);

beforeAll(async () => {
  assoc = await association();
});
afterAll(() => assoc.close());

describe('client.commitments', () => {
  it('sets, edits and reports a commitment; the facilitator goes through the round', async () => {
    const helena = as('helena', ['facilitator']);
    await helena.me();
    const group = await helena.groups.create({ name: 'Aamuryhmä', capacity: 12, join_policy: 'open' });
    const meeting = await helena.sessions.create({
      title: 'Tapaaminen',
      group_id: group.id,
      start: '2027-03-09T09:00',
      duration_minutes: 120,
    });
    const aino = as('aino');
    await aino.groups.join(group.id, { accepted_rules_version: 1 });

    const set = await aino.commitments.create(group.id, {
      text: 'Otan yhteyttä kymmeneen asiakkaaseen',
      target: { value: 10, unit: 'asiakasta' },
    });
    expectTypeOf(set).toEqualTypeOf<Commitment>();
    expect(set).toMatchObject({ due_session_id: meeting.id, visibility: 'group', report: null });

    const edited = await aino.commitments.update(set.id, { visibility: 'facilitators' });
    expect(edited.visibility).toBe('facilitators');
    const reported = await aino.commitments.report(set.id, { status: 'partly', achieved: 7 });
    expect(reported.report).toMatchObject({ status: 'partly', achieved: 7, reflection: '' });

    const page = await aino.commitments.list(group.id, { status: 'reported' });
    expectTypeOf(page).toEqualTypeOf<Page<Commitment>>();
    expect(page.items.map((c) => c.id)).toEqual([set.id]);
    expect((await aino.me.commitments()).items.map((c) => c.id)).toEqual([set.id]);
    expect((await aino.me()).id).toBe('aino');

    const round = await helena.sessions.round(meeting.id);
    expectTypeOf(round).toEqualTypeOf<Round>();
    expect(round.items).toMatchObject([{ member: { id: 'aino' }, report_status: 'partly', private: false }]);
    const summary = await helena.commitments.summary(group.id);
    expect(summary.sessions).toMatchObject([{ session_id: meeting.id, due: 1, reported: 1, partly: 1 }]);

    const refused = await aino.commitments.update(set.id, { text: 'Toinen' }).catch((e: unknown) => e);
    expect(isProblem(refused, 'already_reported')).toBe(true);
    await aino.commitments.remove(set.id);
    const gone = await aino.commitments.get(set.id).catch((e: unknown) => e);
    expect(isProblem(gone, 'not_found')).toBe(true);
  });
});
