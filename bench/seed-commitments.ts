import type { Store } from '../packages/api/src/store/index.js';

const MEMBERS = 12;
const SESSIONS = 20;

/**
 * The commitments target of `pnpm bench`: a group of 12 members (the bench member among them)
 * with 20 meetings of history, each member setting a commitment at every meeting and reporting on
 * it at the next, some kept for the facilitators or private. The list is the member's first page
 * of the group's commitments, each with its due session worked out when read.
 */
export async function seedCommitmentBench(
  store: Store,
  tenantId: string,
): Promise<{ name: string; path: string; member?: boolean }[]> {
  const tenant = (await store.tenants.get(tenantId))!;
  const now = new Date();
  const members = ['bench-member'];
  for (let i = 1; i < MEMBERS; i++) {
    const id = `bench-peer-${i}`;
    members.push(id);
    await store.members.upsert(
      { tenantId, id, name: `Vertainen ${i}`, email: null, locale: 'fi', roles: ['member'] },
      now,
    );
  }
  const groupId = await store.groups.create(
    tenant,
    { name: 'Sitoumusryhmä', capacity: MEMBERS, join_policy: 'open', facilitator_ids: ['bench-facilitator'] },
    'bench-facilitator',
    now,
  );
  for (const id of members)
    await store.groups.join(tenantId, groupId, id, { accepted_rules_version: 1, answers: {} }, now);
  const organiser = { tenantId, memberId: null, admin: true, organiser: true };
  const { ids } = await store.sessions.createSeries(
    organiser,
    groupId,
    {
      title: 'Vertaistapaaminen',
      first_start: '2025-01-07T09:00',
      duration_minutes: 120,
      time_zone: 'Europe/Helsinki',
      every_weeks: 3,
      count: SESSIONS,
    },
    now,
  );
  const items = await store.db.query<{ starts_at: Date; ends_at: Date }>(
    'select starts_at, ends_at from sessions where tenant_id = $1 and id = any($2) order by starts_at',
    [tenantId, ids],
  );
  for (const [i, session] of items.entries()) {
    const setAt = new Date(new Date(session.ends_at).getTime() - 30 * 60_000);
    const next = items[i + 1];
    for (const [m, memberId] of members.entries()) {
      const viewer = { tenantId, memberId, admin: false, organiser: false };
      const n = i * MEMBERS + m;
      const id = await store.commitments.create(
        viewer,
        groupId,
        {
          text: `Tavoite ${i + 1}: otan yhteyttä **${m + 3}** asiakkaaseen.`,
          visibility: n % 5 === 0 ? 'private' : n % 7 === 0 ? 'facilitators' : 'group',
          target: { value: m + 3, unit: 'asiakasta' },
        },
        setAt,
      );
      if (next)
        await store.commitments.report(
          viewer,
          id,
          { status: n % 3 ? 'done' : 'partly', reflection: 'Meni hyvin.', achieved: m + 2 },
          new Date(new Date(next.starts_at).getTime() - 86_400_000),
        );
    }
  }
  return [
    {
      name: `GET /v1/groups/{id}/commitments (${MEMBERS}×${SESSIONS})`,
      path: `/v1/groups/${groupId}/commitments?limit=20`,
      member: true,
    },
  ];
}
