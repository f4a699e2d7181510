import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

/**
 * Every route the facilitator desk calls, with every kind of caller. The desk hides nothing the
 * API would give: a member who puts it on a page, or calls its routes by hand, gets what the API
 * answers here.
 *
 * - `member`: a member of group G; `facG`: G's facilitator; `facH`: the facilitator of another
 *   group H (a facilitator by role, not of G); `admin`: the association's admin; `visitor`: the
 *   publishable key without a member token; `other`: another association's admin, with its own key.
 * - 404 wherever the caller may not know the thing: G's meetings and board for anyone outside G
 *   (admins do not read groups' boards), anything of this association for another one.
 * - 403 where the caller can see the thing but not change it: a group is listed publicly, so a
 *   member or another group's facilitator calling G's management routes learns nothing new from
 *   a 403; G's members see its meetings, so changing one is a 403 for them.
 * - 401 for a visitor where the route asks for a member first.
 */
const ROLES = ['member', 'facG', 'facH', 'admin', 'visitor', 'other'] as const;
type Role = (typeof ROLES)[number];
type Expected = [member: number, facG: number, facH: number, admin: number, visitor: number, other: number];

interface Case {
  name: string;
  expect: Expected;
  /** The request; called once per role, so a case that changes something can make a fresh target. */
  request: (role: Role) => Promise<{ path: string; method?: string; body?: unknown }>;
}

describe.each(engines)('every facilitator route, with every role (%s)', (engine) => {
  let h: Harness;
  let g: string;
  let hGroup: string;
  let past: string;
  let topic: string;
  let groupPost: string;
  let boardPost: string;
  let counter = 0;

  const SUBS: Record<Exclude<Role, 'visitor' | 'other'>, [string, string[]]> = {
    member: ['mem', ['member']],
    facG: ['facg', ['facilitator', 'member']],
    facH: ['fach', ['facilitator', 'member']],
    admin: ['adm', ['admin', 'member']],
  };
  const tokenOf = async (sub: string, roles = ['member']) => h.mint(h.a, { sub, name: sub, roles });

  const callAs = async (role: Role, path: string, init: { method?: string; body?: unknown } = {}) => {
    if (role === 'visitor') return h.call(path, init);
    if (role === 'other')
      return h.call(path, {
        ...init,
        key: h.b.publishableKey,
        token: await h.mint(h.b, { sub: 'b-admin', name: 'B Admin', roles: ['admin', 'facilitator'] }),
      });
    const [sub, roles] = SUBS[role];
    return h.call(path, { ...init, token: await tokenOf(sub, roles) });
  };
  const ok = async (
    role: Role,
    path: string,
    init: { method?: string; body?: unknown } = {},
    status = 200,
  ) => {
    const res = await callAs(role, path, init);
    const text = await res.text();
    expect(res.status, `${init.method ?? 'GET'} ${path} as ${role}: ${text}`).toBe(status);
    return text ? JSON.parse(text) : undefined;
  };
  const asSub = async (sub: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await h.call(path, { ...init, token: await tokenOf(sub) });
    const text = await res.text();
    expect(res.status, `${init.method ?? 'GET'} ${path} as ${sub}: ${text}`).toBeLessThan(300);
    return text ? JSON.parse(text) : undefined;
  };

  /** A new member asking to join G: a pending request to approve, decline or withdraw. */
  const applicant = async () => {
    const sub = `applicant-${++counter}`;
    await asSub(sub, `/v1/groups/${g}/membership`, { method: 'PUT', body: { accepted_rules_version: 1 } });
    return sub;
  };
  /** A new member of G. */
  const newMember = async () => {
    const sub = await applicant();
    await ok('facG', `/v1/groups/${g}/requests/${sub}/approve`, { method: 'POST' });
    return sub;
  };
  const meeting = async (start: string) =>
    (
      await ok(
        'facG',
        '/v1/sessions',
        { method: 'POST', body: { title: 'Tapaaminen', group_id: g, start, duration_minutes: 90 } },
        201,
      )
    ).id as string;
  const question = async (groupId: string | null, anonymous = true) =>
    (
      await asSub('writer', '/v1/questions', {
        method: 'POST',
        body: { group_id: groupId, title: `Kysymys ${++counter}`, body: 'Teksti', anonymous },
      })
    ).id as string;

  beforeAll(async () => {
    h = await harness(engine);
    for (const role of ['member', 'facG', 'facH', 'admin'] as const) await ok(role, '/v1/me');
    await ok('other', '/v1/me');
    g = (
      await ok(
        'admin',
        '/v1/groups',
        {
          method: 'POST',
          body: { name: 'Ryhmä G', join_policy: 'approval', capacity: 40, facilitator_ids: ['facg'] },
        },
        201,
      )
    ).id;
    hGroup = (
      await ok(
        'admin',
        '/v1/groups',
        { method: 'POST', body: { name: 'Ryhmä H', facilitator_ids: ['fach'] } },
        201,
      )
    ).id;
    await asSub('mem', `/v1/groups/${g}/membership`, { method: 'PUT', body: { accepted_rules_version: 1 } });
    await ok('facG', `/v1/groups/${g}/requests/mem/approve`, { method: 'POST' });
    // Posts are written by another member, so that `member` is a peer, not their author.
    await asSub('writer', `/v1/groups/${g}/membership`, {
      method: 'PUT',
      body: { accepted_rules_version: 1 },
    });
    await ok('facG', `/v1/groups/${g}/requests/writer/approve`, { method: 'POST' });
    past = await meeting('2026-01-13T09:00');
    topic = (
      await asSub('mem', `/v1/groups/${g}/topics`, { method: 'POST', body: { title: 'Ajanhallinta' } })
    ).id;
    groupPost = await question(g);
    boardPost = await question(null);
  });
  afterAll(() => h.close());

  const series = {
    title: 'Sarja',
    first_start: '2027-03-02T09:00',
    duration_minutes: 120,
    every_weeks: 3,
    count: 3,
  };
  const cases: Case[] = [
    {
      name: 'join requests',
      expect: [403, 200, 403, 200, 401, 404],
      request: async () => ({ path: `/v1/groups/${g}/requests` }),
    },
    {
      name: 'approve a request',
      expect: [403, 200, 403, 200, 401, 404],
      request: async () => ({
        path: `/v1/groups/${g}/requests/${await applicant()}/approve`,
        method: 'POST',
      }),
    },
    {
      name: 'decline a request',
      expect: [403, 200, 403, 200, 401, 404],
      request: async () => ({
        path: `/v1/groups/${g}/requests/${await applicant()}/decline`,
        method: 'POST',
        body: { reason: 'Ryhmä on täynnä' },
      }),
    },
    {
      name: 'remove a member (or withdraw an offer)',
      expect: [403, 204, 403, 204, 401, 404],
      request: async () => ({ path: `/v1/groups/${g}/members/${await newMember()}`, method: 'DELETE' }),
    },
    {
      name: 'edit the group',
      expect: [403, 200, 403, 200, 401, 404],
      request: async () => ({
        path: `/v1/groups/${g}`,
        method: 'PATCH',
        body: { description: 'Uusi kuvaus' },
      }),
    },
    {
      name: 'the members',
      expect: [200, 200, 403, 200, 401, 404],
      request: async () => ({ path: `/v1/groups/${g}/members` }),
    },
    {
      name: 'schedule a meeting',
      expect: [403, 201, 403, 201, 401, 404],
      request: async () => ({
        path: '/v1/sessions',
        method: 'POST',
        body: { title: 'Yksi', group_id: g, start: '2027-05-04T09:00', duration_minutes: 60 },
      }),
    },
    {
      name: 'schedule a series',
      expect: [403, 201, 403, 201, 401, 404],
      request: async () => ({ path: `/v1/groups/${g}/series`, method: 'POST', body: series }),
    },
    {
      name: 'preview a series (new)',
      expect: [403, 200, 403, 200, 401, 404],
      request: async () => ({ path: `/v1/groups/${g}/series/preview`, method: 'POST', body: series }),
    },
    {
      name: 'move a meeting, attach a topic',
      expect: [403, 200, 404, 200, 401, 404],
      request: async () => ({
        path: `/v1/sessions/${past}`,
        method: 'PATCH',
        body: { agenda: 'Kierros', topic_id: topic },
      }),
    },
    {
      name: 'cancel a meeting',
      expect: [403, 200, 404, 200, 401, 404],
      request: async () => ({
        path: `/v1/sessions/${await meeting('2027-06-01T09:00')}/cancel`,
        method: 'POST',
        body: { apply_to: 'this' },
      }),
    },
    {
      name: 'who is coming',
      expect: [403, 200, 404, 200, 404, 404],
      request: async () => ({ path: `/v1/sessions/${past}/rsvps` }),
    },
    {
      name: 'mark attendance',
      expect: [403, 204, 404, 204, 401, 404],
      request: async () => ({
        path: `/v1/sessions/${past}/attendance`,
        method: 'PUT',
        body: { attended: ['mem'] },
      }),
    },
    {
      name: 'attendance over the series (new)',
      expect: [403, 200, 403, 200, 401, 404],
      request: async () => ({ path: `/v1/groups/${g}/attendance` }),
    },
    {
      name: 'topics',
      expect: [200, 200, 403, 200, 403, 404],
      request: async () => ({ path: `/v1/groups/${g}/topics` }),
    },
    {
      name: 'an expert talk of a topic (new)',
      expect: [403, 201, 403, 201, 401, 404],
      request: async () => ({
        path: `/v1/groups/${g}/topics/${topic}/expert-talk`,
        method: 'POST',
        body: {
          start: '2027-04-20T17:00',
          duration_minutes: 90,
          speakers: [{ name: 'Asiantuntija' }],
          capacity: 30,
        },
      }),
    },
    {
      name: 'hidden posts of the group’s board',
      expect: [403, 200, 404, 404, 404, 404],
      request: async () => ({ path: `/v1/questions?group=${g}&status=hidden` }),
    },
    {
      name: 'hide a group post',
      expect: [403, 200, 404, 404, 401, 404],
      request: async () => ({ path: `/v1/questions/${await question(g)}/hide`, method: 'POST' }),
    },
    {
      name: 'restore a hidden group post (peers do not see it: 404)',
      expect: [404, 200, 404, 404, 401, 404],
      request: async () => {
        const id = await question(g);
        await ok('facG', `/v1/questions/${id}/hide`, { method: 'POST' });
        return { path: `/v1/questions/${id}/restore`, method: 'POST' };
      },
    },
    {
      name: 'a group post’s history',
      expect: [403, 200, 404, 404, 401, 404],
      request: async () => ({ path: `/v1/questions/${groupPost}/history` }),
    },
    {
      name: 'reveal a group post’s author',
      expect: [403, 200, 404, 404, 401, 404],
      request: async () => ({
        path: `/v1/questions/${groupPost}/reveal`,
        method: 'POST',
        body: { reason: 'Asiaton viesti' },
      }),
    },
    {
      name: 'delete a group post',
      expect: [403, 204, 404, 404, 401, 404],
      request: async () => ({ path: `/v1/questions/${await question(g)}`, method: 'DELETE' }),
    },
    {
      name: 'hide a post of the association’s board',
      expect: [403, 200, 200, 200, 401, 404],
      request: async () => ({ path: `/v1/questions/${await question(null)}/hide`, method: 'POST' }),
    },
    {
      name: 'reveal an association board post’s author',
      expect: [403, 200, 200, 200, 401, 404],
      request: async () => ({
        path: `/v1/questions/${boardPost}/reveal`,
        method: 'POST',
        body: { reason: 'Uhkaava viesti' },
      }),
    },
    {
      name: 'the moderation queue (new)',
      expect: [403, 200, 200, 200, 401, 200],
      request: async () => ({ path: '/v1/moderation/queue' }),
    },
    {
      name: 'the queue of G’s board (new)',
      expect: [403, 200, 404, 404, 401, 404],
      request: async () => ({ path: `/v1/moderation/queue?group=${g}` }),
    },
    {
      name: 'the log of reveals',
      expect: [403, 403, 403, 200, 401, 200],
      request: async () => ({ path: '/v1/questions/reveals' }),
    },
  ];

  it.each(cases)('$name', async (c) => {
    const seen: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [i, role] of ROLES.entries()) {
      const { path, method, body } = await c.request(role);
      const res = await callAs(role, path, { method, body });
      seen[role] = res.status;
      want[role] = c.expect[i]!;
    }
    expect(seen).toEqual(want);
  });

  it('shows each moderator only the boards they moderate, and another association nothing of ours', async () => {
    const hidden = await question(g);
    await ok('facG', `/v1/questions/${hidden}/hide`, { method: 'POST' });
    const reported = await question(null, false);
    await asSub('reporter', `/v1/questions/${reported}/report`, {
      method: 'POST',
      body: { reason: 'Mainos' },
    });
    const ids = async (role: Role) =>
      ((await ok(role, '/v1/moderation/queue?limit=100')).items as { id: string }[]).map((item) => item.id);

    const facG = await ids('facG');
    expect(facG).toContain(hidden);
    expect(facG).toContain(reported);
    for (const role of ['facH', 'admin'] as const) {
      expect(await ids(role)).toContain(reported);
      expect(await ids(role)).not.toContain(hidden);
    }
    expect(await ids('other')).toEqual([]);
    const item = (await ok('facG', '/v1/moderation/queue?limit=100')).items.find(
      (i: { id: string }) => i.id === reported,
    );
    expect(item).toMatchObject({
      report_count: 1,
      report_reasons: ['Mainos'],
      status: 'visible',
      group_id: null,
    });
    const anonymous = (await ok('facG', '/v1/moderation/queue?limit=100')).items.find(
      (i: { id: string }) => i.id === hidden,
    );
    expect(anonymous).toMatchObject({
      anonymous: true,
      author: null,
      group_name: 'Ryhmä G',
      status: 'hidden',
    });
    expect(hGroup).toBeTruthy();
  });
});
