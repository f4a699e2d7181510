/**
 * The Node side of the facilitator desk's tests, hooked into web-test-runner.config.mjs: every
 * test gets an association of its own with the facilitator Helena, an admin, a group by approval
 * with two members and a pending request, a meeting under way with RSVP answers, two topics and a
 * reported anonymous question on the group's board.
 *
 * `POST /__test/desk` answers {@link SeededDesk}; `GET /__test/desk/token?desk=<id>&sub=<person>`
 * answers `{ token }` for one of its people (401 without `sub`), with their roles.
 */
import type { createTenant as CreateTenant, Store } from '@ekollega/api';
import { answerTokenRequest, memberToken, type Context } from './host-backend.js';

export interface SeededDesk {
  /** The association's id, which the token endpoint takes as `desk`. */
  desk: string;
  tenantKey: string;
  group: string;
  /** The meeting that started half an hour ago. */
  meeting: string;
  /** The reported question on the group's board. */
  question: string;
  topics: string[];
}

const PEOPLE: Record<string, [string, ('member' | 'facilitator' | 'admin')[]]> = {
  helena: ['Helena Salo', ['facilitator', 'member']],
  staff: ['Sari Staff', ['admin', 'member']],
  otto: ['Otto Other', ['facilitator', 'member']],
  aino: ['Aino Virtanen', ['member']],
  bjorn: ['Björn Lindqvist', ['member']],
  pekka: ['Pekka Hakija', ['member']],
};

export function deskFixtures(store: Store, createTenant: typeof CreateTenant, origins: string[]) {
  const desks = new Map<string, string>();
  const failed = new Set<string>();
  let count = 0;

  async function seed(): Promise<SeededDesk> {
    const created = await createTenant(store, { name: `Desk ${++count}`, origins });
    const tenant = created.tenant;
    const tenantId = tenant.id;
    desks.set(tenantId, created.memberTokenSecret);
    const now = new Date();
    const member = (id: string) => ({
      tenantId,
      id,
      name: PEOPLE[id]![0],
      email: null,
      locale: null,
      roles: PEOPLE[id]![1],
    });
    for (const id of Object.keys(PEOPLE)) await store.members.upsert(member(id), now);
    const group = await store.groups.create(
      tenant,
      {
        name: 'Aamuryhmä',
        capacity: 10,
        join_policy: 'approval',
        facilitator_ids: ['helena'],
        intake_questions: [{ id: 'q1', text: 'Mitä toivot ryhmältä?' }],
      },
      'helena',
      now,
    );
    await store.groups.create(tenant, { name: 'Otton ryhmä', facilitator_ids: ['otto'] }, 'otto', now);
    for (const id of ['aino', 'bjorn', 'pekka'])
      await store.groups.join(
        tenantId,
        group,
        id,
        { accepted_rules_version: 1, answers: { q1: 'Vertaistukea.' } },
        now,
      );
    for (const id of ['aino', 'bjorn']) await store.groups.approve(tenantId, group, id, now);

    const organiser = { tenantId, memberId: 'helena', admin: false, organiser: true };
    const started = new Date(now.getTime() - 30 * 60_000).toISOString().slice(0, 16);
    const meeting = await store.sessions.create(
      organiser,
      { title: 'Kuulumiskierros', group_id: group, start: started, time_zone: 'UTC', duration_minutes: 120 },
      now,
    );
    const viewerOf = (id: string) => ({ tenantId, memberId: id, admin: false, organiser: false });
    await store.sessions.rsvp(viewerOf('aino'), member('aino'), meeting, 'yes', now);
    await store.sessions.rsvp(viewerOf('bjorn'), member('bjorn'), meeting, 'no', now);

    const topics: string[] = [];
    for (const title of ['Ajanhallinta', 'Hinnoittelu']) {
      topics.push(
        await store.sessions.topics.create(viewerOf('aino'), group, { title, description: '' }, now),
      );
    }
    await store.sessions.topics.vote(viewerOf('aino'), group, topics[1]!, true, 3);
    await store.sessions.topics.vote(viewerOf('bjorn'), group, topics[1]!, true, 3);

    const qa = (id: string) => ({ tenant, memberId: id, roles: PEOPLE[id]![1], locale: 'fi', server: false });
    const question = await store.questions.ask(
      qa('aino'),
      'aino',
      { group_id: group, title: 'Mainos', body: 'Osta halvalla!', tags: [], anonymous: true },
      now,
    );
    await store.questions.report(qa('bjorn'), 'bjorn', { question }, 'Mainostusta', now);
    return { desk: tenantId, tenantKey: created.publishableKey, group, meeting, question, topics };
  }

  function token(desk: string | undefined, sub: string | undefined): Promise<string> | null {
    const secret = desk ? desks.get(desk) : undefined;
    const person = sub ? PEOPLE[sub] : undefined;
    if (!desk || !secret || !sub || !person) return null;
    return memberToken({ tenantId: desk, secret }, sub, person[0], person[1]);
  }

  return async (ctx: Context, next: () => Promise<void>) => {
    if (ctx.path === '/__test/desk' && ctx.method === 'POST') {
      ctx.body = await seed();
      return;
    }
    if (ctx.path === '/__test/desk/token') {
      await answerTokenRequest(ctx, failed, token(ctx.query.desk, ctx.query.sub));
      return;
    }
    return next();
  };
}
