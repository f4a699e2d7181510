import type {
  CreateGroup,
  Group,
  GroupDetail,
  GroupMember,
  JoinRequest,
  ListGroupsQuery,
  Membership,
  UpdateGroup,
} from '../contract/groups.js';
import { DEFAULT_RULES } from '../groups/default-rules.js';
import { notFound, Problem } from '../problem.js';
import { decodeCursor, encodeCursor, isCursorText } from './cursor.js';
import type { Db, Sql } from './db.js';
import { newId } from './ids.js';
import { numberOrNull } from './rows.js';
import type { Tenant } from './tenants.js';

type Status = Membership['status'];

interface GroupRow {
  tenant_id: string;
  id: string;
  name: string;
  description: string;
  details: string;
  themes: string[];
  trades: string[];
  language: Group['language'];
  format: Group['format'];
  municipality: string | null;
  region: string | null;
  every_weeks: number | null;
  weekday: number | null;
  start_time: string | null;
  end_time: string | null;
  time_zone: string;
  next_meeting_at: Date | null;
  upcoming_session_at?: Date | null;
  next_session_at?: Date | null;
  capacity: number;
  member_count: number;
  offered_count: number;
  waitlist_count: number;
  join_policy: Group['join_policy'];
  status: Group['status'];
  rules_text: string | null;
  rules_version: number;
  intake_questions: Group['intake_questions'];
  offer_hours: number;
  next_waitlist_seq: string | number;
  created_at: Date;
  updated_at: Date;
  facilitators?: { id: string; name: string }[];
  my_status?: Status | null;
  my_waitlist_position?: string | number | null;
  my_offer_expires_at?: Date | null;
  my_decline_reason?: string | null;
  my_accepted_rules_version?: number | null;
  my_requested_at?: Date | null;
}

interface MembershipRow {
  member_id: string;
  status: Status;
  answers: Record<string, string>;
  accepted_rules_version: number | null;
  waitlist_seq: string | number | null;
  approved: boolean;
  offer_expires_at: Date | null;
  decline_reason: string | null;
  requested_at: Date;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * What a card shows, from the group row alone: the facilitators' names and the next session are
 * read columns kept current by triggers in the same transaction as the writes that change them
 * (migration 007). The long texts (details, rules) are the detail's, not the list's.
 */
const CARD = `g.tenant_id, g.id, g.name, g.description, g.themes, g.trades, g.language, g.format, g.municipality, g.region,
  g.every_weeks, g.weekday, g.start_time, g.end_time, g.time_zone, g.next_meeting_at, g.capacity, g.member_count,
  g.offered_count, g.waitlist_count, g.join_policy, g.status, g.rules_version, g.intake_questions, g.offer_hours,
  g.created_at, g.updated_at, g.facilitators`;

/**
 * The next scheduled session wins over the date a facilitator typed on the group. The stored one
 * is right while it is null or still ahead; once it has started, the next one is looked up.
 */
const NEXT_SESSION = `case when g.upcoming_session_at is null or g.upcoming_session_at > now() then g.upcoming_session_at
  else (select min(s.starts_at) from sessions s where s.tenant_id = g.tenant_id and s.group_id = g.id
    and s.status <> 'cancelled' and s.starts_at > now()) end as next_session_at`;

/** My own membership beside each group, read in the same query (no request per card). */
const MINE = `my.status as my_status, my.offer_expires_at as my_offer_expires_at, my.decline_reason as my_decline_reason,
  my.accepted_rules_version as my_accepted_rules_version, my.requested_at as my_requested_at,
  case when my.status = 'waitlisted' then (select count(*) from memberships w
    where w.tenant_id = g.tenant_id and w.group_id = g.id and w.status = 'waitlisted' and w.waitlist_seq <= my.waitlist_seq) end as my_waitlist_position`;

function toGroup(r: GroupRow, withMine: boolean): Group {
  const group: Group = {
    id: r.id,
    name: r.name,
    description: r.description,
    themes: r.themes,
    trades: r.trades,
    language: r.language,
    format: r.format,
    municipality: r.municipality,
    region: r.region,
    rhythm:
      r.every_weeks && r.weekday && r.start_time && r.end_time
        ? {
            every_weeks: r.every_weeks,
            weekday: r.weekday,
            start_time: r.start_time,
            end_time: r.end_time,
            time_zone: r.time_zone,
          }
        : null,
    next_meeting_at: iso(r.next_session_at ?? r.next_meeting_at),
    capacity: r.capacity,
    member_count: r.member_count,
    places_left: Math.max(0, r.capacity - r.member_count - r.offered_count),
    waitlist_count: r.waitlist_count,
    join_policy: r.join_policy,
    status: r.status,
    rules_version: r.rules_version,
    intake_questions: r.intake_questions,
    facilitators: r.facilitators ?? [],
    offer_hours: r.offer_hours,
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
  };
  if (withMine) {
    group.my_membership = r.my_status
      ? {
          status: r.my_status,
          waitlist_position: numberOrNull(r.my_waitlist_position),
          offer_expires_at: iso(r.my_offer_expires_at),
          decline_reason: r.my_decline_reason ?? null,
          accepted_rules_version: r.my_accepted_rules_version ?? null,
          rules_acceptance_required: (r.my_accepted_rules_version ?? 0) < r.rules_version,
          requested_at: iso(r.my_requested_at)!,
        }
      : null;
  }
  return group;
}

/** The rules a group's members accept: its own text, else the association's default, else ours. */
export function rulesText(
  tenant: Tenant,
  group: { rules_text: string | null; language: Group['language'] },
): string {
  if (group.rules_text) return group.rules_text;
  const defaults = tenant.settings.default_rules as Partial<Record<Group['language'], string>> | undefined;
  return defaults?.[group.language] ?? DEFAULT_RULES[group.language];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Peer groups, memberships, join requests and the waitlist. */
export function groupStore(db: Db, changed: (tenantId: string) => void = () => undefined) {
  async function lockGroup(tx: Sql, tenantId: string, groupId: string): Promise<GroupRow> {
    const rows = await tx.query<GroupRow>(
      'select * from groups where tenant_id = $1 and id = $2 for update',
      [tenantId, groupId],
    );
    if (!rows[0]) throw notFound('group');
    return rows[0];
  }

  async function saveCounters(tx: Sql, g: GroupRow, now: Date) {
    await tx.query(
      `update groups set member_count = $3, offered_count = $4, waitlist_count = $5, next_waitlist_seq = $6, updated_at = $7
       where tenant_id = $1 and id = $2`,
      [g.tenant_id, g.id, g.member_count, g.offered_count, g.waitlist_count, g.next_waitlist_seq, now],
    );
    changed(g.tenant_id);
  }

  /** Expired offers pass on; free places go to the waitlist in arrival order. Call with the group locked. */
  async function settle(tx: Sql, g: GroupRow, now: Date): Promise<void> {
    const expired = await tx.query<{ member_id: string }>(
      `update memberships set status = 'declined', decline_reason = 'offer_expired', offer_expires_at = null, updated_at = $3
       where tenant_id = $1 and group_id = $2 and status = 'offered' and offer_expires_at <= $3 returning member_id`,
      [g.tenant_id, g.id, now],
    );
    g.offered_count -= expired.length;
    const free = g.status === 'closed' ? 0 : g.capacity - g.member_count - g.offered_count;
    if (free > 0 && g.waitlist_count > 0) {
      const offered = await tx.query<{ member_id: string }>(
        `update memberships set status = 'offered', offer_expires_at = $4, updated_at = $5
         where tenant_id = $1 and group_id = $2 and member_id in (
           select member_id from memberships where tenant_id = $1 and group_id = $2 and status = 'waitlisted'
           order by waitlist_seq limit $3)
         returning member_id`,
        [g.tenant_id, g.id, free, new Date(now.getTime() + g.offer_hours * 3600_000), now],
      );
      g.offered_count += offered.length;
      g.waitlist_count -= offered.length;
    }
  }

  async function membershipOf(
    tx: Sql,
    tenantId: string,
    groupId: string,
    memberId: string,
  ): Promise<MembershipRow | null> {
    const rows = await tx.query<MembershipRow>(
      `select member_id, status, answers, accepted_rules_version, waitlist_seq, approved, offer_expires_at, decline_reason, requested_at
       from memberships where tenant_id = $1 and group_id = $2 and member_id = $3`,
      [tenantId, groupId, memberId],
    );
    return rows[0] ?? null;
  }

  async function describe(tx: Sql, g: GroupRow, m: MembershipRow): Promise<Membership> {
    let position: number | null = null;
    if (m.status === 'waitlisted') {
      const rows = await tx.query<{ n: string | number }>(
        `select count(*) as n from memberships where tenant_id = $1 and group_id = $2 and status = 'waitlisted' and waitlist_seq <= $3`,
        [g.tenant_id, g.id, m.waitlist_seq],
      );
      position = Number(rows[0]!.n);
    }
    return {
      status: m.status,
      waitlist_position: position,
      offer_expires_at: iso(m.offer_expires_at),
      decline_reason: m.decline_reason,
      accepted_rules_version: m.accepted_rules_version,
      rules_acceptance_required: (m.accepted_rules_version ?? 0) < g.rules_version,
      requested_at: iso(m.requested_at)!,
    };
  }

  /** Places a member (approved or in an open group): a free place, else the end of the waitlist. */
  function place(g: GroupRow): { status: Status; seq: number | null } {
    if (g.capacity - g.member_count - g.offered_count > 0 && g.waitlist_count === 0) {
      g.member_count++;
      return { status: 'member', seq: null };
    }
    const seq = Number(g.next_waitlist_seq);
    g.next_waitlist_seq = seq + 1;
    g.waitlist_count++;
    return { status: 'waitlisted', seq };
  }

  function release(g: GroupRow, status: Status) {
    if (status === 'member') g.member_count--;
    else if (status === 'offered') g.offered_count--;
    else if (status === 'waitlisted') g.waitlist_count--;
  }

  async function checkFacilitators(tx: Sql, tenantId: string, ids: string[]) {
    const rows = await tx.query<{ id: string }>(
      'select id from members where tenant_id = $1 and id = any($2::text[])',
      [tenantId, ids],
    );
    const known = new Set(rows.map((r) => r.id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw new Problem(
        422,
        'validation_failed',
        'The request body is invalid',
        `facilitator_ids.${unknown}: no such member`,
        {
          errors: [
            {
              field: `facilitator_ids.${unknown}`,
              code: 'not_found',
              message: 'no member with this id has signed in yet',
            },
          ],
        },
      );
    }
  }

  async function setFacilitators(tx: Sql, tenantId: string, groupId: string, ids: string[]) {
    await checkFacilitators(tx, tenantId, ids);
    await tx.query('delete from group_facilitators where tenant_id = $1 and group_id = $2', [
      tenantId,
      groupId,
    ]);
    await tx.query(
      'insert into group_facilitators (tenant_id, group_id, member_id) select $1, $2, unnest($3::text[])',
      [tenantId, groupId, [...new Set(ids)]],
    );
  }

  const store = {
    /** One page of groups in one query: facilitators and my own state come along. */
    async list(
      tenantId: string,
      filters: ListGroupsQuery & { limit: number },
      memberId: string | null,
    ): Promise<{ items: Group[]; next_cursor: string | null }> {
      const params: unknown[] = [tenantId];
      const where: string[] = ['g.tenant_id = $1'];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (filters.status) add((p) => `g.status = ${p}`, filters.status);
      else where.push(`g.status <> 'closed'`);
      if (filters.q)
        add(
          (p) =>
            `lower(g.name || ' ' || g.description || ' ' || array_to_string(g.themes, ' ') || ' ' || array_to_string(g.trades, ' ')) like ${p}`,
          `%${escapeLike(filters.q.toLowerCase())}%`,
        );
      if (filters.language) add((p) => `g.language = ${p}`, filters.language);
      if (filters.theme)
        add((p) => `exists (select 1 from unnest(g.themes) t where lower(t) = lower(${p}))`, filters.theme);
      if (filters.trade)
        add((p) => `exists (select 1 from unnest(g.trades) t where lower(t) = lower(${p}))`, filters.trade);
      if (filters.format) add((p) => `g.format = ${p}`, filters.format);
      if (filters.region)
        add((p) => `(lower(g.region) = lower(${p}) or lower(g.municipality) = lower(${p}))`, filters.region);
      if (filters.weekday) add((p) => `g.weekday = ${p}`, filters.weekday);
      if (filters.time_of_day === 'morning') where.push(`g.start_time < '12:00'`);
      if (filters.time_of_day === 'afternoon')
        where.push(`g.start_time >= '12:00' and g.start_time < '17:00'`);
      if (filters.time_of_day === 'evening') where.push(`g.start_time >= '17:00'`);
      if (filters.has_places)
        where.push(`g.status <> 'closed' and g.capacity - g.member_count - g.offered_count > 0`);
      const cursor = decodeCursor<[string, string]>(filters.cursor, 2, (values) =>
        values.every(isCursorText),
      );
      if (cursor) {
        params.push(cursor[0], cursor[1]);
        where.push(`(g.name, g.id) > ($${params.length - 1}, $${params.length})`);
      }
      let join = '';
      if (memberId) {
        params.push(memberId);
        join = `left join memberships my on my.tenant_id = g.tenant_id and my.group_id = g.id and my.member_id = $${params.length}`;
        if (filters.mine)
          where.push(
            `(my.status is not null or exists (select 1 from group_facilitators f where f.tenant_id = g.tenant_id and f.group_id = g.id and f.member_id = $${params.length}))`,
          );
      } else if (filters.mine) {
        return { items: [], next_cursor: null };
      }
      params.push(filters.limit + 1);
      const rows = await db.query<GroupRow>(
        `select ${CARD}, ${NEXT_SESSION}${memberId ? `, ${MINE}` : ''}
         from groups g ${join}
         where ${where.join(' and ')}
         order by g.name, g.id limit $${params.length}`,
        params,
      );
      const more = rows.length > filters.limit;
      const page = more ? rows.slice(0, filters.limit) : rows;
      const last = page.at(-1);
      return {
        items: page.map((r) => toGroup(r, memberId !== null)),
        next_cursor: more && last ? encodeCursor([last.name, last.id]) : null,
      };
    },

    async get(tenant: Tenant, groupId: string, memberId: string | null): Promise<GroupDetail> {
      const params: unknown[] = [tenant.id, groupId];
      if (memberId) params.push(memberId);
      const rows = await db.query<GroupRow>(
        `select g.*, ${NEXT_SESSION}${memberId ? `, ${MINE}` : ''}
         from groups g ${memberId ? 'left join memberships my on my.tenant_id = g.tenant_id and my.group_id = g.id and my.member_id = $3' : ''}
         where g.tenant_id = $1 and g.id = $2`,
        params,
      );
      const row = rows[0];
      if (!row) throw notFound('group');
      return {
        ...toGroup(row, memberId !== null),
        details: row.details,
        rules: { text: rulesText(tenant, row), version: row.rules_version },
      };
    },

    async create(tenant: Tenant, input: CreateGroup, creatorId: string | null, now: Date): Promise<string> {
      const id = newId('grp');
      await db.transaction(async (tx) => {
        const rhythm = input.rhythm ?? null;
        await tx.query(
          `insert into groups (tenant_id, id, name, description, details, themes, trades, language, format, municipality, region,
             every_weeks, weekday, start_time, end_time, time_zone, next_meeting_at, capacity, join_policy, status, rules_text,
             intake_questions, offer_hours, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24)`,
          [
            tenant.id,
            id,
            input.name,
            input.description ?? '',
            input.details ?? '',
            input.themes ?? [],
            input.trades ?? [],
            input.language ?? 'fi',
            input.format ?? 'online',
            input.municipality ?? null,
            input.region ?? null,
            rhythm?.every_weeks ?? null,
            rhythm?.weekday ?? null,
            rhythm?.start_time ?? null,
            rhythm?.end_time ?? null,
            rhythm?.time_zone ?? 'Europe/Helsinki',
            input.next_meeting_at ?? null,
            input.capacity ?? 12,
            input.join_policy ?? 'open',
            input.status ?? 'forming',
            input.rules_text ?? null,
            JSON.stringify(input.intake_questions ?? []),
            input.offer_hours ?? 72,
            now,
          ],
        );
        const facilitators = input.facilitator_ids ?? (creatorId ? [creatorId] : []);
        if (facilitators.length) await setFacilitators(tx, tenant.id, id, facilitators);
      });
      changed(tenant.id);
      return id;
    },

    async update(tenantId: string, groupId: string, patch: UpdateGroup, now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const g = await lockGroup(tx, tenantId, groupId);
        const rulesChanged = patch.rules_text !== undefined && patch.rules_text !== g.rules_text;
        const rhythm = patch.rhythm;
        const sets: string[] = [];
        const params: unknown[] = [tenantId, groupId];
        const set = (column: string, value: unknown) => {
          params.push(value);
          sets.push(`${column} = $${params.length}`);
        };
        for (const column of [
          'name',
          'description',
          'details',
          'themes',
          'trades',
          'language',
          'format',
          'municipality',
          'region',
          'next_meeting_at',
          'capacity',
          'join_policy',
          'status',
          'rules_text',
          'offer_hours',
        ] as const) {
          if (patch[column] !== undefined) set(column, patch[column]);
        }
        if (patch.intake_questions !== undefined)
          set('intake_questions', JSON.stringify(patch.intake_questions));
        if (rhythm !== undefined) {
          set('every_weeks', rhythm?.every_weeks ?? null);
          set('weekday', rhythm?.weekday ?? null);
          set('start_time', rhythm?.start_time ?? null);
          set('end_time', rhythm?.end_time ?? null);
          set('time_zone', rhythm?.time_zone ?? 'Europe/Helsinki');
        }
        if (rulesChanged) sets.push('rules_version = rules_version + 1');
        set('updated_at', now);
        const updated = await tx.query<GroupRow>(
          `update groups set ${sets.join(', ')} where tenant_id = $1 and id = $2 returning *`,
          params,
        );
        if (patch.facilitator_ids) await setFacilitators(tx, tenantId, groupId, patch.facilitator_ids);
        const next = { ...updated[0]!, next_waitlist_seq: g.next_waitlist_seq };
        await settle(tx, next, now);
        await saveCounters(tx, next, now);
      });
    },

    /**
     * Joins (idempotent): a free place, the waitlist in arrival order, or a request for approval.
     * The group row is locked for the whole decision, so concurrent joins cannot overfill it.
     */
    async join(
      tenantId: string,
      groupId: string,
      memberId: string,
      input: { accepted_rules_version: number; answers: Record<string, string> },
      now: Date,
    ): Promise<Membership> {
      return db.transaction(async (tx) => {
        const g = await lockGroup(tx, tenantId, groupId);
        await settle(tx, g, now);
        if (input.accepted_rules_version !== g.rules_version) {
          throw new Problem(
            422,
            'rules_version_mismatch',
            'Accept the group’s current ground rules',
            `accepted_rules_version: the current version is ${g.rules_version}`,
            {
              errors: [
                {
                  field: 'accepted_rules_version',
                  code: 'rules_changed',
                  message: `the current version is ${g.rules_version}`,
                },
              ],
              current_rules_version: g.rules_version,
            },
          );
        }
        const existing = await membershipOf(tx, tenantId, groupId, memberId);
        const live = existing && existing.status !== 'declined' ? existing : null;
        if (!live) {
          if (g.status === 'closed')
            throw new Problem(409, 'group_closed', 'This group is closed and takes no new members');
          const questions = g.intake_questions;
          const errors = [
            // Own properties only: a question id such as `constructor` must not find Object's.
            ...questions
              .filter((q) => !(Object.hasOwn(input.answers, q.id) && input.answers[q.id]?.trim()))
              .map((q) => ({
                field: `answers.${q.id}`,
                code: 'required' as const,
                message: 'please answer this question',
              })),
            ...Object.keys(input.answers)
              .filter((id) => !questions.some((q) => q.id === id))
              .map((id) => ({
                field: `answers.${id}`,
                code: 'not_found' as const,
                message: 'unknown question',
              })),
          ];
          if (errors.length)
            throw new Problem(
              422,
              'validation_failed',
              'The request body is invalid',
              errors.map((e) => `${e.field}: ${e.message}`).join('; '),
              { errors },
            );
        }
        let status: Status;
        let seq: number | null = null;
        if (live?.status === 'offered') {
          g.offered_count--;
          g.member_count++;
          status = 'member';
        } else if (live) {
          status = live.status;
        } else if (g.join_policy === 'approval') {
          status = 'pending';
        } else {
          ({ status, seq } = place(g));
        }
        if (live) {
          await tx.query(
            `update memberships set status = $4, accepted_rules_version = $5, accepted_rules_at = $6, updated_at = $6,
               offer_expires_at = case when $4 = 'offered' then offer_expires_at end
             where tenant_id = $1 and group_id = $2 and member_id = $3`,
            [tenantId, groupId, memberId, status, input.accepted_rules_version, now],
          );
        } else {
          await tx.query(
            `insert into memberships (tenant_id, group_id, member_id, status, answers, accepted_rules_version, accepted_rules_at, waitlist_seq, approved, requested_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $7, $7)
             on conflict (tenant_id, group_id, member_id) do update set status = excluded.status, answers = excluded.answers,
               accepted_rules_version = excluded.accepted_rules_version, accepted_rules_at = excluded.accepted_rules_at,
               waitlist_seq = excluded.waitlist_seq, approved = excluded.approved, decline_reason = null, offer_expires_at = null,
               requested_at = excluded.requested_at, updated_at = excluded.updated_at`,
            [
              tenantId,
              groupId,
              memberId,
              status,
              JSON.stringify(input.answers),
              input.accepted_rules_version,
              now,
              seq,
              g.join_policy === 'open',
            ],
          );
        }
        await saveCounters(tx, g, now);
        return describe(tx, g, (await membershipOf(tx, tenantId, groupId, memberId))!);
      });
    },

    /** My state in a group; settles expired offers first so the deadline is honest. */
    async membership(
      tenantId: string,
      groupId: string,
      memberId: string,
      now: Date,
    ): Promise<Membership | null> {
      return db.transaction(async (tx) => {
        const g = await lockGroup(tx, tenantId, groupId);
        if (g.offered_count > 0) {
          await settle(tx, g, now);
          await saveCounters(tx, g, now);
        }
        const m = await membershipOf(tx, tenantId, groupId, memberId);
        return m ? describe(tx, g, m) : null;
      });
    },

    /** Leaves or removes (idempotent); a freed place is offered to the first on the waitlist. */
    async leave(tenantId: string, groupId: string, memberId: string, now: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const g = await lockGroup(tx, tenantId, groupId);
        const rows = await tx.query<{ status: Status }>(
          'delete from memberships where tenant_id = $1 and group_id = $2 and member_id = $3 returning status',
          [tenantId, groupId, memberId],
        );
        if (!rows[0]) return false;
        release(g, rows[0].status);
        await settle(tx, g, now);
        await saveCounters(tx, g, now);
        return true;
      });
    },

    /** A facilitator approves a pending request: a place if one is free, else the waitlist. */
    async approve(tenantId: string, groupId: string, memberId: string, now: Date): Promise<Membership> {
      return db.transaction(async (tx) => {
        const g = await lockGroup(tx, tenantId, groupId);
        await settle(tx, g, now);
        const m = await membershipOf(tx, tenantId, groupId, memberId);
        if (!m || m.status === 'declined') throw notFound('join request');
        if (m.status === 'pending') {
          const { status, seq } = place(g);
          await tx.query(
            `update memberships set status = $4, waitlist_seq = $5, approved = true, updated_at = $6 where tenant_id = $1 and group_id = $2 and member_id = $3`,
            [tenantId, groupId, memberId, status, seq, now],
          );
          await saveCounters(tx, g, now);
        }
        return describe(tx, g, (await membershipOf(tx, tenantId, groupId, memberId))!);
      });
    },

    async decline(
      tenantId: string,
      groupId: string,
      memberId: string,
      reason: string,
      now: Date,
    ): Promise<Membership> {
      return db.transaction(async (tx) => {
        const g = await lockGroup(tx, tenantId, groupId);
        const m = await membershipOf(tx, tenantId, groupId, memberId);
        if (!m || m.status !== 'pending') {
          if (m?.status === 'declined') return describe(tx, g, m);
          throw new Problem(
            409,
            'not_pending',
            'Only a pending request can be declined',
            m ? `The request is ${m.status}.` : undefined,
          );
        }
        await tx.query(
          `update memberships set status = 'declined', decline_reason = $4, updated_at = $5 where tenant_id = $1 and group_id = $2 and member_id = $3`,
          [tenantId, groupId, memberId, reason, now],
        );
        return describe(tx, g, (await membershipOf(tx, tenantId, groupId, memberId))!);
      });
    },

    /** Join requests, offers and the waitlist with the members' intake answers (facilitators only). */
    async requests(tenantId: string, groupId: string): Promise<JoinRequest[]> {
      const rows = await db.query<MembershipRow & { name: string; position: string | number | null }>(
        `select ms.member_id, m.name, ms.status, ms.answers, ms.requested_at,
           case when ms.status = 'waitlisted' then row_number() over (partition by ms.status order by ms.waitlist_seq) end as position
         from memberships ms join members m on m.tenant_id = ms.tenant_id and m.id = ms.member_id
         where ms.tenant_id = $1 and ms.group_id = $2 and ms.status in ('pending', 'waitlisted', 'offered')
         order by ms.status, ms.waitlist_seq nulls first, ms.requested_at, ms.member_id`,
        [tenantId, groupId],
      );
      return rows.map((r) => ({
        member: { id: r.member_id, name: r.name },
        status: r.status,
        answers: r.answers,
        waitlist_position: numberOrNull(r.position),
        requested_at: iso(r.requested_at)!,
      }));
    },

    /** Names of a group's members and facilitators. */
    async members(tenantId: string, groupId: string): Promise<GroupMember[]> {
      const rows = await db.query<GroupMember>(
        `select m.id, m.name, 'facilitator' as role from group_facilitators f join members m on m.tenant_id = f.tenant_id and m.id = f.member_id
           where f.tenant_id = $1 and f.group_id = $2
         union
         select m.id, m.name, 'member' as role from memberships ms join members m on m.tenant_id = ms.tenant_id and m.id = ms.member_id
           where ms.tenant_id = $1 and ms.group_id = $2 and ms.status = 'member'
           and not exists (select 1 from group_facilitators f where f.tenant_id = ms.tenant_id and f.group_id = ms.group_id and f.member_id = ms.member_id)
         order by role, name, id`,
        [tenantId, groupId],
      );
      return rows;
    },

    /** Whether a member facilitates, or belongs to, a group. */
    async roleIn(
      tenantId: string,
      groupId: string,
      memberId: string,
    ): Promise<{ exists: boolean; facilitator: boolean; member: boolean }> {
      const rows = await db.query<{ facilitator: boolean; member: boolean }>(
        `select exists (select 1 from group_facilitators where tenant_id = $1 and group_id = $2 and member_id = $3) as facilitator,
                exists (select 1 from memberships where tenant_id = $1 and group_id = $2 and member_id = $3 and status = 'member') as member
         from groups where tenant_id = $1 and id = $2`,
        [tenantId, groupId, memberId],
      );
      return rows[0] ? { exists: true, ...rows[0] } : { exists: false, facilitator: false, member: false };
    },

    /** Passes on offers whose deadline went by, in every group that has one (run periodically). */
    async settleExpiredOffers(now: Date): Promise<number> {
      const due = await db.query<{ tenant_id: string; group_id: string }>(
        `select distinct tenant_id, group_id from memberships where status = 'offered' and offer_expires_at <= $1`,
        [now],
      );
      for (const { tenant_id, group_id } of due) {
        await db.transaction(async (tx) => {
          const g = await lockGroup(tx, tenant_id, group_id);
          await settle(tx, g, now);
          await saveCounters(tx, g, now);
        });
      }
      return due.length;
    },
  };
  return store;
}

export type GroupStore = ReturnType<typeof groupStore>;
