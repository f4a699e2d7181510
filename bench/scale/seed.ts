/**
 * Seeds a PostgreSQL database with `count` associations shaped like a real one, by SQL
 * (INSERT … SELECT generate_series), never through the HTTP API. Each association has:
 *
 * - 1,200 members, 10 facilitators and an admin;
 * - 100 open, running groups: every even-numbered one full (12 members) with 3 on its waitlist,
 *   the others 8 to 11 members; each group has one facilitator;
 * - 20 meetings per group (a series every 3 weeks, the tenth about today), the four around today
 *   with every member's RSVP (the two past ones with attendance), `yes_count` agreeing;
 * - 20 association events (members-only and public expert talks) over the coming 20 weeks;
 * - 100 Q&A posts per group board (60 questions, 40 of them answered once) and as many on the
 *   association-wide board.
 *
 * Rows satisfy every constraint and counter the API relies on (member_count, waitlist_count,
 * next_waitlist_seq, yes_count, answer_count, local_start in the session's zone). Foreign keys
 * are not checked row by row while loading (session_replication_role = replica: the ids are
 * generated consistently) and secondary indexes are built once at the end, as a restore does.
 *
 * Usage: DATABASE_URL=postgres://…/ekollega_scale node --import tsx bench/scale/seed.ts <count> [--reuse]
 * The database is dropped and created anew (its name must contain `scale`, so the tests' database
 * is never touched); with --reuse a database already holding `count` associations is kept as it is.
 * Prints one JSON line: { associations, seconds, bytes, reused }.
 */
import { openDb } from '../../packages/api/src/store/db.js';
import { openStore, type Sql } from '../../packages/api/src/store/index.js';
import { BODIES, TAGS, TITLES } from '../seed-questions.js';

const count = Number(process.argv[2] ?? 1000);
const reuse = process.argv.includes('--reuse');
const url = process.env.DATABASE_URL;
if (!url || !Number.isInteger(count) || count < 1) {
  console.error(
    'usage: DATABASE_URL=postgres://…/db node --import tsx bench/scale/seed.ts <associations> [--reuse]',
  );
  process.exit(2);
}
const database = decodeURIComponent(new URL(url).pathname.slice(1));
if (!/scale/.test(database) || !/^[a-z0-9_]+$/.test(database)) {
  console.error(
    `refusing to recreate the database "${database}": its name must contain "scale" (a-z, 0-9, _)`,
  );
  process.exit(2);
}

/** Associations per batch: small enough to report progress, big enough to keep statements few. */
const BATCH = 25;
const GROUPS = 100;
const MEMBERS = 1200;
const FACILITATORS = 10;
const SESSIONS = 20;
const EVENTS = 20;
const QUESTIONS = 60;
const ANSWERED = 40;

const started = performance.now();
const log = (line: string) =>
  console.error(
    `[seed ${database} ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`,
  );

const adminUrl = new URL(url);
adminUrl.pathname = '/postgres';
const admin = await openDb({ databaseUrl: adminUrl.toString() });
const exists = (await admin.query('select 1 from pg_database where datname = $1', [database])).length > 0;
// A seed that finished says so on the database, so --reuse never keeps a half-seeded one.
const finished = `bench/scale: ${count} associations`;
if (exists && reuse) {
  const [row] = await admin.query<{ note: string | null; bytes: string }>(
    `select shobj_description(oid, 'pg_database') as note, pg_database_size(datname) as bytes
     from pg_database where datname = $1`,
    [database],
  );
  if (row?.note === finished) {
    log(`kept: it holds ${count} associations`);
    console.log(
      JSON.stringify({ associations: count, seconds: null, bytes: Number(row.bytes), reused: true }),
    );
    await admin.close();
    process.exit(0);
  }
  log(`it does not hold a finished seed of ${count} associations: seeding it anew`);
}
if (exists) await admin.exec(`drop database ${database} with (force)`);
await admin.exec(`create database ${database}`);
await admin.close();

const store = await openStore({ databaseUrl: url });
const db = store.db;

// Secondary indexes (not those behind a primary key or a unique constraint) are dropped while
// loading and built again afterwards from their own definitions.
const TABLES = ['members', 'groups', 'group_facilitators', 'memberships', 'sessions', 'rsvps', 'qa_posts'];
const indexes = await db.query<{ name: string; def: string }>(
  `select i.indexname as name, i.indexdef as def from pg_indexes i
   where i.schemaname = current_schema() and i.tablename = any($1::text[])
     and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
  [TABLES],
);
for (const index of indexes) await db.exec(`drop index ${index.name}`);
log(`dropped ${indexes.length} secondary indexes`);

/** Runs one load statement on its own connection without per-row foreign key triggers. */
const spent = new Map<string, number>();
const load = (text: string, params: unknown[]) =>
  db.transaction(async (tx: Sql) => {
    await tx.exec('set local session_replication_role = replica; set local synchronous_commit = off');
    const t0 = performance.now();
    await tx.query(text, params);
    const table = /insert into (\w+)/.exec(text)![1]!;
    spent.set(table, (spent.get(table) ?? 0) + performance.now() - t0);
  });

// The group g's size, and whether it is full with a waitlist (every even-numbered group).
const SIZE = `(case when g % 2 = 0 then 12 else 8 + g % 4 end)`;
const WAITLIST = `(case when g % 2 = 0 then 3 else 0 end)`;
const GID = `'grp_' || lpad(g::text, 3, '0')`;
// The tenth meeting of each series falls within the coming days; meetings are at 09:00 Helsinki.
const LOCAL = `(current_date - 189 + g % 5 + (i - 1) * 21 + time '09:00')`;

async function seedBatch(first: number, last: number) {
  const tenants = `(select t, 'ten_scale_' || lpad(t::text, 4, '0') as id from generate_series(${first}, ${last}) t) tn`;
  await load(
    `insert into tenants (id, name, origins, member_token_secret, settings, created_at)
     select id, 'Yrittäjäyhdistys ' || t, array['https://yhdistys-' || t || '.example'], 'scale-member-secret-' || t,
       '{}'::jsonb, $1::timestamptz from ${tenants}`,
    [new Date()],
  );
  await load(
    `insert into members (tenant_id, id, name, email, locale, roles, first_seen_at, last_seen_at)
     select tn.id, 'mem_' || i, 'Jäsen ' || i, null, case when i % 10 = 0 then 'sv' else 'fi' end, '{member}'::text[], now(), now()
       from ${tenants}, generate_series(1, ${MEMBERS}) i
     union all
     select tn.id, 'fac_' || i, 'Fasilitaattori ' || i, null, 'fi', '{facilitator}'::text[], now(), now()
       from ${tenants}, generate_series(1, ${FACILITATORS}) i
     union all
     select tn.id, 'adm_1', 'Toiminnanjohtaja', null, 'fi', '{admin}'::text[], now(), now() from ${tenants}`,
    [],
  );
  await load(
    `insert into groups (tenant_id, id, name, description, themes, language, format, region, every_weeks, weekday,
       start_time, end_time, capacity, member_count, waitlist_count, next_waitlist_seq, join_policy, status, created_at, updated_at)
     select tn.id, ${GID}, 'Vertaisryhmä ' || lpad(g::text, 3, '0'), 'Yksinyrittäjien vertaisryhmä verkossa, tapaamiset joka kolmas viikko.',
       array['ajanhallinta', case when g % 2 = 0 then 'myynti' else 'tavoitteet' end],
       case when g % 10 = 0 then 'sv' else 'fi' end, 'online', 'Varsinais-Suomi', 3, extract(isodow from current_date - 189 + g % 5)::int,
       '09:00', '11:00', 12, ${SIZE}, ${WAITLIST}, ${WAITLIST} + 1, 'open', 'running', now() - interval '200 days', now() - interval '200 days'
     from ${tenants}, generate_series(1, ${GROUPS}) g`,
    [],
  );
  await load(
    `insert into group_facilitators (tenant_id, group_id, member_id)
     select tn.id, ${GID}, 'fac_' || (1 + (g - 1) % ${FACILITATORS}) from ${tenants}, generate_series(1, ${GROUPS}) g`,
    [],
  );
  await load(
    `insert into memberships (tenant_id, group_id, member_id, status, answers, accepted_rules_version, accepted_rules_at,
       waitlist_seq, approved, requested_at, updated_at)
     select tn.id, ${GID}, 'mem_' || ((g - 1) * 12 + k), 'member', '{}'::jsonb, 1, now() - interval '190 days', null, true,
       now() - interval '190 days', now() - interval '190 days'
       from ${tenants}, generate_series(1, ${GROUPS}) g, generate_series(1, 12) k where k <= ${SIZE}
     union all
     select tn.id, ${GID}, 'mem_' || ((g % ${GROUPS}) * 12 + k), 'waitlisted', '{}'::jsonb, 1, now() - interval '20 days' + k * interval '1 hour', k, true,
       now() - interval '20 days' + k * interval '1 hour', now() - interval '20 days' + k * interval '1 hour'
       from ${tenants}, generate_series(1, ${GROUPS}) g, generate_series(1, 3) k where k <= ${WAITLIST}`,
    [],
  );
  // The yes count is the number of k in 1..size whose (k + i) % 4 is 2 or 3, as the RSVPs below.
  await load(
    `insert into sessions (tenant_id, id, group_id, scope, kind, title, description, starts_at, ends_at, time_zone, local_start,
       meeting_url, yes_count, series_id, series_index, created_at, updated_at)
     select tn.id, 'ses_' || g || '_' || i, ${GID}, 'group', 'meeting', 'Vertaistapaaminen', 'Kuulumiset, tavoitteet ja teema.',
       ${LOCAL} at time zone 'Europe/Helsinki', (${LOCAL} + interval '2 hours') at time zone 'Europe/Helsinki', 'Europe/Helsinki',
       to_char(${LOCAL}, 'YYYY-MM-DD"T"HH24:MI'), 'https://video.example.fi/' || tn.t || '/' || g,
       case when i between 8 and 11 then (select count(*) from generate_series(1, ${SIZE}) k where (k + i) % 4 >= 2) else 0 end,
       'ser_' || g, i - 1, now() - interval '200 days', now() - interval '200 days'
     from ${tenants}, generate_series(1, ${GROUPS}) g, generate_series(1, ${SESSIONS}) i
     union all
     select tn.id, 'ses_event_' || i, null, case when i % 2 = 0 then 'public' else 'members' end, 'expert_talk',
       'Asiantuntijaluento ' || i, 'Avoin luento yhdistyksen jäsenille.',
       (current_date + i * 7 + time '17:00') at time zone 'Europe/Helsinki', (current_date + i * 7 + time '18:30') at time zone 'Europe/Helsinki',
       'Europe/Helsinki', to_char(current_date + i * 7 + time '17:00', 'YYYY-MM-DD"T"HH24:MI'), 'https://video.example.fi/talk/' || i,
       0, null, null, now() - interval '30 days', now() - interval '30 days'
     from ${tenants}, generate_series(1, ${EVENTS}) i`,
    [],
  );
  await load(
    `insert into rsvps (tenant_id, session_id, member_id, answer, attended, updated_at)
     select tn.id, 'ses_' || g || '_' || i, 'mem_' || ((g - 1) * 12 + k),
       case (k + i) % 4 when 0 then 'no' when 1 then 'maybe' else 'yes' end,
       case when i < 10 and (k + i) % 4 >= 2 then true end, now() - interval '10 days'
     from ${tenants}, generate_series(1, ${GROUPS}) g, generate_series(8, 11) i, generate_series(1, 12) k where k <= ${SIZE}`,
    [],
  );
  // Boards: b = 0 is the association's, 1..100 the groups'. Authors are the board's members.
  const board = `(select b, case when b = 0 then null else 'grp_' || lpad(b::text, 3, '0') end as gid,
      case when b = 0 then 1200 else (case when b % 2 = 0 then 12 else 8 + b % 4 end) end as size
    from generate_series(0, ${GROUPS}) b) bd`;
  const author = (offset: string) =>
    `'mem_' || (case when bd.b = 0 then 0 else (bd.b - 1) * 12 end + 1 + (j + ${offset}) % bd.size)`;
  await load(
    `insert into qa_posts (tenant_id, id, group_id, author_id, anonymous, title, body, tags, language, score, answer_count, created_at)
     select tn.id, 'qst_' || bd.b || '_' || j, bd.gid, ${author('0')}, j % 10 = 0,
       ($1::text[])[1 + j % 6] || ' (' || j || ')', ($2::text[])[1 + j % 6], array[($3::text[])[1 + j % 5]],
       case when j % 6 = 4 then 'sv' when j % 6 = 5 then 'en' else 'fi' end, (j * 7) % 5,
       case when j <= ${ANSWERED} then 1 else 0 end,
       date_trunc('milliseconds', now() - (${QUESTIONS} - j) * interval '3 days' - bd.b * interval '1 minute')
     from ${tenants}, ${board}, generate_series(1, ${QUESTIONS}) j`,
    [TITLES, BODIES, TAGS],
  );
  await load(
    `insert into qa_posts (tenant_id, id, question_id, group_id, author_id, anonymous, body, language, created_at)
     select tn.id, 'ans_' || bd.b || '_' || j, 'qst_' || bd.b || '_' || j, bd.gid, ${author('3')}, false,
       'Meillä toimi hyvin, kun asiasta sovittiin heti alussa.', 'fi',
       date_trunc('milliseconds', now() - (${QUESTIONS} - j) * interval '3 days' - bd.b * interval '1 minute' + interval '5 hours')
     from ${tenants}, ${board}, generate_series(1, ${ANSWERED}) j`,
    [],
  );
}

// Two batches at a time: the machine has two cores, and PostgreSQL runs each statement on one.
const batches: [number, number][] = [];
for (let first = 1; first <= count; first += BATCH) batches.push([first, Math.min(count, first + BATCH - 1)]);
let done = 0;
async function worker() {
  for (let next = batches.shift(); next; next = batches.shift()) {
    await seedBatch(...next);
    done += next[1] - next[0] + 1;
    log(`${done} / ${count} associations`);
  }
}
await Promise.all([worker(), worker()]);

const loaded = performance.now();
log(`time per table (s): ${[...spent].map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)}`).join(', ')}`);
// Built two at a time, largest tables first, with room to sort in memory.
const queue = [...indexes].sort(
  (a, b) =>
    TABLES.indexOf(b.def.match(/ on \S+\.(\w+)/i)?.[1] ?? '') -
    TABLES.indexOf(a.def.match(/ on \S+\.(\w+)/i)?.[1] ?? ''),
);
async function builder() {
  for (let index = queue.shift(); index; index = queue.shift()) {
    await db.transaction(async (tx) => {
      await tx.exec("set local maintenance_work_mem = '512MB'");
      await tx.exec(index.def);
    });
    log(`index ${index.name}`);
  }
}
await Promise.all([builder(), builder()]);
log(`indexes built in ${((performance.now() - loaded) / 1000).toFixed(0)} s`);
await db.exec('analyze');
await db.exec(`comment on database ${database} is '${finished}'`);
const [{ bytes }] = await db.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes');
const seconds = (performance.now() - started) / 1000;
log(`done in ${seconds.toFixed(0)} s, ${(Number(bytes) / 2 ** 30).toFixed(2)} GiB`);
console.log(
  JSON.stringify({ associations: count, seconds: Math.round(seconds), bytes: Number(bytes), reused: false }),
);
await store.close();
