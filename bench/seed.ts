import type { Store } from '../packages/api/src/store/index.js';

/**
 * Data the list endpoints are measured on: 40 groups with facilitators and a member who belongs
 * to some, so the member's list carries `my_membership`.
 */
export async function seedBench(store: Store, tenantId: string): Promise<{ targets: { name: string; path: string; member?: boolean }[] }> {
  const tenant = (await store.tenants.get(tenantId))!;
  const now = new Date();
  await store.members.upsert({ tenantId, id: 'bench-facilitator', name: 'Fasilitaattori', email: null, locale: 'fi', roles: ['facilitator'] }, now);
  await store.members.upsert({ tenantId, id: 'bench-member', name: 'Bench Member', email: null, locale: 'fi', roles: ['member'] }, now);
  for (let i = 0; i < 40; i++) {
    const id = await store.groups.create(
      tenant,
      {
        name: `Vertaisryhmä ${String(i).padStart(2, '0')}`,
        description: 'Yksinyrittäjien vertaisryhmä verkossa.',
        themes: ['ajanhallinta', i % 2 ? 'myynti' : 'tavoitteet'],
        rhythm: { every_weeks: 3, weekday: (i % 5) + 1, start_time: '09:00', end_time: '11:00', time_zone: 'Europe/Helsinki' },
        capacity: 12,
        join_policy: 'open',
        status: 'running',
        facilitator_ids: ['bench-facilitator'],
      },
      'bench-facilitator',
      now,
    );
    if (i % 4 === 0) await store.groups.join(tenantId, id, 'bench-member', { accepted_rules_version: 1, answers: {} }, now);
  }
  return {
    targets: [
      { name: 'GET /v1/groups (visitor)', path: '/v1/groups?limit=20' },
      { name: 'GET /v1/groups (member)', path: '/v1/groups?limit=20', member: true },
    ],
  };
}
