import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

interface Attendee {
  member: { id: string };
  answer: string;
  waitlisted: boolean;
  attended: boolean | null;
}

type Step = 'x yes' | 'y yes' | 'w yes' | 'z attended' | 'z no' | 'x no' | 'w attended';

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe.each(engines)('attendance and RSVP counts agree in every order (%s)', (engine) => {
  let h: Harness;
  const token = (sub: string, roles = ['member']) => h.mint(h.a, { sub, name: sub, roles });
  const organiser = () => token('helena', ['facilitator', 'member']);

  beforeAll(async () => {
    h = await harness(engine);
    for (const sub of ['x', 'y', 'w', 'z']) await h.call('/v1/me', { token: await token(sub) });
  });
  afterAll(() => h.close());

  /** An open event for two that has just started (RSVPs stay open until it ends). */
  const startedEvent = async () => {
    const res = await h.call('/v1/sessions', {
      method: 'POST',
      token: await organiser(),
      body: {
        title: 'Kahden hengen työpaja',
        scope: 'members',
        start: new Date(h.now.getTime() + 60_000).toISOString().slice(0, 16),
        time_zone: 'UTC',
        duration_minutes: 120,
        capacity: 2,
      },
    });
    expect(res.status).toBe(201);
    h.advance(5 * 60_000);
    return (await res.json()).id as string;
  };

  const run = async (id: string, step: Step) => {
    const [who, what] = step.split(' ') as [string, string];
    const res =
      what === 'attended'
        ? await h.call(`/v1/sessions/${id}/attendance`, {
            method: 'PUT',
            token: await organiser(),
            body: { attended: [who] },
          })
        : await h.call(`/v1/sessions/${id}/rsvp`, {
            method: 'PUT',
            token: await token(who),
            body: { answer: what },
          });
    expect(res.status, `${step}: ${await res.clone().text()}`).toBeLessThan(300);
  };

  /** What members see (the session's counts) and who the organiser's list says is going and waiting. */
  const state = async (id: string) => {
    const session = await (await h.call(`/v1/sessions/${id}`, { token: await token('x') })).json();
    const list: Attendee[] = (
      await (await h.call(`/v1/sessions/${id}/rsvps`, { token: await organiser() })).json()
    ).items;
    const going = list.filter((a) => a.answer === 'yes' && !a.waitlisted);
    return {
      session,
      going: going.map((a) => a.member.id).sort(),
      goingUnmarked: going.filter((a) => !a.attended).length,
      waiting: list.filter((a) => a.waitlisted).map((a) => a.member.id),
    };
  };

  const expectConsistent = async (id: string, after: string) => {
    const s = await state(id);
    expect(
      { yes_count: s.session.yes_count, waitlist_count: s.session.waitlist_count },
      `${after}: ${JSON.stringify(s)}`,
    ).toEqual({ yes_count: s.going.length, waitlist_count: s.waiting.length });
    // Only those who were there may stand beyond the capacity, and nobody waits for a free place.
    expect(s.goingUnmarked, after).toBeLessThanOrEqual(2);
    if (s.waiting.length) expect(s.going.length, after).toBeGreaterThanOrEqual(2);
    return s;
  };

  it('does not overfill when an attendee who never answered says no (the reported case)', async () => {
    const id = await startedEvent();
    for (const step of ['x yes', 'y yes', 'w yes', 'z attended', 'z no'] as Step[]) {
      await run(id, step);
      await expectConsistent(id, step);
    }
    const end = await state(id);
    expect(end.going).toEqual(['x', 'y']);
    expect(end.waiting).toEqual(['w']);
    expect(end.session).toMatchObject({ yes_count: 2, waitlist_count: 1, places_left: 0 });
  });

  it('keeps the counts true for every order of three answers and an attendance, then a no', async () => {
    for (const order of permutations<Step>(['x yes', 'y yes', 'w yes', 'z attended'])) {
      const id = await startedEvent();
      for (const step of [...order, 'z no'] as Step[]) {
        await run(id, step);
        await expectConsistent(id, `${order.join(', ')} → ${step}`);
      }
      const end = await state(id);
      expect({ going: end.going.length, waiting: end.waiting.length }, order.join(', ')).toEqual({
        going: 2,
        waiting: 1,
      });
    }
  });

  it('keeps the counts true when a waiting member is marked attended and others change their minds', async () => {
    for (const order of permutations<Step>(['w attended', 'x no', 'z attended'])) {
      const id = await startedEvent();
      for (const step of ['x yes', 'y yes', 'w yes', ...order] as Step[]) {
        await run(id, step);
        await expectConsistent(id, `${order.join(', ')} → ${step}`);
      }
      const end = await state(id);
      expect(end.going, order.join(', ')).toEqual(['w', 'y', 'z']);
      expect(end.waiting).toEqual([]);
    }
  });
});
