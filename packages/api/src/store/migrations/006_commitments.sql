-- Commitments: the goal a member sets at one meeting and reports on at the next. The session it is
-- due at is worked out when read (see store/commitments.ts): only an explicit choice is stored, so a
-- moved session moves the due date and a cancelled one passes it to the group's next session.
create table commitments (
  tenant_id text not null references tenants (id),
  id text not null,
  group_id text not null,
  member_id text not null,
  -- source text in the Q&A board's markup, never HTML
  text text not null,
  target_value double precision,
  target_unit text,
  visibility text not null default 'group' check (visibility in ('group', 'facilitators', 'private')),
  set_session_id text,
  -- the session the member chose; null: the group's next session after created_at
  due_session_choice text,
  carried_from_id text,
  report_status text check (report_status in ('done', 'partly', 'not_done', 'dropped')),
  reflection text,
  achieved double precision,
  reported_at timestamptz(3),
  -- millisecond precision: cursors carry these times through JavaScript dates
  created_at timestamptz(3) not null,
  updated_at timestamptz(3) not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, group_id) references groups (tenant_id, id) on delete cascade,
  foreign key (tenant_id, member_id) references members (tenant_id, id),
  check ((target_value is null) = (target_unit is null)),
  check ((report_status is null) = (reported_at is null)),
  check (achieved is null or report_status is not null)
);
create index commitments_by_group on commitments (tenant_id, group_id, created_at desc, id desc);
create index commitments_by_member on commitments (tenant_id, member_id, created_at desc, id desc);
