-- Peer groups. Counters live on the group row, which joins lock (FOR UPDATE) so that concurrent
-- joins can never overfill a group; the list reads them without a COUNT per request.
create table groups (
  tenant_id text not null references tenants (id),
  id text not null,
  name text not null,
  description text not null default '',
  details text not null default '',
  themes text[] not null default '{}',
  trades text[] not null default '{}',
  language text not null default 'fi' check (language in ('fi', 'sv', 'en')),
  format text not null default 'online' check (format in ('online', 'in_person')),
  municipality text,
  region text,
  every_weeks int,
  weekday int check (weekday between 1 and 7),
  start_time text,
  end_time text,
  time_zone text not null default 'Europe/Helsinki',
  next_meeting_at timestamptz,
  capacity int not null default 12 check (capacity > 0),
  member_count int not null default 0 check (member_count >= 0),
  offered_count int not null default 0 check (offered_count >= 0),
  waitlist_count int not null default 0 check (waitlist_count >= 0),
  join_policy text not null default 'open' check (join_policy in ('open', 'approval')),
  status text not null default 'forming' check (status in ('forming', 'running', 'closed')),
  rules_text text,
  rules_version int not null default 1,
  intake_questions jsonb not null default '[]',
  offer_hours int not null default 72,
  next_waitlist_seq bigint not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index groups_by_name on groups (tenant_id, name, id);

create table group_facilitators (
  tenant_id text not null,
  group_id text not null,
  member_id text not null,
  primary key (tenant_id, group_id, member_id),
  foreign key (tenant_id, group_id) references groups (tenant_id, id) on delete cascade,
  foreign key (tenant_id, member_id) references members (tenant_id, id)
);
create index group_facilitators_member on group_facilitators (tenant_id, member_id);

create table memberships (
  tenant_id text not null,
  group_id text not null,
  member_id text not null,
  status text not null check (status in ('pending', 'member', 'waitlisted', 'offered', 'declined')),
  answers jsonb not null default '{}',
  accepted_rules_version int,
  accepted_rules_at timestamptz,
  waitlist_seq bigint,
  approved boolean not null default false,
  offer_expires_at timestamptz,
  decline_reason text,
  requested_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, group_id, member_id),
  foreign key (tenant_id, group_id) references groups (tenant_id, id) on delete cascade,
  foreign key (tenant_id, member_id) references members (tenant_id, id)
);
create index memberships_queue on memberships (tenant_id, group_id, status, waitlist_seq);
create index memberships_member on memberships (tenant_id, member_id);
