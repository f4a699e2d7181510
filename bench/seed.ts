import type { Store } from '../packages/api/src/store/index.js';
import { seedCommitmentBench } from './seed-commitments.js';
import { seedQuestionBench } from './seed-questions.js';

/**
 * Data the list endpoints are measured on: 40 groups with facilitators and a member who belongs
 * to some, so the member's list carries `my_membership`.
 */
export async function seedBench(
  store: Store,
  tenantId: string,
): Promise<{
  targets: { name: string; path: string; member?: boolean; headers?: Record<string, string> }[];
}> {
  const tenant = (await store.tenants.get(tenantId))!;
  const now = new Date();
  await store.members.upsert(
    {
      tenantId,
      id: 'bench-facilitator',
      name: 'Fasilitaattori',
      email: null,
      locale: 'fi',
      roles: ['facilitator'],
    },
    now,
  );
  await store.members.upsert(
    { tenantId, id: 'bench-member', name: 'Bench Member', email: null, locale: 'fi', roles: ['member'] },
    now,
  );
  for (let i = 0; i < 40; i++) {
    const id = await store.groups.create(
      tenant,
      {
        name: `Vertaisryhmä ${String(i).padStart(2, '0')}`,
        description: 'Yksinyrittäjien vertaisryhmä verkossa.',
        themes: ['ajanhallinta', i % 2 ? 'myynti' : 'tavoitteet'],
        rhythm: {
          every_weeks: 3,
          weekday: (i % 5) + 1,
          start_time: '09:00',
          end_time: '11:00',
          time_zone: 'Europe/Helsinki',
        },
        capacity: 12,
        join_policy: 'open',
        status: 'running',
        facilitator_ids: ['bench-facilitator'],
      },
      'bench-facilitator',
      now,
    );
    if (i % 4 === 0)
      await store.groups.join(tenantId, id, 'bench-member', { accepted_rules_version: 1, answers: {} }, now);
  }
  const organiser = { tenantId, memberId: null, admin: true, organiser: true };
  const [first] = await store.db.query<{ id: string }>(
    "select group_id as id from memberships where tenant_id = $1 and member_id = 'bench-member' limit 1",
    [tenantId],
  );
  await store.sessions.createSeries(
    organiser,
    first!.id,
    {
      title: 'Vertaistapaaminen',
      first_start: '2027-01-05T09:00',
      duration_minutes: 120,
      time_zone: 'Europe/Helsinki',
      every_weeks: 3,
      count: 12,
      meeting_url: 'https://video.example.fi/x',
    },
    now,
  );
  for (let i = 0; i < 30; i++) {
    await store.sessions.create(
      organiser,
      {
        title: `Asiantuntijaluento ${i}`,
        kind: 'expert_talk',
        scope: i % 2 ? 'public' : 'members',
        start: `2027-02-${String((i % 27) + 1).padStart(2, '0')}T17:00`,
        duration_minutes: 90,
        time_zone: 'Europe/Helsinki',
        capacity: 40,
      },
      now,
    );
  }
  return {
    targets: [
      { name: 'GET /v1/groups (visitor)', path: '/v1/groups?limit=20' },
      { name: 'GET /v1/groups (member)', path: '/v1/groups?limit=20', member: true },
      { name: 'GET /v1/sessions (member)', path: '/v1/sessions?limit=20', member: true },
      ...(await seedCommitmentBench(store, tenantId)),
      ...(await seedQuestionBench(store, tenantId, first!.id)),
    ],
  };
}
