-- Read columns for the group list, so that a page of groups is read from the group rows alone
-- rather than with two subqueries per group. Triggers keep them current in the same transaction
-- as the writes that change them, whichever code path writes:
--   facilitators         the facilitators' ids and names in display order (name, id), as the list
--                        shows them; changed by group_facilitators and by a member's new name.
--   upcoming_session_at  the start of the group's next session that is not cancelled, as of the
--                        last change to its sessions. Time passing cannot make an earlier session
--                        the next one, so while it is null or still ahead it is the next session;
--                        once it has gone by, the list looks the next one up (groups.ts).
alter table groups
  add column facilitators jsonb not null default '[]',
  add column upcoming_session_at timestamptz;

create function group_facilitators_json(t text, g text) returns jsonb
language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'name', m.name) order by m.name, m.id), '[]'::jsonb)
  from group_facilitators f join members m on m.tenant_id = f.tenant_id and m.id = f.member_id
  where f.tenant_id = t and f.group_id = g
$$;

create function group_upcoming_session(t text, g text) returns timestamptz
language sql stable as $$
  select min(s.starts_at) from sessions s
  where s.tenant_id = t and s.group_id = g and s.status <> 'cancelled' and s.starts_at > now()
$$;

update groups set facilitators = group_facilitators_json(tenant_id, id),
  upcoming_session_at = group_upcoming_session(tenant_id, id);

-- One statement's changes at a time (transition tables), so a bulk insert refreshes each group once.
create function group_facilitators_changed() returns trigger
language plpgsql as $$
begin
  update groups g set facilitators = group_facilitators_json(g.tenant_id, g.id)
  where (g.tenant_id, g.id) in (select tenant_id, group_id from changed);
  return null;
end $$;

create trigger group_facilitators_added after insert on group_facilitators
  referencing new table as changed for each statement execute function group_facilitators_changed();
create trigger group_facilitators_removed after delete on group_facilitators
  referencing old table as changed for each statement execute function group_facilitators_changed();

create function member_names_changed() returns trigger
language plpgsql as $$
begin
  update groups g set facilitators = group_facilitators_json(g.tenant_id, g.id)
  where (g.tenant_id, g.id) in (
    select f.tenant_id, f.group_id from group_facilitators f
    join new_members n on n.tenant_id = f.tenant_id and n.id = f.member_id
    join old_members o on o.tenant_id = n.tenant_id and o.id = n.id
    where o.name is distinct from n.name);
  return null;
end $$;

create trigger member_names_changed after update on members
  referencing old table as old_members new table as new_members
  for each statement execute function member_names_changed();

-- An RSVP rewrites its session's counters: only a change of start or status touches the group.
create function group_sessions_changed() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    update groups g set upcoming_session_at = group_upcoming_session(g.tenant_id, g.id)
    where (g.tenant_id, g.id) in (
      select n.tenant_id, n.group_id from new_sessions n
      join old_sessions o on o.tenant_id = n.tenant_id and o.id = n.id
      where n.group_id is not null
        and (n.starts_at, n.status, n.group_id) is distinct from (o.starts_at, o.status, o.group_id)
      union
      select o.tenant_id, o.group_id from new_sessions n
      join old_sessions o on o.tenant_id = n.tenant_id and o.id = n.id
      where o.group_id is not null and n.group_id is distinct from o.group_id);
  else
    update groups g set upcoming_session_at = group_upcoming_session(g.tenant_id, g.id)
    where (g.tenant_id, g.id) in (select tenant_id, group_id from changed where group_id is not null);
  end if;
  return null;
end $$;

create trigger group_sessions_added after insert on sessions
  referencing new table as changed for each statement execute function group_sessions_changed();
create trigger group_sessions_removed after delete on sessions
  referencing old table as changed for each statement execute function group_sessions_changed();
create trigger group_sessions_moved after update on sessions
  referencing old table as old_sessions new table as new_sessions
  for each statement execute function group_sessions_changed();
