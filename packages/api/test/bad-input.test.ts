import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** The adversarial run's 500s from bad input: each is now a 400/422 problem naming the field. */
describe.each(engines)('bad input is a problem naming the field, never a 500 (%s)', (engine) => {
  let h: Harness;
  let groupId: string;
  const facilitator = () => h.mint(h.a, { sub: 'helena', name: 'Helena', roles: ['facilitator', 'member'] });
  const admin = () => h.mint(h.a, { sub: 'boss', name: 'Boss', roles: ['admin'] });
  const member = (sub = 'aino') => h.mint(h.a, { sub, name: sub, roles: ['member'] });
  const send = async (method: string, path: string, body?: unknown, token?: string) =>
    h.call(path, { method, body, token: token ?? (await facilitator()) });
  /** Expects `status` with `validation_failed` and returns the fields named. */
  const fields = async (res: Response, status = 422) => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    const problem = JSON.parse(text);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.code).toBe('validation_failed');
    return problem.errors.map((e: { field: string }) => e.field);
  };

  beforeAll(async () => {
    h = await harness(engine);
    await h.call('/v1/me', { token: await member() });
    const res = await send('POST', '/v1/groups', {
      name: 'Hyväksyttävä',
      capacity: 12,
      join_policy: 'approval',
      intake_questions: [{ id: 'q1', text: 'Mitä teet?' }],
    });
    groupId = (await res.json()).id;
  });
  afterAll(() => h.close());

  it('refuses NUL in every kind of body field, and writes nothing', async () => {
    const nul = 'a\u0000b';
    const session = { group_id: groupId, title: 'T', start: '2027-06-01T09:00', duration_minutes: 60 };
    expect(await fields(await send('POST', '/v1/groups', { name: nul }))).toEqual(['name']);
    expect(await fields(await send('POST', '/v1/groups', { name: 'G', themes: [nul] }))).toEqual([
      'themes.0',
    ]);
    expect(await fields(await send('PATCH', `/v1/groups/${groupId}`, { region: nul }))).toEqual(['region']);
    expect(await fields(await send('POST', '/v1/sessions', { ...session, title: nul }))).toEqual(['title']);
    expect(await fields(await send('POST', '/v1/sessions', { ...session, agenda: nul }))).toEqual(['agenda']);
    expect(
      await fields(
        await send('POST', `/v1/groups/${groupId}/series`, {
          title: 'S',
          first_start: '2027-06-01T09:00',
          duration_minutes: 60,
          every_weeks: 1,
          count: 2,
          place: nul,
        }),
      ),
    ).toEqual(['place']);
    expect(await fields(await send('POST', `/v1/groups/${groupId}/topics`, { title: nul }))).toEqual([
      'title',
    ]);
    expect(await fields(await send('PATCH', '/v1/tenant', { name: nul }, await admin()))).toEqual(['name']);
    expect(
      await fields(
        await send('PATCH', '/v1/tenant', { strings: { fi: { [nul]: 'x', ok: nul } } }, await admin()),
      ),
    ).toEqual(expect.arrayContaining(['strings.fi.ok']));
    const join = await send(
      'PUT',
      `/v1/groups/${groupId}/membership`,
      { accepted_rules_version: 1, answers: { q1: nul } },
      await member(),
    );
    expect(await fields(join)).toEqual(['answers.q1']);
    expect((await h.call(`/v1/groups/${groupId}/membership`, { token: await member() })).status).toBe(404);
    expect(
      await fields(await send('POST', `/v1/groups/${groupId}/requests/aino/decline`, { reason: nul })),
    ).toEqual(['reason']);
    const sessions = await (
      await h.call(`/v1/sessions?group=${groupId}`, { token: await facilitator() })
    ).json();
    expect(sessions.items).toEqual([]);
  });

  it('refuses NUL in query parameters and path ids', async () => {
    const token = await member();
    for (const [path, field] of [
      ['/v1/groups?q=a%00b', 'q'],
      ['/v1/groups?region=a%00b', 'region'],
      ['/v1/groups?theme=a%00b', 'theme'],
      ['/v1/sessions?group=a%00b', 'group'],
      ['/v1/questions?q=a%00b', 'q'],
      ['/v1/groups/grp%00x', 'id'],
      ['/v1/sessions/ses%00x', 'id'],
      [`/v1/groups/${groupId}/members/a%00b`, 'memberId'],
    ] as const) {
      const method = path.includes('/members/') ? 'DELETE' : 'GET';
      const res = await h.call(path, { method, token: method === 'GET' ? token : await facilitator() });
      expect(await fields(res, 400), path).toEqual([field]);
    }
  });

  it('refuses forged cursors holding what no page ends on', async () => {
    const token = await member();
    expect(await fields(await h.call('/v1/sessions?cursor=WyJ4IiwieSJd', { token }), 400)).toEqual([
      'cursor',
    ]);
    expect(
      await fields(await h.call(`/v1/sessions?cursor=${cursor(['0000-01-01T00:00:00Z', 'x'])}`), 400),
    ).toEqual(['cursor']);
    expect(await fields(await h.call(`/v1/groups?cursor=${cursor(['a\u0000', 'b'])}`), 400)).toEqual([
      'cursor',
    ]);
    expect(await fields(await h.call(`/v1/groups?cursor=${cursor([1, {}])}`), 400)).toEqual(['cursor']);
  });

  it('refuses an event whose group_id is empty', async () => {
    const res = await send(
      'POST',
      '/v1/sessions',
      { group_id: '', title: 'Tyhjä', start: '2027-06-01T09:00', duration_minutes: 60 },
      await admin(),
    );
    expect(await fields(res)).toEqual(['group_id']);
  });

  it('refuses a series or a move that would end after the year 9999', async () => {
    const series = await send('POST', `/v1/groups/${groupId}/series`, {
      title: 'Pitkä sarja',
      first_start: '9999-12-01T09:00',
      duration_minutes: 60,
      every_weeks: 12,
      count: 52,
    });
    expect(await fields(series)).toEqual(['count']);
    const late = await send('POST', '/v1/sessions', {
      group_id: groupId,
      title: 'Myöhään',
      start: '9999-12-31T23:00',
      duration_minutes: 120,
      time_zone: 'UTC',
    });
    expect(await fields(late)).toEqual(['start']);
    const sessions = await (
      await h.call(`/v1/sessions?group=${groupId}&from=9999-01-01T00:00:00Z`, { token: await facilitator() })
    ).json();
    expect(sessions.items).toEqual([]);
  });

  it('refuses intake question ids that name Object’s own properties', async () => {
    for (const id of ['__proto__', 'constructor']) {
      const res = await send('POST', '/v1/groups', {
        name: `Kysymys ${id}`,
        intake_questions: [{ id, text: 'Mitä?' }],
      });
      expect(await fields(res)).toEqual(['intake_questions.0.id']);
    }
  });

  it('still lets members join a group stored with a `constructor` question from before', async () => {
    const created = await (
      await send('POST', '/v1/groups', { name: 'Vanha', intake_questions: [{ id: 'q1', text: 'Mitä?' }] })
    ).json();
    await h.store.db.query('update groups set intake_questions = $1 where tenant_id = $2 and id = $3', [
      JSON.stringify([{ id: 'constructor', text: 'Mitä?' }]),
      h.a.tenant.id,
      created.id,
    ]);
    const path = `/v1/groups/${created.id}/membership`;
    const token = await member('mikko');
    const unanswered = await send('PUT', path, { accepted_rules_version: 1 }, token);
    expect(await fields(unanswered)).toEqual(['answers.constructor']);
    const joined = await send(
      'PUT',
      path,
      { accepted_rules_version: 1, answers: { constructor: 'Kahvila' } },
      token,
    );
    expect(joined.status, await joined.clone().text()).toBe(200);
    expect((await joined.json()).status).toBe('member');
  });

  it('refuses a member token whose name carries control characters, as a token problem', async () => {
    const token = await h.mint(h.a, { sub: 'eve', name: 'Eve\u0000', roles: ['member'] });
    const res = await h.call('/v1/me', { token });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('token_claims_invalid');
  });
});
