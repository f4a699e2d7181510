-- The Q&A boards. A board is the association's (group_id null) or one group's. Questions and their
-- answers share one table of posts, so votes, reports, edit history and reveals name one thing.

-- GIN indexes that lead with tenant_id need btree_gin's operator classes (a trusted extension).
-- It goes to public so that a schema dropped later (the tests' throwaway schemas) never takes it along.
create extension if not exists btree_gin with schema public;

-- The text-search configuration of a post's language; immutable so a generated column can use it.
create function qa_search_vector(language text, title text, body text, tags text[]) returns tsvector
language sql immutable parallel safe as $$
  select to_tsvector(
    case language when 'sv' then 'swedish'::regconfig when 'en' then 'english'::regconfig else 'finnish'::regconfig end,
    coalesce(title, '') || ' ' || body || ' ' || array_to_string(tags, ' '))
$$;

create table qa_posts (
  tenant_id text not null references tenants (id),
  id text not null,
  -- null for a question; the question an answer answers
  question_id text,
  -- null for the association-wide board; answers copy their question's board
  group_id text,
  -- the board as an index key: '' for the association's. Lists filter with "=", which (unlike
  -- "is null") lets an index on (tenant_id, board, created_at) also give the order.
  board text not null generated always as (coalesce(group_id, '')) stored,
  author_id text not null,
  anonymous boolean not null default false,
  title text,
  -- source text in the board's small markup (see contract/questions.ts), never HTML
  body text not null,
  tags text[] not null default '{}',
  language text not null check (language in ('fi', 'sv', 'en')),
  search tsvector generated always as (qa_search_vector(language, title, body, tags)) stored,
  score int not null default 0,
  -- visible answers only; a question with none is "unanswered"
  answer_count int not null default 0 check (answer_count >= 0),
  accepted_answer_id text,
  -- open (not yet reviewed) reports
  report_count int not null default 0 check (report_count >= 0),
  status text not null default 'visible' check (status in ('visible', 'hidden')),
  hidden_reason text check (hidden_reason in ('reports', 'moderator')),
  version int not null default 1,
  -- the order posts were written in, for the live stream's Last-Event-ID
  seq bigint generated always as identity,
  -- millisecond precision: cursors carry these times through JavaScript dates
  created_at timestamptz(3) not null,
  edited_at timestamptz(3),
  primary key (tenant_id, id),
  foreign key (tenant_id, question_id) references qa_posts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, group_id) references groups (tenant_id, id) on delete cascade,
  foreign key (tenant_id, author_id) references members (tenant_id, id),
  check ((question_id is null) = (title is not null)),
  check ((status = 'hidden') = (hidden_reason is not null))
);
-- One index per list order of a board; lists read visible questions only, hence the partial indexes.
create index qa_questions_newest on qa_posts (tenant_id, board, created_at desc, id desc)
  where question_id is null and status = 'visible';
create index qa_questions_votes on qa_posts (tenant_id, board, score desc, created_at desc, id desc)
  where question_id is null and status = 'visible';
create index qa_questions_unanswered on qa_posts (tenant_id, board, created_at desc, id desc)
  where question_id is null and status = 'visible' and answer_count = 0;
create index qa_questions_search on qa_posts using gin (tenant_id, search)
  where question_id is null and status = 'visible';
-- A search either walks the newest-first index until a page is full (a common word) or reads the
-- GIN index (a rare one); the choice rests on how often the word occurs, which the default sample
-- of lexemes guesses badly for rare words, and a rare word walked through the index reads the board.
alter table qa_posts alter column search set statistics 1000;
create index qa_questions_tags on qa_posts using gin (tenant_id, tags)
  where question_id is null and status = 'visible';
create index qa_answers on qa_posts (tenant_id, question_id, created_at, id) where question_id is not null;
-- The moderators' review queue.
create index qa_posts_hidden on qa_posts (tenant_id, board, created_at desc, id desc) where status = 'hidden';
create index qa_posts_seq on qa_posts (tenant_id, board, seq);

-- One vote per member per post, changeable and withdrawable; the post's score is their sum.
create table qa_votes (
  tenant_id text not null,
  post_id text not null,
  member_id text not null,
  value smallint not null check (value in (-1, 1)),
  voted_at timestamptz not null,
  primary key (tenant_id, post_id, member_id),
  foreign key (tenant_id, post_id) references qa_posts (tenant_id, id) on delete cascade
);

-- One report per member per post; a restore marks the open ones reviewed.
create table qa_reports (
  tenant_id text not null,
  post_id text not null,
  member_id text not null,
  reason text not null,
  reviewed boolean not null default false,
  reported_at timestamptz not null,
  primary key (tenant_id, post_id, member_id),
  foreign key (tenant_id, post_id) references qa_posts (tenant_id, id) on delete cascade
);

-- Earlier versions of edited posts (the current one is on qa_posts).
create table qa_post_versions (
  tenant_id text not null,
  post_id text not null,
  version int not null,
  title text,
  body text not null,
  tags text[] not null,
  language text not null,
  written_at timestamptz not null,
  primary key (tenant_id, post_id, version),
  foreign key (tenant_id, post_id) references qa_posts (tenant_id, id) on delete cascade
);

-- Every reveal of an anonymous author: who looked, when, at which post and why. Kept when the post
-- is deleted (no foreign key to it), and never names the revealed author.
create table qa_reveals (
  tenant_id text not null references tenants (id),
  id text not null,
  post_id text not null,
  question_id text not null,
  group_id text,
  revealed_by text not null,
  reason text not null,
  revealed_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, revealed_by) references members (tenant_id, id)
);
create index qa_reveals_by_time on qa_reveals (tenant_id, revealed_at desc, id desc);
