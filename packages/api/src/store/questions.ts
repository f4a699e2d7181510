import type {
  Answer,
  AnswerQuestion,
  AskQuestion,
  EditAnswer,
  EditQuestion,
  ListQuestionsQuery,
  PostVersion,
  Question,
  QuestionDetail,
  RevealedAuthor,
  RevealLogEntry,
  VoteResult,
  VoteValue,
} from '../contract/questions.js';
import { liveHub, type QaSignal } from '../live/hub.js';
import { invalidField, notFound, Problem } from '../problem.js';
import { badCursor, decodeCursor, encodeCursor, isCursorInstant } from './cursor.js';
import type { Db, Sql } from './db.js';
import { newId } from './ids.js';
import type { Role } from './members.js';
import type { Tenant } from './tenants.js';

type Language = Question['language'];

/** Who is asking. Boards, moderation and reveals depend on it. */
export interface QaViewer {
  tenant: Tenant;
  memberId: string | null;
  roles: Role[];
  locale: string | null;
  /** The association's server (secret key): moderates the association-wide board, never a group's. */
  server: boolean;
}

/** A post is a question (`answer` absent) or one of its answers. */
export interface PostRef {
  question: string;
  answer?: string;
}

/** What a viewer may do on a board. */
export interface BoardAccess {
  read: boolean;
  moderate: boolean;
}

/** The association's Q&A settings, from `tenants.settings`. */
export function qaSettings(tenant: Tenant) {
  const s = tenant.settings;
  const threshold = Number(s.qa_report_threshold);
  const language = s.default_language;
  return {
    /** Visitors may read the association-wide board (never a group's). */
    publicRead: s.qa_public_read === true,
    downvotes: s.qa_downvotes === true,
    /** Open reports that hide a post until a moderator reviews it. */
    reportThreshold: Number.isInteger(threshold) && threshold > 0 ? threshold : 3,
    defaultLanguage: (language === 'fi' || language === 'sv' || language === 'en'
      ? language
      : 'fi') as Language,
  };
}

interface PostRow {
  id: string;
  question_id: string | null;
  group_id: string | null;
  anonymous: boolean;
  title: string | null;
  body: string;
  tags: string[];
  language: Language;
  score: number;
  answer_count: number;
  accepted_answer_id: string | null;
  report_count: number;
  status: 'visible' | 'hidden';
  hidden_reason: 'reports' | 'moderator' | null;
  version: number;
  seq: string | number;
  created_at: Date;
  edited_at: Date | null;
  /** Null whenever the post is anonymous: the author's id never leaves the database for peers. */
  public_author_id: string | null;
  author_name: string | null;
  mine: boolean;
  my_vote: number | null;
  in_group?: boolean;
  facilitates?: boolean;
  question_status?: 'visible' | 'hidden' | null;
  question_mine?: boolean | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Columns of a post as the viewer `me` (a parameter such as `$2`) may see it. */
const COLUMNS = (
  me: string,
) => `p.id, p.question_id, p.group_id, p.anonymous, p.title, p.body, p.tags, p.language, p.score,
  p.answer_count, p.accepted_answer_id, p.report_count, p.status, p.hidden_reason, p.version, p.seq, p.created_at, p.edited_at,
  case when p.anonymous then null else p.author_id end as public_author_id,
  case when p.anonymous then null else m.name end as author_name,
  coalesce(p.author_id = ${me}::text, false) as mine,
  v.value as my_vote`;
const JOINS = (
  me: string,
) => `left join members m on not p.anonymous and m.tenant_id = p.tenant_id and m.id = p.author_id
  left join qa_votes v on v.tenant_id = p.tenant_id and v.post_id = p.id and v.member_id = ${me}::text`;
/** Whether `me` belongs to, or facilitates, the post's group, and the state of its question. */
const FLAGS = (
  me: string,
) => `(p.group_id is not null and exists (select 1 from memberships ms where ms.tenant_id = p.tenant_id
    and ms.group_id = p.group_id and ms.member_id = ${me}::text and ms.status = 'member')) as in_group,
  (p.group_id is not null and exists (select 1 from group_facilitators f where f.tenant_id = p.tenant_id
    and f.group_id = p.group_id and f.member_id = ${me}::text)) as facilitates,
  qp.status as question_status, coalesce(qp.author_id = ${me}::text, false) as question_mine`;

interface Shown {
  signedIn: boolean;
  moderate: boolean;
  reasons?: Map<string, string[]>;
}

function postFields(r: PostRow, shown: Shown) {
  return {
    id: r.id,
    group_id: r.group_id,
    body: r.body,
    language: r.language,
    author:
      r.public_author_id && r.author_name !== null ? { id: r.public_author_id, name: r.author_name } : null,
    anonymous: r.anonymous,
    ...(shown.signedIn
      ? { mine: r.mine, my_vote: r.my_vote === 1 || r.my_vote === -1 ? (r.my_vote as VoteValue) : null }
      : {}),
    score: r.score,
    status: r.status,
    ...(shown.moderate
      ? {
          moderation: {
            report_count: r.report_count,
            hidden_reason: r.hidden_reason,
            ...(shown.reasons ? { report_reasons: shown.reasons.get(r.id) ?? [] } : {}),
          },
        }
      : {}),
    created_at: iso(r.created_at),
    edited_at: r.edited_at ? iso(r.edited_at) : null,
  };
}

const toQuestion = (r: PostRow, shown: Shown): Question => ({
  ...postFields(r, shown),
  title: r.title ?? '',
  tags: r.tags,
  answer_count: r.answer_count,
  accepted_answer_id: r.accepted_answer_id,
});

const toAnswer = (r: PostRow, shown: Shown, acceptedId: string | null): Answer => ({
  ...postFields(r, shown),
  question_id: r.question_id!,
  accepted: acceptedId === r.id,
});

const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Questions, answers, votes, moderation, edit history, reveals and the live signals of the Q&A boards. */
export function questionStore(db: Db, changed: (tenantId: string) => void = () => undefined) {
  const live = liveHub(db, {
    async latestSeq() {
      const rows = await db.query<{ seq: string | null }>('select max(seq) as seq from qa_posts');
      return Number(rows[0]?.seq ?? 0);
    },
    async createdAfter(afterSeq) {
      const rows = await db.query<{
        tenant_id: string;
        board: string;
        id: string;
        question_id: string | null;
        seq: string;
      }>(
        `select tenant_id, board, id, question_id, seq from qa_posts
       where seq > $1 and status = 'visible' order by seq limit 1000`,
        [afterSeq],
      );
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        groupId: r.board === '' ? null : r.board,
        kind: 'created' as const,
        postId: r.id,
        questionId: r.question_id,
        seq: Number(r.seq),
      }));
    },
  });

  /** Runs a write in one transaction; its signals reach the live streams when it commits. */
  async function write<T>(
    tenantId: string,
    fn: (tx: Sql, signal: (s: Omit<QaSignal, 'tenantId'>) => void) => Promise<T>,
  ): Promise<T> {
    const signals: QaSignal[] = [];
    const result = await db.transaction(async (tx) => {
      const value = await fn(tx, (s) => signals.push({ tenantId, ...s }));
      await live.stage(tx, signals);
      return value;
    });
    changed(tenantId);
    live.committed(signals);
    return result;
  }

  /** The association-wide board: its members read and write, facilitators and admins moderate. */
  function associationAccess(viewer: QaViewer): BoardAccess {
    const staff =
      viewer.server ||
      (viewer.memberId !== null && viewer.roles.some((role) => role === 'facilitator' || role === 'admin'));
    return {
      read: viewer.memberId !== null || viewer.server || qaSettings(viewer.tenant).publicRead,
      moderate: staff,
    };
  }

  /** What the viewer may do on a board; `read: false` for a group that does not exist. */
  async function access(sql: Sql, viewer: QaViewer, groupId: string | null): Promise<BoardAccess> {
    if (groupId === null) return associationAccess(viewer);
    if (!viewer.memberId) return { read: false, moderate: false };
    const rows = await sql.query<{ member: boolean; facilitator: boolean }>(
      `select exists (select 1 from memberships where tenant_id = $1 and group_id = $2 and member_id = $3 and status = 'member') as member,
              exists (select 1 from group_facilitators where tenant_id = $1 and group_id = $2 and member_id = $3) as facilitator
       from groups where tenant_id = $1 and id = $2`,
      [viewer.tenant.id, groupId, viewer.memberId],
    );
    const row = rows[0];
    return { read: Boolean(row && (row.member || row.facilitator)), moderate: Boolean(row?.facilitator) };
  }

  function accessOf(viewer: QaViewer, row: PostRow): BoardAccess {
    if (row.group_id === null) return associationAccess(viewer);
    return { read: Boolean(row.in_group || row.facilitates), moderate: Boolean(row.facilitates) };
  }

  /**
   * One post as the viewer may see it, or a 404 that says nothing about why: another board, a
   * hidden post, or no such post look the same. `lock` takes the post's row for the rest of the
   * transaction; what is joined to it (my vote, the question's state) may predate the lock.
   */
  async function load(
    sql: Sql,
    viewer: QaViewer,
    ref: PostRef,
    lock = false,
  ): Promise<{ row: PostRow; access: BoardAccess }> {
    const id = ref.answer ?? ref.question;
    const what = ref.answer ? 'answer' : 'question';
    if (!ID.test(id) || !ID.test(ref.question)) throw notFound(what);
    const rows = await sql.query<PostRow>(
      `select ${COLUMNS('$2')}, ${FLAGS('$2')}
       from qa_posts p ${JOINS('$2')}
       left join qa_posts qp on qp.tenant_id = p.tenant_id and qp.id = p.question_id
       where p.tenant_id = $1 and p.id = $3${lock ? ' for update of p' : ''}`,
      [viewer.tenant.id, viewer.memberId, id],
    );
    const row = rows[0];
    if (!row) throw notFound(what);
    if (ref.answer ? row.question_id !== ref.question : row.question_id !== null) throw notFound(what);
    const board = accessOf(viewer, row);
    if (!board.read) throw notFound(what);
    if (row.status === 'hidden' && !board.moderate && !row.mine) throw notFound(what);
    if (row.question_status === 'hidden' && !board.moderate && !row.question_mine) throw notFound(what);
    return { row, access: board };
  }

  function languageOf(viewer: QaViewer, explicit: Language | undefined): Language {
    if (explicit) return explicit;
    const locale = viewer.locale?.slice(0, 2).toLowerCase();
    if (locale === 'fi' || locale === 'sv' || locale === 'en') return locale;
    return qaSettings(viewer.tenant).defaultLanguage;
  }

  const requireAuthor = (row: PostRow) => {
    if (!row.mine) throw new Problem(403, 'not_author', 'Only the author can do this');
  };
  const requireModerator = (board: BoardAccess) => {
    if (!board.moderate)
      throw new Problem(
        403,
        'forbidden',
        'Only the board’s moderators can do this',
        'The group’s facilitators moderate a group’s board; facilitators and admins the association’s.',
      );
  };
  const signalOf = (row: PostRow, kind: QaSignal['kind']): Omit<QaSignal, 'tenantId'> => ({
    groupId: row.group_id,
    kind,
    postId: row.id,
    questionId: row.question_id,
    seq: kind === 'created' ? Number(row.seq) : null,
  });

  /** A visible answer leaving or entering the count of its question ("unanswered" reads it). */
  async function countAnswer(tx: Sql, tenantId: string, row: PostRow, delta: 1 | -1) {
    if (!row.question_id) return;
    await tx.query(
      `update qa_posts set answer_count = answer_count + $3,
         accepted_answer_id = case when $3 < 0 and accepted_answer_id = $4 then null else accepted_answer_id end
       where tenant_id = $1 and id = $2`,
      [tenantId, row.question_id, delta, row.id],
    );
  }

  /** Writes an edit of a post; the version it replaces goes to the history. */
  async function writeEdit(viewer: QaViewer, ref: PostRef, input: EditQuestion | EditAnswer, now: Date) {
    await write(viewer.tenant.id, async (tx, signal) => {
      const { row } = await load(tx, viewer, ref, true);
      requireAuthor(row);
      const edit = input as EditQuestion;
      await tx.query(
        `insert into qa_post_versions (tenant_id, post_id, version, title, body, tags, language, written_at)
         select tenant_id, id, version, title, body, tags, language, coalesce(edited_at, created_at) from qa_posts where tenant_id = $1 and id = $2`,
        [viewer.tenant.id, row.id],
      );
      await tx.query(
        `update qa_posts set title = coalesce($3, title), body = coalesce($4, body), tags = coalesce($5, tags), language = coalesce($6, language),
           version = version + 1, edited_at = $7
         where tenant_id = $1 and id = $2`,
        [
          viewer.tenant.id,
          row.id,
          ref.answer ? null : (edit.title ?? null),
          edit.body ?? null,
          ref.answer || !edit.tags ? null : [...new Set(edit.tags)],
          edit.language ?? null,
          now,
        ],
      );
      if (row.status === 'visible') signal(signalOf(row, 'updated'));
    });
  }

  async function view(sql: Sql, viewer: QaViewer, ref: PostRef): Promise<Question | Answer> {
    const { row, access: board } = await load(sql, viewer, ref);
    const shown = { signedIn: viewer.memberId !== null, moderate: board.moderate };
    if (!row.question_id) return toQuestion(row, shown);
    const accepted = await sql.query<{ accepted_answer_id: string | null }>(
      'select accepted_answer_id from qa_posts where tenant_id = $1 and id = $2',
      [viewer.tenant.id, row.question_id],
    );
    return toAnswer(row, shown, accepted[0]?.accepted_answer_id ?? null);
  }

  /** Renders the post a signal is about as any peer sees it, once per signal in this process. */
  const peerViews = new WeakMap<QaSignal, Promise<Question | Answer | null>>();
  function peerView(signal: QaSignal): Promise<Question | Answer | null> {
    let pending = peerViews.get(signal);
    if (!pending) {
      pending = (async () => {
        const rows = await db.query<PostRow & { accepted: string | null }>(
          `select ${COLUMNS('$2')}, qp.accepted_answer_id as accepted, qp.status as question_status
           from qa_posts p ${JOINS('$2')}
           left join qa_posts qp on qp.tenant_id = p.tenant_id and qp.id = p.question_id
           where p.tenant_id = $1 and p.id = $3`,
          [signal.tenantId, null, signal.postId],
        );
        const row = rows[0];
        if (!row || row.status !== 'visible' || row.question_status === 'hidden') return null;
        const shown = { signedIn: false, moderate: false };
        return row.question_id ? toAnswer(row, shown, row.accepted) : toQuestion(row, shown);
      })();
      peerViews.set(signal, pending);
    }
    return pending;
  }

  /**
   * Who may read a group's board as the signal is delivered (its members and facilitators, as in
   * `access`), asked once per signal in this process however many of its streams follow the board.
   */
  const boardReaders = new WeakMap<QaSignal, Promise<Set<string>>>();
  function readersOf(signal: QaSignal, groupId: string): Promise<Set<string>> {
    let pending = boardReaders.get(signal);
    if (!pending) {
      pending = db
        .query<{ member_id: string }>(
          `select member_id from memberships where tenant_id = $1 and group_id = $2 and status = 'member'
           union select member_id from group_facilitators where tenant_id = $1 and group_id = $2`,
          [signal.tenantId, groupId],
        )
        .then((rows) => new Set(rows.map((r) => r.member_id)));
      boardReaders.set(signal, pending);
    }
    return pending;
  }

  /** Answers a question shows at once; more come page by page from `answers()`. */
  const ANSWERS_AT_ONCE = 200;
  /** Before every answer: where a page that held only the accepted answer continues. */
  const FIRST_ANSWER_TIME = '0001-01-01T00:00:00.000Z';

  /**
   * A page of a question's answers the viewer may read, oldest first: the accepted answer leads the
   * first page, and `after` (the creation time and id an earlier page ended on) continues past it.
   */
  async function answerPage(
    viewer: QaViewer,
    row: PostRow,
    moderate: boolean,
    after: [Date, string] | null,
    limit: number,
  ): Promise<{ rows: PostRow[]; next_cursor: string | null }> {
    const params: unknown[] = [viewer.tenant.id, viewer.memberId, row.id, moderate, row.accepted_answer_id];
    let from = '';
    if (after) {
      params.push(after[0], after[1]);
      from = 'and p.id is distinct from $5::text and (p.created_at, p.id) > ($6, $7)';
    }
    params.push(limit + 1);
    const rows = await db.query<PostRow>(
      `select ${COLUMNS('$2')} from qa_posts p ${JOINS('$2')}
       where p.tenant_id = $1 and p.question_id = $3 and (p.status = 'visible' or $4::boolean or p.author_id = $2::text) ${from}
       order by (p.id = $5::text) desc, p.created_at, p.id limit $${params.length}`,
      params,
    );
    if (rows.length <= limit) return { rows, next_cursor: null };
    const page = rows.slice(0, limit);
    // A page that holds only the accepted answer continues from the oldest of the others.
    const last = page.filter((a) => a.id !== row.accepted_answer_id).at(-1);
    const next = last ? [last.created_at.toISOString(), last.id] : [FIRST_ANSWER_TIME, ''];
    return { rows: page, next_cursor: encodeCursor(next) };
  }

  /** The moderators' view of reports and how a post is shown to this viewer. */
  async function shownTo(viewer: QaViewer, moderate: boolean, postIds: string[]) {
    let reasons: Map<string, string[]> | undefined;
    if (moderate) {
      reasons = new Map();
      const reports = await db.query<{ post_id: string; reason: string }>(
        `select post_id, reason from qa_reports where tenant_id = $1 and post_id = any($2::text[]) and not reviewed order by reported_at, member_id`,
        [viewer.tenant.id, postIds],
      );
      for (const r of reports) reasons.set(r.post_id, [...(reasons.get(r.post_id) ?? []), r.reason]);
    }
    return { signedIn: viewer.memberId !== null, moderate, reasons };
  }

  /** A question with its first answers: the accepted one first, then oldest first. */
  async function get(viewer: QaViewer, questionId: string): Promise<QuestionDetail> {
    const { row, access: board } = await load(db, viewer, { question: questionId });
    const answers = await answerPage(viewer, row, board.moderate, null, ANSWERS_AT_ONCE);
    const shown = await shownTo(viewer, board.moderate, [row.id, ...answers.rows.map((a) => a.id)]);
    return {
      ...toQuestion(row, shown),
      answers: answers.rows.map((a) => toAnswer(a, shown, row.accepted_answer_id)),
      answers_next_cursor: answers.next_cursor,
      can_accept: viewer.memberId !== null && (row.mine || board.moderate),
      can_moderate: board.moderate,
    };
  }

  return {
    /** More of a question's answers, after the page `get()` or an earlier call ended on. */
    async answers(
      viewer: QaViewer,
      questionId: string,
      page: { cursor?: string | undefined; limit: number },
    ): Promise<{ items: Answer[]; next_cursor: string | null }> {
      const { row, access: board } = await load(db, viewer, { question: questionId });
      const cursor = decodeCursor<[string, string]>(
        page.cursor,
        2,
        ([at, id]) => isCursorInstant(at) && typeof id === 'string' && (ID.test(id) || id === ''),
      );
      const after: [Date, string] | null = cursor ? [new Date(cursor[0]), cursor[1]] : null;
      const answers = await answerPage(viewer, row, board.moderate, after, page.limit);
      const shown = await shownTo(
        viewer,
        board.moderate,
        answers.rows.map((a) => a.id),
      );
      return {
        items: answers.rows.map((a) => toAnswer(a, shown, row.accepted_answer_id)),
        next_cursor: answers.next_cursor,
      };
    },

    /** What the viewer may do on a board (the association's when `groupId` is null). */
    access: (viewer: QaViewer, groupId: string | null) => access(db, viewer, groupId),

    /**
     * One page of a board's questions, newest or by votes, unanswered only, by tag or by full-text
     * search, in one query over an index that leads with the tenant.
     */
    async list(
      viewer: QaViewer,
      q: ListQuestionsQuery & { limit: number },
    ): Promise<{ items: Question[]; next_cursor: string | null }> {
      const groupId = q.group ?? null;
      const board = await access(db, viewer, groupId);
      if (!board.read) {
        if (groupId) throw notFound('group');
        throw new Problem(
          401,
          'sign_in_required',
          'Sign in to read the questions',
          'The association’s board is for its members.',
          { headers: { 'www-authenticate': 'Bearer' } },
        );
      }
      const hidden = q.status === 'hidden';
      if (hidden && !board.moderate)
        throw new Problem(403, 'forbidden', 'Only the board’s moderators see hidden posts');
      const sort = q.sort ?? 'newest';
      const params: unknown[] = [viewer.tenant.id, viewer.memberId];
      const where = ['p.tenant_id = $1', 'p.question_id is null'];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      add((p) => `p.board = ${p}`, groupId ?? '');
      if (hidden) {
        // The review queue: questions hidden themselves or holding a hidden answer (hidden posts are few).
        where.push(
          `p.id in (select coalesce(h.question_id, h.id) from qa_posts h where h.tenant_id = $1 and h.board = $3 and h.status = 'hidden')`,
        );
      } else {
        where.push(`p.status = 'visible'`);
      }
      if (!hidden && sort === 'unanswered') where.push('p.answer_count = 0');
      if (q.tag) add((p) => `p.tags @> array[${p}::text]`, q.tag);
      if (q.q) {
        // One query, three stemmers: a post matches in its own language, and the GIN indexes serve it.
        // A listed question is found by its own words or by those of a visible answer under it; the
        // two halves are separate index reads (an OR over both would walk the whole board).
        add((p) => {
          const query = `(websearch_to_tsquery('finnish', ${p}) || websearch_to_tsquery('swedish', ${p}) || websearch_to_tsquery('english', ${p}))`;
          if (hidden) return `p.search @@ ${query}`;
          const questions = `select q.id from qa_posts q where q.tenant_id = $1 and q.question_id is null and q.status = 'visible' and q.search @@ ${query}`;
          const answered = `select a.question_id from qa_posts a where a.tenant_id = $1 and a.question_id is not null and a.status = 'visible' and a.search @@ ${query}`;
          return `p.id in (${questions} union ${answered})`;
        }, q.q);
      }
      const byVotes = sort === 'votes' && !hidden;
      const cursor = decodeCursor<unknown[]>(q.cursor, byVotes ? 4 : 3);
      if (cursor) {
        const [tag, ...keys] = cursor;
        if (byVotes) {
          const [score, at, id] = keys;
          if (
            tag !== 'v' ||
            !Number.isSafeInteger(score) ||
            !isCursorInstant(at) ||
            typeof id !== 'string' ||
            !ID.test(id)
          )
            throw badCursor();
          params.push(score, new Date(at), id);
          where.push(
            `(p.score, p.created_at, p.id) < ($${params.length - 2}, $${params.length - 1}, $${params.length})`,
          );
        } else {
          const [at, id] = keys;
          if (tag !== 'n' || !isCursorInstant(at) || typeof id !== 'string' || !ID.test(id))
            throw badCursor();
          params.push(new Date(at), id);
          where.push(`(p.created_at, p.id) < ($${params.length - 1}, $${params.length})`);
        }
      }
      params.push(q.limit + 1);
      const order = byVotes ? 'p.score desc, p.created_at desc, p.id desc' : 'p.created_at desc, p.id desc';
      const rows = await db.query<PostRow>(
        `select ${COLUMNS('$2')} from qa_posts p ${JOINS('$2')} where ${where.join(' and ')} order by ${order} limit $${params.length}`,
        params,
      );
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const last = page.at(-1);
      const shown = { signedIn: viewer.memberId !== null, moderate: board.moderate };
      let next: string | null = null;
      if (more && last)
        next = encodeCursor(
          byVotes ? ['v', last.score, iso(last.created_at), last.id] : ['n', iso(last.created_at), last.id],
        );
      return { items: page.map((r) => toQuestion(r, shown)), next_cursor: next };
    },

    get,

    async ask(viewer: QaViewer, memberId: string, input: AskQuestion, now: Date): Promise<string> {
      const groupId = input.group_id ?? null;
      if (!(await access(db, viewer, groupId)).read) throw notFound(groupId ? 'group' : 'board');
      const id = newId('qst');
      await write(viewer.tenant.id, async (tx, signal) => {
        const rows = await tx.query<{ seq: string }>(
          `insert into qa_posts (tenant_id, id, group_id, author_id, anonymous, title, body, tags, language, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning seq`,
          [
            viewer.tenant.id,
            id,
            groupId,
            memberId,
            input.anonymous ?? false,
            input.title,
            input.body,
            [...new Set(input.tags ?? [])],
            languageOf(viewer, input.language),
            now,
          ],
        );
        signal({ groupId, kind: 'created', postId: id, questionId: null, seq: Number(rows[0]!.seq) });
      });
      return id;
    },

    async answer(
      viewer: QaViewer,
      memberId: string,
      questionId: string,
      input: AnswerQuestion,
      now: Date,
    ): Promise<Answer> {
      const id = newId('ans');
      await write(viewer.tenant.id, async (tx, signal) => {
        const { row } = await load(tx, viewer, { question: questionId }, true);
        if (row.status !== 'visible')
          throw new Problem(409, 'post_hidden', 'This question is hidden pending review');
        const rows = await tx.query<{ seq: string }>(
          `insert into qa_posts (tenant_id, id, question_id, group_id, author_id, anonymous, body, language, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning seq`,
          [
            viewer.tenant.id,
            id,
            questionId,
            row.group_id,
            memberId,
            input.anonymous ?? false,
            input.body,
            languageOf(viewer, input.language),
            now,
          ],
        );
        await tx.query(
          'update qa_posts set answer_count = answer_count + 1 where tenant_id = $1 and id = $2',
          [viewer.tenant.id, questionId],
        );
        signal({ groupId: row.group_id, kind: 'created', postId: id, questionId, seq: Number(rows[0]!.seq) });
      });
      return (await view(db, viewer, { question: questionId, answer: id })) as Answer;
    },

    /** The author changes their question; the version it replaces goes to the history. */
    async editQuestion(viewer: QaViewer, id: string, input: EditQuestion, now: Date): Promise<Question> {
      await writeEdit(viewer, { question: id }, input, now);
      return (await view(db, viewer, { question: id })) as Question;
    },

    /** The author changes their answer; the version it replaces goes to the history. */
    async editAnswer(
      viewer: QaViewer,
      ref: Required<PostRef>,
      input: EditAnswer,
      now: Date,
    ): Promise<Answer> {
      await writeEdit(viewer, ref, input, now);
      return (await view(db, viewer, ref)) as Answer;
    },

    /** The author, or the board's moderators, delete a post; a question takes its answers along. */
    async remove(viewer: QaViewer, ref: PostRef): Promise<void> {
      await write(viewer.tenant.id, async (tx, signal) => {
        const { row, access: board } = await load(tx, viewer, ref, true);
        if (!row.mine && !board.moderate)
          throw new Problem(403, 'forbidden', 'Only the author or the board’s moderators can delete this');
        if (row.status === 'visible') await countAnswer(tx, viewer.tenant.id, row, -1);
        else if (row.question_id) {
          await tx.query(
            'update qa_posts set accepted_answer_id = null where tenant_id = $1 and id = $2 and accepted_answer_id = $3',
            [viewer.tenant.id, row.question_id, row.id],
          );
        }
        await tx.query('delete from qa_posts where tenant_id = $1 and id = $2', [viewer.tenant.id, row.id]);
        signal(signalOf(row, 'removed'));
      });
    },

    /** One vote per member per post: a new value replaces the old one. */
    async vote(
      viewer: QaViewer,
      memberId: string,
      ref: PostRef,
      value: VoteValue | null,
      now: Date,
    ): Promise<VoteResult> {
      return write(viewer.tenant.id, async (tx) => {
        const { row } = await load(tx, viewer, ref, true);
        if (value !== null) {
          if (row.mine) throw new Problem(403, 'own_post', 'You cannot vote on your own post');
          if (value === -1 && !qaSettings(viewer.tenant).downvotes) {
            throw invalidField(
              {
                field: 'value',
                code: 'not_allowed',
                message: 'this association does not use downvotes; vote 1 or withdraw your vote',
              },
              'downvotes_disabled',
            );
          }
          if (row.status !== 'visible')
            throw new Problem(409, 'post_hidden', 'This post is hidden pending review');
        }
        // Read after the row lock: a concurrent vote of the same member committed while we waited.
        const previous = await tx.query<{ value: number }>(
          'select value from qa_votes where tenant_id = $1 and post_id = $2 and member_id = $3',
          [viewer.tenant.id, row.id, memberId],
        );
        const old = previous[0]?.value ?? 0;
        if (value === null) {
          await tx.query('delete from qa_votes where tenant_id = $1 and post_id = $2 and member_id = $3', [
            viewer.tenant.id,
            row.id,
            memberId,
          ]);
        } else {
          await tx.query(
            `insert into qa_votes (tenant_id, post_id, member_id, value, voted_at) values ($1, $2, $3, $4, $5)
             on conflict (tenant_id, post_id, member_id) do update set value = excluded.value, voted_at = excluded.voted_at`,
            [viewer.tenant.id, row.id, memberId, value, now],
          );
        }
        const rows = await tx.query<{ score: number }>(
          'update qa_posts set score = score + $3 where tenant_id = $1 and id = $2 returning score',
          [viewer.tenant.id, row.id, (value ?? 0) - old],
        );
        return { score: rows[0]!.score, my_vote: value };
      });
    },

    /** The asker or a moderator marks one answer accepted (or none with `null`). */
    async accept(viewer: QaViewer, questionId: string, answerId: string | null): Promise<QuestionDetail> {
      await write(viewer.tenant.id, async (tx, signal) => {
        const { row, access: board } = await load(tx, viewer, { question: questionId }, true);
        if (!row.mine && !board.moderate)
          throw new Problem(
            403,
            'forbidden',
            'Only the asker or the board’s moderators can accept an answer',
          );
        if (answerId !== null) {
          const answer = await tx.query(
            'select 1 from qa_posts where tenant_id = $1 and id = $2 and question_id = $3 and status = $4',
            [viewer.tenant.id, answerId, questionId, 'visible'],
          );
          if (!answer.length)
            throw invalidField({
              field: 'answer_id',
              code: 'not_found',
              message: 'not an answer of this question',
            });
        }
        await tx.query('update qa_posts set accepted_answer_id = $3 where tenant_id = $1 and id = $2', [
          viewer.tenant.id,
          questionId,
          answerId,
        ]);
        if (row.status === 'visible') signal(signalOf(row, 'updated'));
      });
      return get(viewer, questionId);
    },

    /** A member reports a post once; enough open reports hide it until a moderator reviews it. */
    async report(viewer: QaViewer, memberId: string, ref: PostRef, reason: string, now: Date): Promise<void> {
      await write(viewer.tenant.id, async (tx, signal) => {
        const { row } = await load(tx, viewer, ref, true);
        if (row.mine) throw new Problem(403, 'own_post', 'You cannot report your own post');
        const added = await tx.query(
          `insert into qa_reports (tenant_id, post_id, member_id, reason, reported_at) values ($1, $2, $3, $4, $5)
           on conflict (tenant_id, post_id, member_id) do nothing returning post_id`,
          [viewer.tenant.id, row.id, memberId, reason, now],
        );
        if (!added.length) return;
        const rows = await tx.query<{ report_count: number }>(
          'update qa_posts set report_count = report_count + 1 where tenant_id = $1 and id = $2 returning report_count',
          [viewer.tenant.id, row.id],
        );
        if (row.status === 'visible' && rows[0]!.report_count >= qaSettings(viewer.tenant).reportThreshold) {
          await tx.query(
            `update qa_posts set status = 'hidden', hidden_reason = 'reports' where tenant_id = $1 and id = $2`,
            [viewer.tenant.id, row.id],
          );
          await countAnswer(tx, viewer.tenant.id, row, -1);
          signal(signalOf(row, 'removed'));
        }
      });
    },

    async hide(viewer: QaViewer, ref: PostRef): Promise<Question | Answer> {
      await write(viewer.tenant.id, async (tx, signal) => {
        const { row, access: board } = await load(tx, viewer, ref, true);
        requireModerator(board);
        if (row.status === 'hidden') return;
        await tx.query(
          `update qa_posts set status = 'hidden', hidden_reason = 'moderator' where tenant_id = $1 and id = $2`,
          [viewer.tenant.id, row.id],
        );
        await countAnswer(tx, viewer.tenant.id, row, -1);
        signal(signalOf(row, 'removed'));
      });
      return view(db, viewer, ref);
    },

    /** Shows a hidden post again; its open reports count as reviewed. */
    async restore(viewer: QaViewer, ref: PostRef): Promise<Question | Answer> {
      await write(viewer.tenant.id, async (tx, signal) => {
        const { row, access: board } = await load(tx, viewer, ref, true);
        requireModerator(board);
        await tx.query(
          'update qa_reports set reviewed = true where tenant_id = $1 and post_id = $2 and not reviewed',
          [viewer.tenant.id, row.id],
        );
        await tx.query(
          `update qa_posts set status = 'visible', hidden_reason = null, report_count = 0 where tenant_id = $1 and id = $2`,
          [viewer.tenant.id, row.id],
        );
        if (row.status === 'hidden') {
          await countAnswer(tx, viewer.tenant.id, row, 1);
          signal(signalOf(row, 'updated'));
        }
      });
      return view(db, viewer, ref);
    },

    /** Every version of a post, oldest first, the current one last (the author and moderators). */
    async history(viewer: QaViewer, ref: PostRef): Promise<PostVersion[]> {
      const { row, access: board } = await load(db, viewer, ref);
      if (!row.mine && !board.moderate)
        throw new Problem(
          403,
          'forbidden',
          'Only the author and the board’s moderators can read the history',
        );
      const rows = await db.query<{
        version: number;
        title: string | null;
        body: string;
        tags: string[];
        language: Language;
        written_at: Date;
      }>(
        `select version, title, body, tags, language, written_at from qa_post_versions where tenant_id = $1 and post_id = $2
         union all
         select version, title, body, tags, language, coalesce(edited_at, created_at) from qa_posts where tenant_id = $1 and id = $2
         order by version`,
        [viewer.tenant.id, row.id],
      );
      return rows.map((r) => ({
        version: r.version,
        title: r.title,
        body: r.body,
        tags: r.tags,
        language: r.language,
        written_at: iso(r.written_at),
      }));
    },

    /** Names the author of a post for a moderator, and records who asked, when and why. */
    async reveal(
      viewer: QaViewer,
      memberId: string,
      ref: PostRef,
      reason: string,
      now: Date,
    ): Promise<RevealedAuthor> {
      return db.transaction(async (tx) => {
        const { row, access: board } = await load(tx, viewer, ref);
        requireModerator(board);
        const authors = await tx.query<{ id: string; name: string }>(
          'select m.id, m.name from qa_posts p join members m on m.tenant_id = p.tenant_id and m.id = p.author_id where p.tenant_id = $1 and p.id = $2',
          [viewer.tenant.id, row.id],
        );
        await tx.query(
          `insert into qa_reveals (tenant_id, id, post_id, question_id, group_id, revealed_by, reason, revealed_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            viewer.tenant.id,
            newId('rvl'),
            row.id,
            row.question_id ?? row.id,
            row.group_id,
            memberId,
            reason,
            now,
          ],
        );
        return { post_id: row.id, author: authors[0]!, revealed_at: iso(now) };
      });
    },

    /** The reveal log, newest first (admins). */
    async reveals(
      tenantId: string,
      page: { cursor?: string | undefined; limit: number },
    ): Promise<{ items: RevealLogEntry[]; next_cursor: string | null }> {
      const params: unknown[] = [tenantId];
      let after = '';
      const cursor = decodeCursor<unknown[]>(page.cursor, 2);
      if (cursor) {
        const [at, id] = cursor;
        if (!isCursorInstant(at) || typeof id !== 'string' || !ID.test(id)) throw badCursor();
        params.push(new Date(at), id);
        after = 'and (r.revealed_at, r.id) < ($2, $3)';
      }
      params.push(page.limit + 1);
      const rows = await db.query<{
        id: string;
        post_id: string;
        question_id: string;
        group_id: string | null;
        revealed_by: string;
        name: string;
        reason: string;
        revealed_at: Date;
      }>(
        `select r.id, r.post_id, r.question_id, r.group_id, r.revealed_by, m.name, r.reason, r.revealed_at
         from qa_reveals r join members m on m.tenant_id = r.tenant_id and m.id = r.revealed_by
         where r.tenant_id = $1 ${after} order by r.revealed_at desc, r.id desc limit $${params.length}`,
        params,
      );
      const more = rows.length > page.limit;
      const items = (more ? rows.slice(0, page.limit) : rows).map((r) => ({
        id: r.id,
        post_id: r.post_id,
        question_id: r.question_id,
        group_id: r.group_id,
        revealed_by: { id: r.revealed_by, name: r.name },
        reason: r.reason,
        revealed_at: iso(r.revealed_at),
      }));
      const last = items.at(-1);
      return { items, next_cursor: more && last ? encodeCursor([last.revealed_at, last.id]) : null };
    },

    /** Posts written on a board after `seq` (a reconnecting live client's Last-Event-ID), oldest first. */
    async since(tenantId: string, groupId: string | null, seq: number, limit = 100): Promise<QaSignal[]> {
      const rows = await db.query<{ id: string; question_id: string | null; seq: string }>(
        `select id, question_id, seq from qa_posts
         where tenant_id = $1 and board = $2 and seq > $3 and status = 'visible'
         order by seq limit $4`,
        [tenantId, groupId ?? '', seq, limit],
      );
      return rows.map((r) => ({
        tenantId,
        groupId,
        kind: 'created',
        postId: r.id,
        questionId: r.question_id,
        seq: Number(r.seq),
      }));
    },

    peerView,
    /** Whether the viewer may still read the board a live signal is about (shared per signal). */
    async mayReadSignal(viewer: QaViewer, signal: QaSignal): Promise<boolean> {
      if (signal.groupId === null) return associationAccess(viewer).read;
      if (viewer.memberId === null) return false;
      return (await readersOf(signal, signal.groupId)).has(viewer.memberId);
    },
    /** Live board changes committed from now on, from every API process. */
    subscribe: live.subscribe,
  };
}

export type QuestionStore = ReturnType<typeof questionStore>;
