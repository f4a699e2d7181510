import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

/**
 * Applicants are not members: whoever waits for approval, waits in line, holds an offer or was
 * declined sees nothing of the group's board, its meetings or their links — the same 404 as for
 * a group that does not exist.
 */
describe.each(engines)('a group’s applicants see none of its members’ things (%s)', (engine) => {
  let h: Harness;
  let groupId: string;
  let questionId: string;
  let sessionId: string;
  const token = (sub: string, roles = ['member']) => h.mint(h.a, { sub, name: sub, roles });
  const rolesOf = (sub: string) => {
    if (sub === 'boss') return ['admin'];
    return sub === facilitator ? ['facilitator', 'member'] : ['member'];
  };
  const facilitator = 'helena';
  const as = async (sub: string, path: string, init: { method?: string; body?: unknown } = {}) =>
    h.call(path, {
      ...init,
      token: await token(sub, rolesOf(sub)),
    });
  const ok = async (
    sub: string,
    path: string,
    init: { method?: string; body?: unknown } = {},
    status = 200,
  ) => {
    const res = await as(sub, path, init);
    const text = await res.text();
    expect(res.status, `${init.method ?? 'GET'} ${path} as ${sub}: ${text}`).toBe(status);
    return text ? JSON.parse(text) : undefined;
  };
  const join = (sub: string) =>
    ok(sub, `/v1/groups/${groupId}/membership`, { method: 'PUT', body: { accepted_rules_version: 1 } });

  beforeAll(async () => {
    h = await harness(engine);
    await ok(facilitator, '/v1/me');
    const group = await ok(
      facilitator,
      '/v1/groups',
      { method: 'POST', body: { name: 'Hakijaryhmä', capacity: 2, join_policy: 'open' } },
      201,
    );
    groupId = group.id;
    const series = await ok(
      facilitator,
      `/v1/groups/${groupId}/series`,
      {
        method: 'POST',
        body: {
          title: 'Hakijoilta piilossa',
          first_start: '2027-09-07T18:00',
          duration_minutes: 90,
          every_weeks: 3,
          count: 1,
          meeting_url: 'https://meet.example/piilossa',
        },
      },
      201,
    );
    sessionId = series.items[0].id;
    const question = await ok(
      facilitator,
      '/v1/questions',
      { method: 'POST', body: { group_id: groupId, title: 'Ryhmän oma kysymys', body: 'Vain jäsenille' } },
      201,
    );
    questionId = question.id;

    for (const sub of ['member-1', 'member-2']) expect((await join(sub)).status).toBe('member');
    expect((await join('offered')).status).toBe('waitlisted');
    expect((await join('waitlisted')).status).toBe('waitlisted');
    await ok('member-1', `/v1/groups/${groupId}/membership`, { method: 'DELETE' }, 204);
    expect((await ok('offered', `/v1/groups/${groupId}/membership`)).status).toBe('offered');
    await ok(facilitator, `/v1/groups/${groupId}`, { method: 'PATCH', body: { join_policy: 'approval' } });
    expect((await join('pending')).status).toBe('pending');
    expect((await join('declined')).status).toBe('pending');
    await ok(facilitator, `/v1/groups/${groupId}/requests/declined/decline`, {
      method: 'POST',
      body: { reason: 'Ryhmä on täynnä.' },
    });
    expect((await ok('declined', `/v1/groups/${groupId}/membership`)).status).toBe('declined');
  });
  afterAll(() => h.close());

  it('shows the group’s member its board, meeting and link (the control)', async () => {
    expect((await ok('member-2', `/v1/questions/${questionId}`)).title).toBe('Ryhmän oma kysymys');
    expect((await ok('member-2', `/v1/sessions/${sessionId}`)).meeting_url).toBe(
      'https://meet.example/piilossa',
    );
  });

  it.each(['pending', 'waitlisted', 'offered', 'declined'])(
    'answers a %s applicant 404 for the board, its posts, the meetings and their links',
    async (sub) => {
      for (const path of [
        `/v1/questions?group=${groupId}`,
        `/v1/questions/${questionId}`,
        `/v1/questions/stream?group=${groupId}`,
        `/v1/sessions/${sessionId}`,
        `/v1/sessions/${sessionId}/calendar.ics`,
      ]) {
        const res = await as(sub, path);
        expect(res.status, `${path} as ${sub}`).toBe(404);
        await res.body?.cancel();
      }
      const posted = await as(sub, '/v1/questions', {
        method: 'POST',
        body: { group_id: groupId, title: 'Hakija kysyy', body: 'Näkyykö?' },
      });
      expect(posted.status).toBe(404);
      const answered = await as(sub, `/v1/questions/${questionId}/answers`, {
        method: 'POST',
        body: { body: 'Hakija vastaa' },
      });
      expect(answered.status).toBe(404);
      const listed = await ok(sub, `/v1/sessions?group=${groupId}&from=2027-01-01T00:00:00Z`);
      expect(listed.items).toEqual([]);
      const mine = await ok(sub, '/v1/sessions?scope=mine&from=2027-01-01T00:00:00Z');
      expect(JSON.stringify(mine)).not.toContain('meet.example/piilossa');
      const { url } = await ok(sub, '/v1/me/calendar');
      expect(await (await h.call(new URL(url).pathname, { key: null })).text()).not.toContain(
        'Hakijoilta piilossa',
      );
    },
  );

  it('gives a member waiting for a place at a full open event no link, and the link once a place is theirs', async () => {
    const talk = await ok(
      'boss',
      '/v1/sessions',
      {
        method: 'POST',
        body: {
          title: 'Täysi ilta',
          scope: 'members',
          start: '2027-10-05T17:00',
          duration_minutes: 60,
          capacity: 1,
          meeting_url: 'https://meet.example/taysi',
        },
      },
      201,
    );
    const rsvp = (sub: string, answer: string) =>
      ok(sub, `/v1/sessions/${talk.id}/rsvp`, { method: 'PUT', body: { answer } });
    expect(await rsvp('going', 'yes')).toMatchObject({ waitlisted: false });
    expect(await rsvp('waiting', 'yes')).toMatchObject({ waitlisted: true, waitlist_position: 1 });
    const waiting = await ok('waiting', `/v1/sessions/${talk.id}`);
    expect(waiting.meeting_url).toBeNull();
    expect(waiting.online).toBe(true);
    const { url } = await ok('waiting', '/v1/me/calendar');
    const feed = async () => (await h.call(new URL(url).pathname, { key: null })).text();
    expect(await feed()).not.toContain('meet.example/taysi');

    await rsvp('going', 'no');
    expect((await ok('waiting', `/v1/sessions/${talk.id}`)).meeting_url).toBe('https://meet.example/taysi');
    expect(await feed()).toContain('meet.example/taysi');
  });
});
