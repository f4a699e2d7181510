import type {
  ExpertTalkFromTopic,
  ModerationItem,
  ModerationQueueQuery,
  SeriesAttendance,
  SeriesOccurrence,
} from '../contract/desk.js';
import type { CreateSeries } from '../contract/sessions.js';
import { notFound, Problem } from '../problem.js';
import { finnishHolidayOn, HOLIDAY_NAMES } from '../time/holidays.js';
import { addLocal, localToUtc, utcToLocal } from '../time/local.js';
import { decodeCursor, encodeCursor, isCursorInstant, isCursorText } from './cursor.js';
import type { Db } from './db.js';
import { newId } from './ids.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Who moderates which boards: the association's (`''`) for staff, and the groups one facilitates. */
export interface Moderator {
  tenantId: string;
  memberId: string | null;
  /** Facilitator or admin role, or the association's server: moderates the association-wide board. */
  staff: boolean;
}

function endsAfter9999(starts: Date, minutes: number) {
  return new Date(starts.getTime() + minutes * 60_000).getUTCFullYear() > 9999;
}

/**
 * The facilitator desk's reads and writes that the resource stores did not have: a series
 * previewed with Finnish holidays, an expert talk made of a group's topic, attendance over a
 * series, and the moderation queue across a moderator's boards. Access (who manages the group) is
 * the route's question, answered before any of these run.
 */
export function deskStore(db: Db, changed: (tenantId: string) => void = () => undefined) {
  return {
    /** The occurrences `createSeries` would make, expanded the same way in local wall time; nothing is written. */
    previewSeries(input: CreateSeries): SeriesOccurrence[] {
      const zone = input.time_zone ?? 'Europe/Helsinki';
      const items: SeriesOccurrence[] = [];
      for (let i = 0; i < input.count; i++) {
        const starts = localToUtc(addLocal(input.first_start, i * 7 * input.every_weeks), zone);
        if (endsAfter9999(starts, input.duration_minutes))
          throw new Problem(
            422,
            'validation_failed',
            'The request body is invalid',
            'count: ends after 9999',
            {
              errors: [{ field: 'count', code: 'invalid_date', message: 'ends after the year 9999' }],
            },
          );
        const local = utcToLocal(starts, zone);
        const holiday = finnishHolidayOn(local.slice(0, 10));
        items.push({
          index: i,
          local_start: local,
          starts_at: iso(starts),
          ends_at: iso(new Date(starts.getTime() + input.duration_minutes * 60_000)),
          time_zone: zone,
          holiday: holiday ? { code: holiday, names: HOLIDAY_NAMES[holiday] } : null,
        });
      }
      return items;
    },

    /**
     * An expert talk for the whole association (an association event of kind `expert_talk`) on a
     * topic the group's members suggested; the topic then lists the talk among its sessions.
     */
    async expertTalkFromTopic(
      tenantId: string,
      groupId: string,
      topicId: string,
      input: ExpertTalkFromTopic,
      now: Date,
    ): Promise<string> {
      const id = await db.transaction(async (tx) => {
        const topic = await tx.query<{ title: string; description: string }>(
          'select title, description from topics where tenant_id = $1 and id = $2 and group_id = $3',
          [tenantId, topicId, groupId],
        );
        if (!topic[0]) throw notFound('topic');
        const zone = input.time_zone ?? 'Europe/Helsinki';
        const starts = localToUtc(input.start, zone);
        if (endsAfter9999(starts, input.duration_minutes))
          throw new Problem(
            422,
            'validation_failed',
            'The request body is invalid',
            'start: ends after 9999',
            {
              errors: [{ field: 'start', code: 'invalid_date', message: 'ends after the year 9999' }],
            },
          );
        const sessionId = newId('ses');
        await tx.query(
          `insert into sessions (tenant_id, id, group_id, scope, kind, title, theme, description, agenda, starts_at, ends_at, time_zone, local_start,
             meeting_url, place, speakers, capacity, topic_id, created_at, updated_at)
           values ($1, $2, null, $3, 'expert_talk', $4, null, $5, '', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
          [
            tenantId,
            sessionId,
            input.scope ?? 'members',
            input.title ?? topic[0].title,
            input.description ?? topic[0].description,
            starts,
            new Date(starts.getTime() + input.duration_minutes * 60_000),
            zone,
            utcToLocal(starts, zone),
            input.meeting_url ?? null,
            input.place ?? null,
            JSON.stringify(input.speakers ?? []),
            input.capacity ?? null,
            topicId,
            now,
          ],
        );
        return sessionId;
      });
      changed(tenantId);
      return id;
    },

    /**
     * Who came to a group's meetings that have started (one series, or all), oldest first, at most
     * the last 60: the group's members and anyone marked at one of them.
     */
    async attendance(
      tenantId: string,
      groupId: string,
      seriesId: string | undefined,
      now: Date,
    ): Promise<SeriesAttendance> {
      if (seriesId) {
        const found = await db.query(
          'select 1 from sessions where tenant_id = $1 and group_id = $2 and series_id = $3 limit 1',
          [tenantId, groupId, seriesId],
        );
        if (!found.length) throw notFound('series');
      }
      const sessions = (
        await db.query<{
          id: string;
          title: string;
          local_start: string;
          time_zone: string;
          series_id: string | null;
        }>(
          `select id, title, local_start, time_zone, series_id from sessions
           where tenant_id = $1 and group_id = $2 and status <> 'cancelled' and starts_at <= $3 and ($4::text is null or series_id = $4)
           order by starts_at desc, id desc limit 60`,
          [tenantId, groupId, now, seriesId ?? null],
        )
      ).reverse();
      const ids = sessions.map((s) => s.id);
      const marks = await db.query<{ member_id: string; session_id: string; attended: boolean | null }>(
        `select member_id, session_id, attended from rsvps where tenant_id = $1 and session_id = any($2::text[]) and attended is not null`,
        [tenantId, ids],
      );
      const people = await db.query<{ id: string; name: string }>(
        `select m.id, m.name from members m where m.tenant_id = $1 and (
           exists (select 1 from memberships ms where ms.tenant_id = m.tenant_id and ms.group_id = $2 and ms.member_id = m.id and ms.status = 'member')
           or m.id = any($3::text[]))
         order by m.name, m.id`,
        [tenantId, groupId, [...new Set(marks.map((m) => m.member_id))]],
      );
      const byMember = new Map<string, Map<string, boolean | null>>();
      for (const mark of marks) {
        const mine = byMember.get(mark.member_id) ?? new Map<string, boolean | null>();
        mine.set(mark.session_id, mark.attended);
        byMember.set(mark.member_id, mine);
      }
      return {
        sessions,
        members: people.map((person) => {
          const row = ids.map((id) => byMember.get(person.id)?.get(id) ?? null);
          return {
            member: { id: person.id, name: person.name },
            attended: row.filter((mark) => mark === true).length,
            marks: row,
          };
        }),
      };
    },

    /**
     * Reported or hidden posts (questions and answers) on the boards the moderator moderates,
     * newest first: the association's for staff, and each group they facilitate. A board they do
     * not moderate, named by `group`, is a 404.
     */
    async moderationQueue(
      viewer: Moderator,
      q: ModerationQueueQuery & { limit: number },
    ): Promise<{ items: ModerationItem[]; next_cursor: string | null }> {
      const boards = viewer.staff ? [''] : [];
      if (viewer.memberId) {
        const facilitated = await db.query<{ group_id: string }>(
          'select group_id from group_facilitators where tenant_id = $1 and member_id = $2',
          [viewer.tenantId, viewer.memberId],
        );
        boards.push(...facilitated.map((f) => f.group_id));
      }
      const wanted = q.group === undefined ? boards : boards.filter((b) => b === q.group);
      if (q.group !== undefined && !wanted.length) throw notFound('group');
      const params: unknown[] = [viewer.tenantId, wanted];
      let after = '';
      const cursor = decodeCursor<[string, string]>(
        q.cursor,
        2,
        ([at, id]) => isCursorInstant(at) && isCursorText(id),
      );
      if (cursor) {
        params.push(new Date(cursor[0]), cursor[1]);
        after = ` and (p.created_at, p.id) < ($3, $4)`;
      }
      params.push(q.limit + 1);
      const rows = await db.query<{
        id: string;
        question_id: string | null;
        question_title: string | null;
        group_id: string | null;
        group_name: string | null;
        body: string;
        language: ModerationItem['language'];
        anonymous: boolean;
        author_id: string | null;
        author_name: string | null;
        status: ModerationItem['status'];
        hidden_reason: ModerationItem['hidden_reason'];
        report_count: number;
        created_at: Date;
        edited_at: Date | null;
        last_reported_at: Date | null;
      }>(
        `select p.id, p.question_id, coalesce(p.title, qp.title) as question_title, p.group_id, g.name as group_name,
           p.body, p.language, p.anonymous, case when p.anonymous then null else p.author_id end as author_id,
           case when p.anonymous then null else m.name end as author_name, p.status, p.hidden_reason, p.report_count,
           p.created_at, p.edited_at,
           (select max(r.reported_at) from qa_reports r where r.tenant_id = p.tenant_id and r.post_id = p.id) as last_reported_at
         from qa_posts p
         left join qa_posts qp on qp.tenant_id = p.tenant_id and qp.id = p.question_id
         left join groups g on g.tenant_id = p.tenant_id and g.id = p.group_id
         left join members m on m.tenant_id = p.tenant_id and m.id = p.author_id
         where p.tenant_id = $1 and p.board = any($2::text[]) and (p.status = 'hidden' or p.report_count > 0)${after}
         order by p.created_at desc, p.id desc limit $${params.length}`,
        params,
      );
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const reasons = new Map<string, string[]>();
      if (page.length) {
        const reports = await db.query<{ post_id: string; reason: string }>(
          `select post_id, reason from qa_reports where tenant_id = $1 and post_id = any($2::text[]) and not reviewed order by reported_at, member_id`,
          [viewer.tenantId, page.map((r) => r.id)],
        );
        for (const r of reports) reasons.set(r.post_id, [...(reasons.get(r.post_id) ?? []), r.reason]);
      }
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          question_id: r.question_id,
          question_title: r.question_title ?? '',
          group_id: r.group_id,
          group_name: r.group_name,
          body: r.body,
          language: r.language,
          anonymous: r.anonymous,
          author: r.author_id && r.author_name !== null ? { id: r.author_id, name: r.author_name } : null,
          status: r.status,
          hidden_reason: r.hidden_reason,
          report_count: r.report_count,
          report_reasons: reasons.get(r.id) ?? [],
          created_at: iso(r.created_at),
          edited_at: r.edited_at ? iso(r.edited_at) : null,
          last_reported_at: r.last_reported_at ? iso(r.last_reported_at) : null,
        })),
        next_cursor: more && last ? encodeCursor([iso(last.created_at), last.id]) : null,
      };
    },
  };
}

export type DeskStore = ReturnType<typeof deskStore>;
