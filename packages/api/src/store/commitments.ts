import type {
  Commitment,
  CommitmentSummary,
  CreateCommitment,
  ListCommitmentsQuery,
  MyCommitmentsQuery,
  ReportCommitment,
  ReportStatus,
  Round,
  UpdateCommitment,
} from '../contract/commitments.js';
import { notFound, Problem, type FieldError, type FieldErrorCode } from '../problem.js';
import { decodeCursor, encodeCursor, isCursorInstant, isCursorText } from './cursor.js';
import type { Db, Sql } from './db.js';
import { newId } from './ids.js';
import type { Viewer } from './sessions.js';

interface CommitmentRow {
  tenant_id: string;
  id: string;
  group_id: string;
  member_id: string;
  member_name: string;
  text: string;
  target_value: number | null;
  target_unit: string | null;
  visibility: Commitment['visibility'];
  set_session_id: string | null;
  due_session_choice: string | null;
  carried_from_id: string | null;
  report_status: ReportStatus | null;
  reflection: string | null;
  achieved: number | null;
  reported_at: Date | null;
  created_at: Date;
  updated_at: Date;
  due_id: string | null;
  due_at: Date | null;
  due_ends_at: Date | null;
  due_time_zone: string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/**
 * Each commitment with the session it is due at, worked out now: the chosen session unless it
 * was cancelled; else the group's first session that is not cancelled and starts after the
 * cancelled choice (or, with no choice, after the commitment was set). Sessions move and get
 * cancelled after a commitment is set, so storing the due session would go stale.
 */
const WITH_DUE = `select c.*, m.name as member_name,
    case when ch.status <> 'cancelled' then ch.id else nx.id end as due_id,
    case when ch.status <> 'cancelled' then ch.starts_at else nx.starts_at end as due_at,
    case when ch.status <> 'cancelled' then ch.ends_at else nx.ends_at end as due_ends_at,
    case when ch.status <> 'cancelled' then ch.time_zone else nx.time_zone end as due_time_zone
  from commitments c
  join members m on m.tenant_id = c.tenant_id and m.id = c.member_id
  left join sessions ch on ch.tenant_id = c.tenant_id and ch.id = c.due_session_choice
  left join lateral (
    select s.id, s.starts_at, s.ends_at, s.time_zone from sessions s
    where s.tenant_id = c.tenant_id and s.group_id = c.group_id and s.status <> 'cancelled'
      and s.starts_at > coalesce(ch.starts_at, c.created_at)
    order by s.starts_at, s.id limit 1
  ) nx on true`;

/**
 * Whether the viewer ($2) may see commitment `c`: their own; `group` ones of a group they are an
 * active member or facilitator of; `facilitators` ones of a group they facilitate.
 */
const FACILITATES = `exists (select 1 from group_facilitators f where f.tenant_id = c.tenant_id and f.group_id = c.group_id and f.member_id = $2)`;
const IS_MEMBER = `exists (select 1 from memberships ms where ms.tenant_id = c.tenant_id and ms.group_id = c.group_id and ms.member_id = $2 and ms.status = 'member')`;
const VISIBLE = `(c.member_id = $2
  or (c.visibility in ('group', 'facilitators') and ${FACILITATES})
  or (c.visibility = 'group' and ${IS_MEMBER}))`;

function toCommitment(r: CommitmentRow, viewerId: string | null): Commitment {
  return {
    id: r.id,
    group_id: r.group_id,
    member: { id: r.member_id, name: r.member_name },
    text: r.text,
    target:
      r.target_value === null || r.target_unit === null
        ? null
        : { value: Number(r.target_value), unit: r.target_unit },
    visibility: r.visibility,
    set_session_id: r.set_session_id,
    due_session_id: r.due_id,
    due_at: isoOrNull(r.due_at),
    due_ends_at: isoOrNull(r.due_ends_at),
    due_time_zone: r.due_time_zone,
    report:
      r.report_status && r.reported_at
        ? {
            status: r.report_status,
            reflection: r.reflection ?? '',
            achieved: r.achieved === null ? null : Number(r.achieved),
            reported_at: iso(r.reported_at),
          }
        : null,
    carried_from_id: r.carried_from_id,
    mine: r.member_id === viewerId,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/** A problem naming one field of the body. */
const fieldProblem = (status: 409 | 422, code: string, title: string, errors: FieldError[]) =>
  new Problem(status, code, title, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

/** The viewer's standing in a group, by a query of this store's own. */
interface Standing {
  exists: boolean;
  member: boolean;
  facilitator: boolean;
  /** Has commitments of their own there (a member who left keeps seeing them). */
  own: boolean;
}

const EMPTY_COUNTS = { due: 0, reported: 0, done: 0, partly: 0, not_done: 0, dropped: 0 };

/** Commitments: set at one meeting, due at the next, reported on there. */
export function commitmentStore(db: Db) {
  async function standing(sql: Sql, viewer: Viewer, groupId: string): Promise<Standing> {
    const rows = await sql.query<Omit<Standing, 'exists'>>(
      `select exists (select 1 from group_facilitators where tenant_id = $1 and group_id = $2 and member_id = $3) as facilitator,
              exists (select 1 from memberships where tenant_id = $1 and group_id = $2 and member_id = $3 and status = 'member') as member,
              exists (select 1 from commitments where tenant_id = $1 and group_id = $2 and member_id = $3) as own
       from groups where tenant_id = $1 and id = $2`,
      [viewer.tenantId, groupId, viewer.memberId],
    );
    return rows[0]
      ? { exists: true, ...rows[0] }
      : { exists: false, member: false, facilitator: false, own: false };
  }

  /** One commitment the viewer may see, locked for a change when `lock`; 404 otherwise. */
  async function load(sql: Sql, viewer: Viewer, id: string, lock = false): Promise<CommitmentRow> {
    if (lock) {
      await sql.query('select 1 from commitments where tenant_id = $1 and id = $2 for update', [
        viewer.tenantId,
        id,
      ]);
    }
    const rows = await sql.query<CommitmentRow>(
      `${WITH_DUE} where c.tenant_id = $1 and c.id = $3 and ${VISIBLE}`,
      [viewer.tenantId, viewer.memberId, id],
    );
    if (!rows[0]) throw notFound('commitment');
    return rows[0];
  }

  /** The owner, still an active member of the group, changes it; a peer who sees it is told no. */
  async function assertOwnerInGroup(sql: Sql, viewer: Viewer, row: CommitmentRow) {
    if (row.member_id !== viewer.memberId)
      throw new Problem(403, 'not_yours', 'Only the member who set this commitment can change it');
    const s = await standing(sql, viewer, row.group_id);
    if (!s.member)
      throw new Problem(403, 'not_a_member', 'Only the group’s active members can change their commitments');
  }

  /** A session of the group for `field`; for a due session also neither cancelled nor over. */
  async function checkSession(
    sql: Sql,
    tenantId: string,
    groupId: string,
    sessionId: string,
    field: string,
    now: Date | null,
  ) {
    const rows = await sql.query<{ status: string; ends_at: Date }>(
      'select status, ends_at from sessions where tenant_id = $1 and id = $2 and group_id = $3',
      [tenantId, sessionId, groupId],
    );
    const s = rows[0];
    const problem = (code: FieldErrorCode, message: string) =>
      fieldProblem(422, 'validation_failed', 'The request body is invalid', [{ field, code, message }]);
    if (!s) throw problem('not_found', 'not a session of this group');
    if (now && s.status === 'cancelled') throw problem('not_allowed', 'the session is cancelled');
    if (now && new Date(s.ends_at) <= now) throw problem('not_allowed', 'the session is over');
  }

  return {
    /** The group's commitments the viewer may see, newest first. */
    async list(
      viewer: Viewer,
      groupId: string,
      q: ListCommitmentsQuery & { limit: number },
    ): Promise<{ items: Commitment[]; next_cursor: string | null }> {
      const s = await standing(db, viewer, groupId);
      if (!s.exists || !(s.member || s.facilitator || s.own)) throw notFound('group');
      const params: unknown[] = [viewer.tenantId, viewer.memberId, groupId];
      const where: string[] = [];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      // A member who left sees their own only.
      if (!s.member && !s.facilitator) where.push('x.member_id = $2');
      if (q.member) add((p) => `x.member_id = ${p}`, q.member);
      if (q.due_session) add((p) => `x.due_id = ${p}`, q.due_session);
      if (q.status === 'open') where.push('x.report_status is null');
      if (q.status === 'reported') where.push('x.report_status is not null');
      const cursor = decodeCursor<[string, string]>(
        q.cursor,
        2,
        ([at, id]) => isCursorInstant(at) && isCursorText(id),
      );
      if (cursor) {
        params.push(new Date(cursor[0]), cursor[1]);
        where.push(`(x.created_at, x.id) < ($${params.length - 1}, $${params.length})`);
      }
      params.push(q.limit + 1);
      const rows = await db.query<CommitmentRow>(
        `select * from (${WITH_DUE} where c.tenant_id = $1 and c.group_id = $3 and ${VISIBLE}) x
         ${where.length ? `where ${where.join(' and ')}` : ''} order by x.created_at desc, x.id desc limit $${params.length}`,
        params,
      );
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const last = page.at(-1);
      return {
        items: page.map((r) => toCommitment(r, viewer.memberId)),
        next_cursor: more && last ? encodeCursor([iso(last.created_at), last.id]) : null,
      };
    },

    /** Mine across groups: the open ones first by due date (none last), then the reported, newest first. */
    async mine(
      viewer: Viewer,
      q: MyCommitmentsQuery & { limit: number },
    ): Promise<{ items: Commitment[]; next_cursor: string | null }> {
      const params: unknown[] = [viewer.tenantId, viewer.memberId];
      const where: string[] = [];
      if (q.status === 'open') where.push('y.reported = 0');
      if (q.status === 'reported') where.push('y.reported = 1');
      const cursor = decodeCursor<[number, number, string]>(
        q.cursor,
        3,
        ([reported, key, id]) =>
          (reported === 0 || reported === 1) && Number.isFinite(key) && isCursorText(id),
      );
      if (cursor) {
        params.push(...cursor);
        where.push(`(y.reported, y.sort_key, y.id) > ($3::int, $4::float8, $5)`);
      }
      params.push(q.limit + 1);
      // Sort keys in milliseconds: an open one by its due time (9e15, after every real time, when
      // it has none), a reported one by the negated time it was set.
      const rows = await db.query<CommitmentRow & { reported: number; sort_key: number }>(
        `select * from (
           select x.*, (x.report_status is not null)::int as reported,
             case when x.report_status is null
               then coalesce(extract(epoch from x.due_at)::float8 * 1000, 9e15)
               else -extract(epoch from x.created_at)::float8 * 1000 end as sort_key
           from (${WITH_DUE} where c.tenant_id = $1 and c.member_id = $2) x
         ) y ${where.length ? `where ${where.join(' and ')}` : ''}
         order by y.reported, y.sort_key, y.id limit $${params.length}`,
        params,
      );
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const last = page.at(-1);
      return {
        items: page.map((r) => toCommitment(r, viewer.memberId)),
        next_cursor:
          more && last ? encodeCursor([Number(last.reported), Number(last.sort_key), last.id]) : null,
      };
    },

    async get(viewer: Viewer, id: string): Promise<Commitment> {
      return toCommitment(await load(db, viewer, id), viewer.memberId);
    },

    /** Sets a commitment; only the group's active members do. */
    async create(viewer: Viewer, groupId: string, input: CreateCommitment, now: Date): Promise<string> {
      const id = newId('cmt');
      await db.transaction(async (tx) => {
        const s = await standing(tx, viewer, groupId);
        if (!s.exists || !(s.member || s.facilitator || s.own)) throw notFound('group');
        if (!s.member)
          throw new Problem(403, 'not_a_member', 'Only the group’s active members set commitments');
        const { tenantId } = viewer;
        if (input.set_session_id)
          await checkSession(tx, tenantId, groupId, input.set_session_id, 'set_session_id', null);
        if (input.due_session_id)
          await checkSession(tx, tenantId, groupId, input.due_session_id, 'due_session_id', now);
        if (input.carried_from_id) {
          const from = await tx.query<{ report_status: ReportStatus | null }>(
            'select report_status from commitments where tenant_id = $1 and id = $2 and group_id = $3 and member_id = $4',
            [tenantId, input.carried_from_id, groupId, viewer.memberId],
          );
          const message = !from[0]
            ? 'not one of my commitments in this group'
            : from[0].report_status === 'done'
              ? 'it was done: there is nothing to carry over'
              : null;
          if (message)
            throw fieldProblem(422, 'validation_failed', 'The request body is invalid', [
              { field: 'carried_from_id', code: from[0] ? 'not_allowed' : 'not_found', message },
            ]);
        }
        await tx.query(
          `insert into commitments (tenant_id, id, group_id, member_id, text, target_value, target_unit, visibility,
             set_session_id, due_session_choice, carried_from_id, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
          [
            tenantId,
            id,
            groupId,
            viewer.memberId,
            input.text,
            input.target?.value ?? null,
            input.target?.unit ?? null,
            input.visibility,
            input.set_session_id ?? null,
            input.due_session_id ?? null,
            input.carried_from_id ?? null,
            now,
          ],
        );
      });
      return id;
    },

    /** Edits until it is reported; the visibility can change even after (it is the member's privacy). */
    async update(viewer: Viewer, id: string, patch: UpdateCommitment, now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await load(tx, viewer, id, true);
        await assertOwnerInGroup(tx, viewer, row);
        const locked = (['text', 'target', 'due_session_id'] as const).filter((f) => patch[f] !== undefined);
        if (row.report_status && locked.length)
          throw fieldProblem(
            409,
            'already_reported',
            'A reported commitment can no longer be edited',
            locked.map((field) => ({
              field,
              code: 'not_allowed',
              message: 'cannot change after the report',
            })),
          );
        if (patch.due_session_id)
          await checkSession(tx, viewer.tenantId, row.group_id, patch.due_session_id, 'due_session_id', now);
        const sets: string[] = [];
        const params: unknown[] = [viewer.tenantId, id, now];
        const set = (column: string, value: unknown) => {
          params.push(value);
          sets.push(`${column} = $${params.length}`);
        };
        if (patch.text !== undefined) set('text', patch.text);
        if (patch.visibility !== undefined) set('visibility', patch.visibility);
        if (patch.target !== undefined) {
          set('target_value', patch.target?.value ?? null);
          set('target_unit', patch.target?.unit ?? null);
        }
        if (patch.due_session_id !== undefined) set('due_session_choice', patch.due_session_id);
        await tx.query(
          `update commitments set ${[...sets, 'updated_at = $3'].join(', ')} where tenant_id = $1 and id = $2`,
          params,
        );
      });
    },

    /**
     * Reports on it; a second report corrects the first until the due session ends, after which
     * the report stands (409 `report_closed`).
     */
    async report(viewer: Viewer, id: string, input: ReportCommitment, now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await load(tx, viewer, id, true);
        await assertOwnerInGroup(tx, viewer, row);
        if (row.report_status && row.due_ends_at && new Date(row.due_ends_at) <= now)
          throw new Problem(
            409,
            'report_closed',
            'The report can no longer be corrected',
            'A report can be corrected until the session it was due at ends.',
          );
        const achieved = input.achieved ?? null;
        if (achieved !== null && row.target_value === null)
          throw fieldProblem(422, 'validation_failed', 'The request body is invalid', [
            { field: 'achieved', code: 'not_allowed', message: 'only for a commitment with a target' },
          ]);
        await tx.query(
          `update commitments set report_status = $3, reflection = $4, achieved = $5,
             reported_at = coalesce(reported_at, $6), updated_at = $6
           where tenant_id = $1 and id = $2`,
          [viewer.tenantId, id, input.status, input.reflection, achieved, now],
        );
      });
    },

    /** Deletes one's own; a carry-over of it stays, no longer linked. */
    async remove(viewer: Viewer, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await load(tx, viewer, id, true);
        if (row.member_id !== viewer.memberId)
          throw new Problem(403, 'not_yours', 'Only the member who set this commitment can delete it');
        await tx.query(
          'update commitments set carried_from_id = null where tenant_id = $1 and carried_from_id = $2',
          [viewer.tenantId, id],
        );
        await tx.query('delete from commitments where tenant_id = $1 and id = $2', [viewer.tenantId, id]);
      });
    },

    /**
     * The check-in round of a group session, for its facilitators: each commitment due then, by
     * member name; a private one only as "has a private commitment" with its status.
     */
    async round(viewer: Viewer, sessionId: string): Promise<Round> {
      const sessions = await db.query<{
        id: string;
        group_id: string;
        title: string;
        starts_at: Date;
        ends_at: Date;
        time_zone: string;
        status: Round['session']['status'];
      }>(
        `select id, group_id, title, starts_at, ends_at, time_zone, status from sessions
         where tenant_id = $1 and id = $2 and group_id is not null`,
        [viewer.tenantId, sessionId],
      );
      const session = sessions[0];
      if (!session) throw notFound('session');
      const s = await standing(db, viewer, session.group_id);
      if (!s.facilitator) {
        // The group's members and admins know the session; nobody else may learn it exists.
        if (s.member || viewer.admin)
          throw new Problem(403, 'forbidden', 'Only the group’s facilitators go through the round');
        throw notFound('session');
      }
      const rows = await db.query<CommitmentRow>(
        `select * from (${WITH_DUE} where c.tenant_id = $1 and c.group_id = $2) x
         where x.due_id = $3 order by x.member_name, x.member_id, x.created_at, x.id`,
        [viewer.tenantId, session.group_id, sessionId],
      );
      return {
        session: {
          id: session.id,
          group_id: session.group_id,
          title: session.title,
          starts_at: iso(session.starts_at),
          ends_at: iso(session.ends_at),
          time_zone: session.time_zone,
          status: session.status,
        },
        items: rows.map((r) => {
          const hidden = r.visibility === 'private' && r.member_id !== viewer.memberId;
          return {
            member: { id: r.member_id, name: r.member_name },
            private: r.visibility === 'private',
            report_status: r.report_status,
            commitment: hidden ? null : toCommitment(r, viewer.memberId),
          };
        }),
      };
    },

    /** Per due session, how many fell due, were reported, and how: counts only. */
    async summary(viewer: Viewer, groupId: string): Promise<CommitmentSummary> {
      const s = await standing(db, viewer, groupId);
      if (!s.exists) throw notFound('group');
      if (!s.facilitator && !viewer.admin) {
        if (s.member || s.own)
          throw new Problem(403, 'forbidden', 'Only the group’s facilitators and the association’s admins');
        throw notFound('group');
      }
      const rows = await db.query<{
        due_id: string | null;
        due_at: Date | null;
        due_time_zone: string | null;
        due: string | number;
        reported: string | number;
        done: string | number;
        partly: string | number;
        not_done: string | number;
        dropped: string | number;
      }>(
        `select x.due_id, x.due_at, x.due_time_zone, count(*) as due,
           count(x.report_status) as reported,
           count(*) filter (where x.report_status = 'done') as done,
           count(*) filter (where x.report_status = 'partly') as partly,
           count(*) filter (where x.report_status = 'not_done') as not_done,
           count(*) filter (where x.report_status = 'dropped') as dropped
         from (${WITH_DUE} where c.tenant_id = $1 and c.group_id = $2) x
         group by x.due_id, x.due_at, x.due_time_zone order by x.due_at nulls last`,
        [viewer.tenantId, groupId],
      );
      const counts = (r: (typeof rows)[number]) => ({
        due: Number(r.due),
        reported: Number(r.reported),
        done: Number(r.done),
        partly: Number(r.partly),
        not_done: Number(r.not_done),
        dropped: Number(r.dropped),
      });
      const none = rows.find((r) => r.due_id === null);
      return {
        sessions: rows
          .filter((r) => r.due_id !== null && r.due_at !== null)
          .map((r) => ({
            session_id: r.due_id!,
            starts_at: iso(r.due_at!),
            time_zone: r.due_time_zone ?? 'Europe/Helsinki',
            ...counts(r),
          })),
        without_due_session: none ? counts(none) : { ...EMPTY_COUNTS },
      };
    },
  };
}

export type CommitmentStore = ReturnType<typeof commitmentStore>;
