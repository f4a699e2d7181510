import { randomBytes } from 'node:crypto';
import type {
  Attendee,
  CreateSeries,
  CreateSession,
  ListSessionsQuery,
  MyRsvp,
  RsvpAnswer,
  Session,
  Topic,
  UpdateSession,
} from '../contract/sessions.js';
import { notFound, Problem } from '../problem.js';
import { addLocal, localDiffMinutes, localToUtc, utcToLocal } from '../time/local.js';
import { decodeCursor, encodeCursor, isCursorInstant, isCursorText } from './cursor.js';
import type { Db, Sql } from './db.js';
import { newId } from './ids.js';
import { numberOrNull } from './rows.js';
import type { Member } from './members.js';

/** Who is asking: visibility and the meeting link depend on it. */
export interface Viewer {
  tenantId: string;
  memberId: string | null;
  /** Admins and the association's server see and manage every session. */
  admin: boolean;
  /** Facilitator or admin role: may manage association events. */
  organiser: boolean;
}

interface SessionRow {
  tenant_id: string;
  id: string;
  group_id: string | null;
  scope: Session['scope'];
  kind: Session['kind'];
  title: string;
  theme: string | null;
  description: string;
  agenda: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  local_start: string;
  meeting_url: string | null;
  place: string | null;
  speakers: Session['speakers'];
  capacity: number | null;
  yes_count: number;
  waitlist_count: number;
  next_waitlist_seq: string | number;
  status: Session['status'];
  series_id: string | null;
  series_index: number | null;
  sequence: number;
  topic_id: string | null;
  topic_title?: string | null;
  created_at: Date;
  updated_at: Date;
  in_group?: boolean;
  my_answer?: RsvpAnswer | null;
  my_waitlisted?: boolean | null;
  my_attended?: boolean | null;
  my_position?: string | number | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * SQL deciding, per row `s`, whether the viewer belongs to its group ($1 = tenant id, $2 = member
 * id, $3 = admin). Group meetings are for the group's members and facilitators only: the groups'
 * confidentiality. The facilitator check names the tenant itself: PostgreSQL hashes that subquery
 * once per statement, and without `$1` it would read the member id's rows of every association.
 */
const MEMBER_OF_GROUP = `(exists (select 1 from memberships ms where ms.tenant_id = s.tenant_id and ms.group_id = s.group_id and ms.member_id = $2 and ms.status = 'member')
  or exists (select 1 from group_facilitators f where f.tenant_id = $1 and f.tenant_id = s.tenant_id and f.group_id = s.group_id and f.member_id = $2))`;
const IN_GROUP = `(s.group_id is not null and ($3::boolean or ${MEMBER_OF_GROUP}))`;
const VISIBLE = `(s.scope = 'public' or (s.scope = 'members' and $2::text is not null) or (s.scope = 'group' and ${IN_GROUP}))`;
const COLUMNS = `s.*, t.title as topic_title, ${IN_GROUP} as in_group,
  r.answer as my_answer, r.waitlisted as my_waitlisted, r.attended as my_attended,
  case when r.waitlisted then (select count(*) from rsvps w where w.tenant_id = s.tenant_id and w.session_id = s.id and w.waitlisted and w.waitlist_seq <= r.waitlist_seq) end as my_position`;
const JOINS = `left join topics t on t.tenant_id = s.tenant_id and t.id = s.topic_id
  left join rsvps r on r.tenant_id = s.tenant_id and r.session_id = s.id and r.member_id = $2`;

function toSession(r: SessionRow, viewer: Viewer): Session {
  // The link goes to the group's members, or to those going to an open event; never to visitors.
  const entitled =
    r.scope === 'group'
      ? Boolean(r.in_group)
      : viewer.admin || viewer.organiser || (r.my_answer === 'yes' && !r.my_waitlisted);
  return {
    id: r.id,
    group_id: r.group_id,
    scope: r.scope,
    kind: r.kind,
    title: r.title,
    theme: r.theme,
    description: r.description,
    agenda: r.agenda,
    starts_at: iso(r.starts_at),
    ends_at: iso(r.ends_at),
    time_zone: r.time_zone,
    local_start: r.local_start,
    place: r.place,
    online: Boolean(r.meeting_url),
    meeting_url: viewer.memberId !== null || viewer.admin ? (entitled ? r.meeting_url : null) : null,
    speakers: r.speakers,
    capacity: r.capacity,
    yes_count: r.yes_count,
    places_left: r.capacity === null ? null : Math.max(0, r.capacity - r.yes_count),
    waitlist_count: r.waitlist_count,
    status: r.status,
    series_id: r.series_id,
    sequence: r.sequence,
    topic: r.topic_id && r.topic_title ? { id: r.topic_id, title: r.topic_title } : null,
    ...(viewer.memberId
      ? {
          my_rsvp: r.my_answer
            ? {
                answer: r.my_answer,
                waitlisted: Boolean(r.my_waitlisted),
                waitlist_position: numberOrNull(r.my_position),
                attended: r.my_attended ?? null,
              }
            : null,
        }
      : {}),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/** Sessions, series, RSVPs, attendance, topics and calendar feeds. */
export function sessionStore(db: Db, changed: (tenantId: string) => void = () => undefined) {
  const viewerParams = (v: Viewer) => [v.tenantId, v.memberId, v.admin];

  async function load(sql: Sql, viewer: Viewer, sessionId: string): Promise<SessionRow | null> {
    const rows = await sql.query<SessionRow>(
      `select ${COLUMNS} from sessions s ${JOINS} where s.tenant_id = $1 and s.id = $4 and ${VISIBLE}`,
      [...viewerParams(viewer), sessionId],
    );
    return rows[0] ?? null;
  }

  async function lock(tx: Sql, tenantId: string, sessionId: string): Promise<SessionRow> {
    const rows = await tx.query<SessionRow>(
      'select * from sessions where tenant_id = $1 and id = $2 for update',
      [tenantId, sessionId],
    );
    if (!rows[0]) throw notFound('session');
    return rows[0];
  }

  /**
   * Who is going and who waits, counted from the RSVP rows themselves (with the session row
   * locked): whatever wrote them — an answer, a promotion, attendance — the counts agree.
   */
  async function countRsvps(tx: Sql, tenantId: string, sessionId: string) {
    const rows = await tx.query<{ going: string | number; waiting: string | number }>(
      `select count(*) filter (where answer = 'yes' and not waitlisted) as going, count(*) filter (where waitlisted) as waiting
       from rsvps where tenant_id = $1 and session_id = $2`,
      [tenantId, sessionId],
    );
    return { going: Number(rows[0]?.going ?? 0), waiting: Number(rows[0]?.waiting ?? 0) };
  }

  /** Whether the viewer may change this session: its group's facilitators, or organisers for events. */
  async function assertManager(sql: Sql, viewer: Viewer, s: { group_id: string | null }) {
    if (viewer.admin) return;
    if (s.group_id === null) {
      if (viewer.organiser) return;
    } else if (viewer.memberId) {
      const rows = await sql.query(
        'select 1 from group_facilitators where tenant_id = $1 and group_id = $2 and member_id = $3',
        [viewer.tenantId, s.group_id, viewer.memberId],
      );
      if (rows.length) return;
    }
    throw new Problem(403, 'forbidden', 'Only the facilitators can change this session');
  }

  async function checkTopic(
    sql: Sql,
    tenantId: string,
    groupId: string | null,
    topicId: string | null | undefined,
  ) {
    if (!topicId) return;
    const rows = await sql.query('select 1 from topics where tenant_id = $1 and id = $2 and group_id = $3', [
      tenantId,
      topicId,
      groupId,
    ]);
    if (!rows.length) {
      throw new Problem(
        422,
        'validation_failed',
        'The request body is invalid',
        'topic_id: not a topic of this group',
        { errors: [{ field: 'topic_id', code: 'not_found', message: 'not a topic of this group' }] },
      );
    }
  }

  /** The store and calendar files hold years up to 9999: a series or a move must end by then. */
  function assertEndsBy9999(starts: Date, minutes: number, field: string) {
    if (new Date(starts.getTime() + minutes * 60_000).getUTCFullYear() <= 9999) return;
    throw new Problem(422, 'validation_failed', 'The request body is invalid', `${field}: ends after 9999`, {
      errors: [{ field, code: 'invalid_date', message: 'ends after the year 9999' }],
    });
  }

  async function insertSession(
    tx: Sql,
    tenantId: string,
    s: {
      groupId: string | null;
      scope: Session['scope'];
      local: string;
      duration: number;
      zone: string;
      title: string;
      seriesId?: string;
      seriesIndex?: number;
    } & Omit<Partial<CreateSession>, 'scope'>,
    now: Date,
  ): Promise<string> {
    const id = newId('ses');
    const starts = localToUtc(s.local, s.zone);
    assertEndsBy9999(starts, s.duration, s.seriesId ? 'count' : 'start');
    await tx.query(
      `insert into sessions (tenant_id, id, group_id, scope, kind, title, theme, description, agenda, starts_at, ends_at, time_zone, local_start,
         meeting_url, place, speakers, capacity, series_id, series_index, topic_id, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21)`,
      [
        tenantId,
        id,
        s.groupId,
        s.scope,
        s.kind ?? (s.groupId ? 'meeting' : 'event'),
        s.title,
        s.theme ?? null,
        s.description ?? '',
        s.agenda ?? '',
        starts,
        new Date(starts.getTime() + s.duration * 60_000),
        s.zone,
        // The wall time the instant shows: a time in a daylight-saving gap was moved forward.
        utcToLocal(starts, s.zone),
        s.meeting_url ?? null,
        s.place ?? null,
        JSON.stringify(s.speakers ?? []),
        s.capacity ?? null,
        s.seriesId ?? null,
        s.seriesIndex ?? null,
        s.topic_id ?? null,
        now,
      ],
    );
    return id;
  }

  async function groupExists(sql: Sql, tenantId: string, groupId: string) {
    const rows = await sql.query('select 1 from groups where tenant_id = $1 and id = $2', [
      tenantId,
      groupId,
    ]);
    if (!rows.length) throw notFound('group');
  }

  return {
    async list(
      viewer: Viewer,
      q: ListSessionsQuery & { limit: number },
      now: Date,
    ): Promise<{ items: Session[]; next_cursor: string | null }> {
      const params: unknown[] = viewerParams(viewer);
      const where = ['s.tenant_id = $1', VISIBLE];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      // A session lasts at most a day (the contract's duration), so the bound on its start lets the
      // index on starts_at skip the association's past sessions instead of filtering them one by one.
      add(
        (p) => `s.ends_at >= ${p} and s.starts_at > ${p}::timestamptz - interval '1 day'`,
        q.from ? new Date(q.from) : now,
      );
      if (q.to) add((p) => `s.starts_at < ${p}`, new Date(q.to));
      if (q.group) add((p) => `s.group_id = ${p}`, q.group);
      if (q.scope === 'open') where.push(`s.scope in ('members', 'public')`);
      if (q.scope === 'mine')
        where.push(`((s.scope = 'group' and ${IN_GROUP}) or r.answer in ('yes', 'maybe'))`);
      const cursor = decodeCursor<[string, string]>(
        q.cursor,
        2,
        ([at, id]) => isCursorInstant(at) && isCursorText(id),
      );
      if (cursor) {
        params.push(new Date(cursor[0]), cursor[1]);
        where.push(`(s.starts_at, s.id) > ($${params.length - 1}, $${params.length})`);
      }
      params.push(q.limit + 1);
      const rows = await db.query<SessionRow>(
        `select ${COLUMNS} from sessions s ${JOINS} where ${where.join(' and ')} order by s.starts_at, s.id limit $${params.length}`,
        params,
      );
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const last = page.at(-1);
      return {
        items: page.map((r) => toSession(r, viewer)),
        next_cursor: more && last ? encodeCursor([iso(last.starts_at), last.id]) : null,
      };
    },

    async get(viewer: Viewer, sessionId: string): Promise<Session> {
      const row = await load(db, viewer, sessionId);
      if (!row) throw notFound('session');
      return toSession(row, viewer);
    },

    async create(viewer: Viewer, input: CreateSession, now: Date): Promise<string> {
      const id = await db.transaction(async (tx) => {
        if (input.group_id) await groupExists(tx, viewer.tenantId, input.group_id);
        await assertManager(tx, viewer, { group_id: input.group_id ?? null });
        await checkTopic(tx, viewer.tenantId, input.group_id ?? null, input.topic_id);
        const scope = input.group_id ? 'group' : (input.scope ?? 'members');
        return insertSession(
          tx,
          viewer.tenantId,
          {
            ...input,
            groupId: input.group_id ?? null,
            scope,
            local: input.start,
            duration: input.duration_minutes,
            zone: input.time_zone ?? 'Europe/Helsinki',
          },
          now,
        );
      });
      changed(viewer.tenantId);
      return id;
    },

    /** Occurrences every N weeks at the same local wall time, so 09:00 stays 09:00 across DST. */
    async createSeries(
      viewer: Viewer,
      groupId: string,
      input: CreateSeries,
      now: Date,
    ): Promise<{ series_id: string; ids: string[] }> {
      const result = await db.transaction(async (tx) => {
        await groupExists(tx, viewer.tenantId, groupId);
        await assertManager(tx, viewer, { group_id: groupId });
        const seriesId = newId('ser');
        const ids: string[] = [];
        for (let i = 0; i < input.count; i++) {
          ids.push(
            await insertSession(
              tx,
              viewer.tenantId,
              {
                ...input,
                groupId,
                scope: 'group',
                local: addLocal(input.first_start, i * 7 * input.every_weeks),
                duration: input.duration_minutes,
                zone: input.time_zone ?? 'Europe/Helsinki',
                seriesId,
                seriesIndex: i,
              },
              now,
            ),
          );
        }
        return { series_id: seriesId, ids };
      });
      changed(viewer.tenantId);
      return result;
    },

    /** Edits one occurrence, or it and the following ones of its series (moving by the same wall-clock shift). */
    async update(viewer: Viewer, sessionId: string, patch: UpdateSession, now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const target = await lock(tx, viewer.tenantId, sessionId);
        if (!(await load(tx, viewer, sessionId))) throw notFound('session');
        await assertManager(tx, viewer, target);
        await checkTopic(tx, viewer.tenantId, target.group_id, patch.topic_id);
        const affected =
          patch.apply_to === 'following' && target.series_id
            ? await tx.query<SessionRow>(
                'select * from sessions where tenant_id = $1 and series_id = $2 and series_index >= $3 order by series_index for update',
                [viewer.tenantId, target.series_id, target.series_index],
              )
            : [target];
        const shift = patch.start ? localDiffMinutes(target.local_start, patch.start) : 0;
        for (const s of affected) {
          const sets: string[] = ['sequence = sequence + 1', 'updated_at = $3'];
          const params: unknown[] = [viewer.tenantId, s.id, now];
          const set = (column: string, value: unknown) => {
            params.push(value);
            sets.push(`${column} = $${params.length}`);
          };
          for (const column of [
            'title',
            'kind',
            'theme',
            'description',
            'agenda',
            'place',
            'meeting_url',
            'capacity',
            'topic_id',
          ] as const) {
            if (patch[column] !== undefined) set(column, patch[column]);
          }
          if (patch.speakers !== undefined) set('speakers', JSON.stringify(patch.speakers));
          const duration =
            patch.duration_minutes ??
            (new Date(s.ends_at).getTime() - new Date(s.starts_at).getTime()) / 60_000;
          if (shift !== 0 || patch.duration_minutes !== undefined) {
            const local = shift ? addLocal(s.local_start, 0, shift) : s.local_start;
            const starts = localToUtc(local, s.time_zone);
            assertEndsBy9999(starts, duration, 'start');
            set('local_start', utcToLocal(starts, s.time_zone));
            set('starts_at', starts);
            set('ends_at', new Date(starts.getTime() + duration * 60_000));
            if (shift !== 0 && s.status !== 'cancelled') sets.push(`status = 'moved'`);
          }
          await tx.query(`update sessions set ${sets.join(', ')} where tenant_id = $1 and id = $2`, params);
        }
      });
      changed(viewer.tenantId);
    },

    async cancel(viewer: Viewer, sessionId: string, applyTo: 'this' | 'following', now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const target = await lock(tx, viewer.tenantId, sessionId);
        if (!(await load(tx, viewer, sessionId))) throw notFound('session');
        await assertManager(tx, viewer, target);
        if (applyTo === 'following' && target.series_id) {
          await tx.query(
            `update sessions set status = 'cancelled', sequence = sequence + 1, updated_at = $4 where tenant_id = $1 and series_id = $2 and series_index >= $3 and status <> 'cancelled'`,
            [viewer.tenantId, target.series_id, target.series_index, now],
          );
        } else {
          await tx.query(
            `update sessions set status = 'cancelled', sequence = sequence + 1, updated_at = $3 where tenant_id = $1 and id = $2 and status <> 'cancelled'`,
            [viewer.tenantId, sessionId, now],
          );
        }
      });
      changed(viewer.tenantId);
    },

    /**
     * Answers yes, no or maybe (idempotent). A yes to a full event waits in arrival order; a place
     * that frees goes to the first waiting. The session row is locked, so capacity holds.
     */
    async rsvp(
      viewer: Viewer,
      member: Member,
      sessionId: string,
      answer: RsvpAnswer,
      now: Date,
    ): Promise<MyRsvp> {
      const result = await db.transaction(async (tx) => {
        const s = await lock(tx, viewer.tenantId, sessionId);
        const visible = await load(tx, viewer, sessionId);
        if (!visible) throw notFound('session');
        if (s.status === 'cancelled')
          throw new Problem(409, 'session_cancelled', 'This session is cancelled');
        if (new Date(s.ends_at) <= now) throw new Problem(409, 'session_over', 'This session is over');
        const existing = (
          await tx.query<{ answer: RsvpAnswer; waitlisted: boolean }>(
            'select answer, waitlisted from rsvps where tenant_id = $1 and session_id = $2 and member_id = $3',
            [viewer.tenantId, sessionId, member.id],
          )
        )[0];
        const counted = await countRsvps(tx, viewer.tenantId, sessionId);
        let yes = counted.going;
        let waiting = counted.waiting;
        let seq = Number(s.next_waitlist_seq);
        let waitlisted = existing?.waitlisted ?? false;
        let mySeq: number | null = null;
        const wasGoing = existing?.answer === 'yes' && !existing.waitlisted;
        if (answer === 'yes' && existing?.answer !== 'yes') {
          if (s.capacity === null || yes < s.capacity) {
            yes++;
            waitlisted = false;
          } else {
            waiting++;
            waitlisted = true;
            mySeq = seq++;
          }
        } else if (answer !== 'yes' && existing?.answer === 'yes') {
          if (wasGoing) yes--;
          else waiting--;
          waitlisted = false;
        }
        await tx.query(
          `insert into rsvps (tenant_id, session_id, member_id, answer, waitlisted, waitlist_seq, updated_at) values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (tenant_id, session_id, member_id) do update set answer = excluded.answer, waitlisted = excluded.waitlisted,
             waitlist_seq = case when excluded.answer = 'yes' and rsvps.answer = 'yes' then rsvps.waitlist_seq else excluded.waitlist_seq end, updated_at = excluded.updated_at`,
          [viewer.tenantId, sessionId, member.id, answer, waitlisted, mySeq, now],
        );
        if (s.capacity !== null && yes < s.capacity && waiting > 0) {
          const promoted = await tx.query(
            `update rsvps set waitlisted = false, waitlist_seq = null, updated_at = $4 where tenant_id = $1 and session_id = $2 and member_id in (
               select member_id from rsvps where tenant_id = $1 and session_id = $2 and waitlisted order by waitlist_seq limit $3) returning member_id`,
            [viewer.tenantId, sessionId, s.capacity - yes, now],
          );
          yes += promoted.length;
          waiting -= promoted.length;
        }
        await tx.query(
          'update sessions set yes_count = $3, waitlist_count = $4, next_waitlist_seq = $5 where tenant_id = $1 and id = $2',
          [viewer.tenantId, sessionId, yes, waiting, seq],
        );
        return toSession((await load(tx, viewer, sessionId))!, viewer).my_rsvp!;
      });
      changed(viewer.tenantId);
      return result;
    },

    async attendees(viewer: Viewer, sessionId: string): Promise<Attendee[]> {
      const s = await load(db, viewer, sessionId);
      if (!s) throw notFound('session');
      await assertManager(db, viewer, s);
      const rows = await db.query<{
        member_id: string;
        name: string;
        answer: RsvpAnswer;
        waitlisted: boolean;
        attended: boolean | null;
      }>(
        `select r.member_id, m.name, r.answer, r.waitlisted, r.attended from rsvps r join members m on m.tenant_id = r.tenant_id and m.id = r.member_id
         where r.tenant_id = $1 and r.session_id = $2 order by r.answer = 'yes' desc, r.waitlisted, m.name, m.id`,
        [viewer.tenantId, sessionId],
      );
      return rows.map((r) => ({
        member: { id: r.member_id, name: r.name },
        answer: r.answer,
        waitlisted: r.waitlisted,
        attended: r.attended,
      }));
    },

    /**
     * Marks who came, once the session has started. Whoever came was going: an attendee becomes a
     * "yes" that counts (even beyond the capacity: they were there), a waiting one leaves the
     * waitlist, and someone marked absent without an answer is recorded as "no".
     */
    async markAttendance(
      viewer: Viewer,
      sessionId: string,
      attended: string[],
      absent: string[],
      now: Date,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await lock(tx, viewer.tenantId, sessionId);
        const s = await load(tx, viewer, sessionId);
        if (!s) throw notFound('session');
        await assertManager(tx, viewer, s);
        if (new Date(s.starts_at) > now)
          throw new Problem(
            409,
            'session_not_started',
            'Attendance can be marked once the session has started',
          );
        const ids = [...attended, ...absent];
        const known = new Set(
          (
            await tx.query<{ id: string }>(
              'select id from members where tenant_id = $1 and id = any($2::text[])',
              [viewer.tenantId, ids],
            )
          ).map((r) => r.id),
        );
        const unknown = ids.findIndex((id) => !known.has(id));
        if (unknown >= 0) {
          const field =
            unknown < attended.length ? `attended.${unknown}` : `absent.${unknown - attended.length}`;
          throw new Problem(
            422,
            'validation_failed',
            'The request body is invalid',
            `${field}: no such member`,
            { errors: [{ field, code: 'not_found', message: 'no such member' }] },
          );
        }
        if (attended.length)
          await tx.query(
            `insert into rsvps (tenant_id, session_id, member_id, answer, attended, updated_at) select $1, $2, unnest($3::text[]), 'yes', true, $4
             on conflict (tenant_id, session_id, member_id) do update set answer = 'yes', waitlisted = false, waitlist_seq = null,
               attended = true, updated_at = excluded.updated_at`,
            [viewer.tenantId, sessionId, attended, now],
          );
        if (absent.length)
          await tx.query(
            `insert into rsvps (tenant_id, session_id, member_id, answer, attended, updated_at) select $1, $2, unnest($3::text[]), 'no', false, $4
             on conflict (tenant_id, session_id, member_id) do update set attended = false, updated_at = excluded.updated_at`,
            [viewer.tenantId, sessionId, absent, now],
          );
        const { going, waiting } = await countRsvps(tx, viewer.tenantId, sessionId);
        await tx.query(
          'update sessions set yes_count = $3, waitlist_count = $4 where tenant_id = $1 and id = $2',
          [viewer.tenantId, sessionId, going, waiting],
        );
      });
      changed(viewer.tenantId);
    },

    /** The sessions a calendar feed carries: a member's (by token) or the association's public ones. */
    async feed(
      kind: { member: { tenantId: string; memberId: string } } | { publicOf: string },
      now: Date,
    ): Promise<{ rows: Session[]; tenantName: string } | null> {
      const since = new Date(now.getTime() - 30 * 86400_000);
      if ('publicOf' in kind) {
        const tenant = await db.query<{ name: string }>('select name from tenants where id = $1', [
          kind.publicOf,
        ]);
        if (!tenant[0]) return null;
        const viewer: Viewer = { tenantId: kind.publicOf, memberId: null, admin: false, organiser: false };
        const rows = await db.query<SessionRow>(
          `select ${COLUMNS} from sessions s ${JOINS} where s.tenant_id = $1 and s.scope = 'public' and s.ends_at >= $4 order by s.starts_at, s.id limit 500`,
          [...viewerParams(viewer), since],
        );
        return { rows: rows.map((r) => toSession(r, viewer)), tenantName: tenant[0].name };
      }
      const { tenantId, memberId } = kind.member;
      const tenant = await db.query<{ name: string }>('select name from tenants where id = $1', [tenantId]);
      // The roles the member's token carried when last seen: the feed shows what the session's own
      // page would show them now, so it must ask the same question (VISIBLE) with the same viewer.
      const roles =
        (
          await db.query<{ roles: string[] }>('select roles from members where tenant_id = $1 and id = $2', [
            tenantId,
            memberId,
          ])
        )[0]?.roles ?? [];
      const admin = roles.includes('admin');
      const viewer: Viewer = { tenantId, memberId, admin, organiser: admin || roles.includes('facilitator') };
      const rows = await db.query<SessionRow>(
        `select ${COLUMNS} from sessions s ${JOINS} where s.tenant_id = $1 and s.ends_at >= $4 and ${VISIBLE}
           and ((s.scope = 'group' and ${MEMBER_OF_GROUP}) or r.answer in ('yes', 'maybe'))
         order by s.starts_at, s.id limit 500`,
        [...viewerParams(viewer), since],
      );
      return { rows: rows.map((r) => toSession(r, viewer)), tenantName: tenant[0]?.name ?? '' };
    },

    /** The member's personal feed token, made on first request. */
    async feedToken(
      tenantId: string,
      memberId: string,
      now: Date,
      rotate = false,
    ): Promise<{ token: string; created_at: string }> {
      return db.transaction(async (tx) => {
        if (rotate)
          await tx.query(
            'update calendar_feeds set revoked_at = $3 where tenant_id = $1 and member_id = $2 and revoked_at is null',
            [tenantId, memberId, now],
          );
        const live = await tx.query<{ token: string; created_at: Date }>(
          'select token, created_at from calendar_feeds where tenant_id = $1 and member_id = $2 and revoked_at is null',
          [tenantId, memberId],
        );
        if (live[0]) return { token: live[0].token, created_at: iso(live[0].created_at) };
        const token = `cal_${randomBytes(24).toString('base64url')}`;
        await tx.query(
          'insert into calendar_feeds (tenant_id, member_id, token, created_at) values ($1, $2, $3, $4)',
          [tenantId, memberId, token, now],
        );
        return { token, created_at: iso(now) };
      });
    },

    async revokeFeed(tenantId: string, memberId: string, now: Date): Promise<void> {
      await db.query(
        'update calendar_feeds set revoked_at = $3 where tenant_id = $1 and member_id = $2 and revoked_at is null',
        [tenantId, memberId, now],
      );
    },

    async feedOwner(token: string): Promise<{ tenantId: string; memberId: string } | null> {
      const rows = await db.query<{ tenant_id: string; member_id: string }>(
        'select tenant_id, member_id from calendar_feeds where token = $1 and revoked_at is null',
        [token],
      );
      return rows[0] ? { tenantId: rows[0].tenant_id, memberId: rows[0].member_id } : null;
    },

    topics: {
      async assertInGroup(viewer: Viewer, groupId: string): Promise<void> {
        const rows = await db.query<{ inside: boolean }>(
          `select ($3::boolean or exists (select 1 from memberships where tenant_id = $1 and group_id = $4 and member_id = $2 and status = 'member')
             or exists (select 1 from group_facilitators where tenant_id = $1 and group_id = $4 and member_id = $2)) as inside
           from groups where tenant_id = $1 and id = $4`,
          [...viewerParams(viewer), groupId],
        );
        if (!rows[0]) throw notFound('group');
        if (!rows[0].inside)
          throw new Problem(403, 'forbidden', 'Only the group’s members see and suggest its topics');
      },

      async list(viewer: Viewer, groupId: string): Promise<Topic[]> {
        const rows = await db.query<{
          id: string;
          title: string;
          description: string;
          votes: string | number;
          my_vote: boolean;
          session_ids: string[] | null;
          created_at: Date;
        }>(
          `select t.id, t.title, t.description, t.created_at,
             (select count(*) from topic_votes v where v.tenant_id = t.tenant_id and v.topic_id = t.id) as votes,
             exists (select 1 from topic_votes v where v.tenant_id = t.tenant_id and v.topic_id = t.id and v.member_id = $2) as my_vote,
             (select array_agg(s.id order by s.starts_at) from sessions s where s.tenant_id = t.tenant_id and s.topic_id = t.id) as session_ids
           from topics t where t.tenant_id = $1 and t.group_id = $3 order by votes desc, t.created_at, t.id`,
          [viewer.tenantId, viewer.memberId, groupId],
        );
        return rows.map((r) => ({
          id: r.id,
          title: r.title,
          description: r.description,
          votes: Number(r.votes),
          my_vote: r.my_vote,
          session_ids: r.session_ids ?? [],
          created_at: iso(r.created_at),
        }));
      },

      async create(
        viewer: Viewer,
        groupId: string,
        input: { title: string; description: string },
        now: Date,
      ): Promise<string> {
        const id = newId('top');
        await db.query(
          'insert into topics (tenant_id, id, group_id, title, description, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7)',
          [
            viewer.tenantId,
            id,
            groupId,
            input.title,
            input.description,
            viewer.memberId ?? 'association',
            now,
          ],
        );
        return id;
      },

      /** Votes for a topic; each member has a few votes per group (`limit`). */
      async vote(
        viewer: Viewer,
        groupId: string,
        topicId: string,
        on: boolean,
        limit: number,
      ): Promise<void> {
        await db.transaction(async (tx) => {
          const topic = await tx.query(
            'select 1 from topics where tenant_id = $1 and id = $2 and group_id = $3',
            [viewer.tenantId, topicId, groupId],
          );
          if (!topic.length) throw notFound('topic');
          if (!on) {
            await tx.query(
              'delete from topic_votes where tenant_id = $1 and topic_id = $2 and member_id = $3',
              [viewer.tenantId, topicId, viewer.memberId],
            );
            return;
          }
          // Serialise one member's votes in a group so two at once cannot exceed the limit.
          await tx.query('select pg_advisory_xact_lock(hashtext($1))', [
            `${viewer.tenantId}/${groupId}/${viewer.memberId}`,
          ]);
          const mine = await tx.query<{ topic_id: string }>(
            'select topic_id from topic_votes where tenant_id = $1 and group_id = $2 and member_id = $3',
            [viewer.tenantId, groupId, viewer.memberId],
          );
          if (mine.some((v) => v.topic_id === topicId)) return;
          if (mine.length >= limit)
            throw new Problem(
              409,
              'vote_limit',
              `You have used your ${limit} votes in this group`,
              'Withdraw a vote to give it to another topic.',
            );
          await tx.query(
            'insert into topic_votes (tenant_id, topic_id, group_id, member_id) values ($1, $2, $3, $4)',
            [viewer.tenantId, topicId, groupId, viewer.memberId],
          );
        });
      },
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
