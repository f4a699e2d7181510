-- Sessions: a group's peer meetings and the association's open events (expert talks).
create table sessions (
  tenant_id text not null references tenants (id),
  id text not null,
  group_id text,
  scope text not null check (scope in ('group', 'members', 'public')),
  kind text not null default 'meeting' check (kind in ('meeting', 'expert_talk', 'event')),
  title text not null,
  theme text,
  description text not null default '',
  agenda text not null default '',
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  time_zone text not null default 'Europe/Helsinki',
  local_start text not null,
  meeting_url text,
  place text,
  speakers jsonb not null default '[]',
  capacity int check (capacity > 0),
  yes_count int not null default 0,
  waitlist_count int not null default 0,
  next_waitlist_seq bigint not null default 1,
  status text not null default 'scheduled' check (status in ('scheduled', 'moved', 'cancelled')),
  series_id text,
  series_index int,
  sequence int not null default 0,
  topic_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, group_id) references groups (tenant_id, id) on delete cascade,
  check (ends_at > starts_at),
  check ((scope = 'group') = (group_id is not null))
);
create index sessions_by_start on sessions (tenant_id, starts_at, id);
create index sessions_by_group on sessions (tenant_id, group_id, starts_at, id);
create index sessions_by_series on sessions (tenant_id, series_id, series_index);

create table rsvps (
  tenant_id text not null,
  session_id text not null,
  member_id text not null,
  answer text not null check (answer in ('yes', 'no', 'maybe')),
  waitlisted boolean not null default false,
  waitlist_seq bigint,
  attended boolean,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, session_id, member_id),
  foreign key (tenant_id, session_id) references sessions (tenant_id, id) on delete cascade,
  foreign key (tenant_id, member_id) references members (tenant_id, id)
);
create index rsvps_member on rsvps (tenant_id, member_id);
create index rsvps_waitlist on rsvps (tenant_id, session_id, waitlisted, waitlist_seq);

-- Themes from the members' needs: a group's members suggest topics and vote for them.
create table topics (
  tenant_id text not null,
  id text not null,
  group_id text not null,
  title text not null,
  description text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, group_id) references groups (tenant_id, id) on delete cascade
);
create index topics_group on topics (tenant_id, group_id);

create table topic_votes (
  tenant_id text not null,
  topic_id text not null,
  group_id text not null,
  member_id text not null,
  primary key (tenant_id, topic_id, member_id),
  foreign key (tenant_id, topic_id) references topics (tenant_id, id) on delete cascade
);
create index topic_votes_member on topic_votes (tenant_id, group_id, member_id);

-- Personal calendar subscriptions: the URL carries the token (calendar apps send no headers).
create table calendar_feeds (
  tenant_id text not null,
  member_id text not null,
  token text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  foreign key (tenant_id, member_id) references members (tenant_id, id)
);
create index calendar_feeds_member on calendar_feeds (tenant_id, member_id);
