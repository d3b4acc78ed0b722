-- The tree through time: a unit's links to its parents are dated; org_unit_path holds, per unit, each
-- path from the national federation with the period it held (rebuilt for the units below a changed link),
-- and a deferred check keeps every unit placed under exactly one parent for the whole of its life.
-- Current definitions, applied again whenever this file changes (db/repeatable.ts).

-- The kinds on a link are copied from the units, so the composite foreign keys can check them.
create or replace function org_unit_parent_fill_kinds() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  select kind into new.unit_kind from org_unit where id = new.unit_id;
  select kind into new.parent_kind from org_unit where id = new.parent_id;
  return new;
end $$;

create or replace function org_unit_rebuild_paths(seed integer[]) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  perform pg_advisory_xact_lock(hashtext('org_unit_tree'));
  update tree_version set version = version + 1;
  create temporary table if not exists org_unit_affected (id integer primary key) on commit drop;
  truncate org_unit_affected;
  insert into org_unit_affected (id)
  with recursive below(id) as (
    select unnest(seed)
    union
    select l.unit_id from org_unit_parent l join below b on l.parent_id = b.id
  )
  select id from below where id is not null;
  analyze org_unit_affected;

  delete from org_unit_path p using org_unit_affected a where p.unit_id = a.id;

  insert into org_unit_path (unit_id, path, period, standing, unit_paths)
  with recursive placed(unit_id, path, period) as (
    select u.id, text2ltree(u.id::text), u.validity
      from org_unit u join org_unit_affected a on a.id = u.id
     where u.kind = 'NATIONAL_FEDERATION'
    union all
    select l.unit_id, p.path || l.unit_id::text, p.period * l.period
      from org_unit_parent l
      join org_unit_affected a on a.id = l.unit_id
      join org_unit_path p on p.unit_id = l.parent_id and p.period && l.period
     where not exists (select 1 from org_unit_affected b where b.id = l.parent_id)
    union all
    select l.unit_id, placed.path || l.unit_id::text, placed.period * l.period
      from placed
      join org_unit_parent l on l.parent_id = placed.unit_id and l.period && placed.period
     where nlevel(placed.path) < 16
  )
  -- A unit's last path is where it stands (or, closed, stood on its last day); the number of its paths
  -- tells whether all of them lie under a scope's roots (app_begin_request's crossers).
  select unit_id, path, period, lower(period) = max(lower(period)) over (partition by unit_id),
         count(*) over (partition by unit_id)
    from placed;
end $$;

create or replace function org_unit_parent_paths() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    perform org_unit_rebuild_paths((select array_agg(distinct unit_id) from new_rows));
  elsif tg_op = 'DELETE' then
    perform org_unit_rebuild_paths((select array_agg(distinct unit_id) from old_rows));
  else
    perform org_unit_rebuild_paths((select array_agg(distinct unit_id)
      from (select unit_id from new_rows union select unit_id from old_rows) changed));
  end if;
  return null;
end $$;

-- The national federation's own path follows its validity.
create or replace function org_unit_root_paths() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if new.kind = 'NATIONAL_FEDERATION' then
    perform org_unit_rebuild_paths(array[new.id]);
  end if;
  return null;
end $$;

-- The placement of one unit, checked when its transaction commits (so that a unit and its first link,
-- or a closing and its moves, can be written in any order within one transaction).
create or replace function org_unit_check_placement(unit integer) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  u org_unit;
  links datemultirange;
  placed datemultirange;
begin
  select * into u from org_unit where id = unit;
  if not found then
    return;
  end if;
  if exists (select 1 from org_unit_parent l where l.parent_id = u.id and not l.period <@ u.validity) then
    raise exception 'unit % has a child unit outside its validity %', u.code, u.validity
      using errcode = 'check_violation', constraint = 'org_unit_children_within_validity';
  end if;
  if u.kind = 'NATIONAL_FEDERATION' then
    return;
  end if;
  select range_agg(period) into links from org_unit_parent where unit_id = u.id;
  if links is distinct from datemultirange(u.validity) then
    raise exception 'unit % must have exactly one parent for the whole of its validity %', u.code, u.validity
      using errcode = 'check_violation', constraint = 'org_unit_parent_covers_validity';
  end if;
  select range_agg(period) into placed from org_unit_path where unit_id = u.id;
  if placed is distinct from links then
    raise exception 'unit % is not under the national federation for the whole of its validity (a parent outside its validity, or a cycle)', u.code
      using errcode = 'check_violation', constraint = 'org_unit_reachable_from_root';
  end if;
end $$;

create or replace function org_unit_check_placement_trigger() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_table_name = 'org_unit' then
    perform org_unit_check_placement(new.id);
  elsif tg_op = 'DELETE' then
    perform org_unit_check_placement(old.unit_id);
    perform org_unit_check_placement(old.parent_id);
  else
    perform org_unit_check_placement(new.unit_id);
    perform org_unit_check_placement(new.parent_id);
  end if;
  return null;
end $$;

drop trigger if exists org_unit_parent_fill_kinds on org_unit_parent;
create trigger org_unit_parent_fill_kinds before insert or update of unit_id, parent_id on org_unit_parent
  for each row execute function org_unit_parent_fill_kinds();

drop trigger if exists org_unit_parent_paths_insert on org_unit_parent;
create trigger org_unit_parent_paths_insert after insert on org_unit_parent
  referencing new table as new_rows for each statement execute function org_unit_parent_paths();

drop trigger if exists org_unit_parent_paths_update on org_unit_parent;
create trigger org_unit_parent_paths_update after update on org_unit_parent
  referencing new table as new_rows old table as old_rows for each statement execute function org_unit_parent_paths();

drop trigger if exists org_unit_parent_paths_delete on org_unit_parent;
create trigger org_unit_parent_paths_delete after delete on org_unit_parent
  referencing old table as old_rows for each statement execute function org_unit_parent_paths();

drop trigger if exists org_unit_root_paths on org_unit;
create trigger org_unit_root_paths after insert or update of valid_from, valid_to, kind on org_unit
  for each row execute function org_unit_root_paths();

drop trigger if exists org_unit_placement on org_unit;
create constraint trigger org_unit_placement after insert or update on org_unit
  deferrable initially deferred for each row execute function org_unit_check_placement_trigger();
drop trigger if exists org_unit_parent_placement on org_unit_parent;
create constraint trigger org_unit_parent_placement after insert or update or delete on org_unit_parent
  deferrable initially deferred for each row execute function org_unit_check_placement_trigger();

-- How closely a unit matches a search text, as the first character of a sort key: '0' the whole code
-- or name, '1' whole words of the code or name ("quang ninh" in "LĐLĐ tỉnh Quảng Ninh"), '2' a part of
-- a word. Words are runs of letters and digits, so "qn-cdvc" and "QN CDVC" are the same words.
create or replace function search_rank(search_text text, sort_name text, code text, query text) returns text
  language sql immutable parallel safe strict as $$
  select case
    when sort_name = search_normalize(btrim(query)) or lower(code) = lower(btrim(query)) then '0'
    when ' ' || btrim(regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g')) || ' '
         like '% ' || btrim(regexp_replace(search_normalize(query), '[^[:alnum:]]+', ' ', 'g')) || ' %' then '1'
    else '2'
  end $$;
