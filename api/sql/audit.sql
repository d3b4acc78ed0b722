-- The audit log and the change notice: what a request changed is logged at its unit; what anyone changed
-- is announced on cdvn_data_changed (the response cache forgets the answers that may have read it).
-- Current definitions, applied again whenever this file changes (db/repeatable.ts). A new table gets its
-- audit trigger and its line in the change notice's list here.

-- A row as the log keeps it: without its secrets and the columns derived from others.
create or replace function audit_visible(entry jsonb) returns jsonb language sql immutable as $$
  select entry - array['password_hash', 'key_hash', 'search_text', 'sort_name', 'search_name', 'validity', 'period',
    'term']
$$;

drop function if exists audit_write(text, text, text, jsonb[]);
-- The log's rows for rows a statement changed: their values before (null when inserted) and after (null
-- when deleted), paired by position (`unnest` pads the shorter array with nulls).
create or replace function audit_write(table_name text, unit_column text, op text, befores jsonb[], afters jsonb[])
  returns void language sql security definer set search_path = public, pg_temp as $$
  insert into audit_log (actor, operation, entity, entity_id, unit_id, action, before, after)
  select current_setting('app.actor'), nullif(current_setting('app.operation', true), ''), table_name,
         coalesce(c.entry ->> 'id', concat_ws('/', c.entry ->> 'cluster_id', c.entry ->> 'unit_id', c.entry ->> 'year')),
         case when unit_column <> 'none' then cast(c.entry ->> unit_column as integer) end, op, c.before, c.after
    from (select r.before, r.after, coalesce(r.after, r.before) as entry from unnest(befores, afters) as r(before, after)) c
$$;

-- An updated row, with its old and new values.
create or replace function audit_row() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  perform audit_write(tg_table_name, tg_argv[0], tg_op, array[audit_visible(to_jsonb(old))],
    array[audit_visible(to_jsonb(new))]);
  return null;
end $$;

-- The rows a statement inserted or deleted, all in one insert: an import's 100,000 members and their
-- memberships were 200,000 calls of audit_row, each with its own insert into the log.
create or replace function audit_rows() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    perform audit_write(tg_table_name, tg_argv[0], tg_op, '{}', array(select audit_visible(to_jsonb(n)) from new_rows n));
  else
    perform audit_write(tg_table_name, tg_argv[0], tg_op, array(select audit_visible(to_jsonb(o)) from old_rows o), '{}');
  end if;
  return null;
end $$;

-- What changed, for the response cache (graphql/response-cache.ts). A statement outside the API's request
-- transactions (psql, scripts, the owner's own statements) announces at once that anything may have
-- changed. A request's transaction (app.actor set) announces nothing itself: it notes the units its rows
-- belong to in `app.touched` ('*' for rows that belong to no unit: accounts, vocabularies, the tree), and
-- the API reads them with app_changes() before it commits and announces them after (db/data-version.ts),
-- so that its writers do not take the lock a notifying commit holds. The audit log's rows ('logged') are
-- written by a request for rows whose units are noted already.
create or replace function app_data_changed() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if coalesce(current_setting('app.actor', true), '') = '' then
    perform pg_notify('cdvn_data_changed', 'sql');
  elsif tg_nargs = 0 then
    perform set_config('app.touched', '*', true);
  end if;
  return null;
end $$;

-- The same for a table whose rows belong to units (the columns named by the trigger's arguments; 'member'
-- for members, who belong to the unions of their memberships): the units of the statement's rows, old and
-- new. A row that names no unit counts as a change to everything.
create or replace function app_units_changed() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  touched text := coalesce(current_setting('app.touched', true), '');
  rows text := case tg_op when 'INSERT' then 'select * from new_rows' when 'DELETE' then 'select * from old_rows'
                 else 'select * from new_rows union all select * from old_rows' end;
  columns text;
  units text;
  unowned boolean;
begin
  if coalesce(current_setting('app.actor', true), '') = '' then
    perform pg_notify('cdvn_data_changed', 'sql');
    return null;
  end if;
  if touched = '*' then
    return null;
  end if;
  if tg_argv[0] = 'member' then
    execute format($q$
      with r as (%s)
      select string_agg(distinct cast(u.id as text), ','), false
        from (select r.holder_unit_id as id from r
              union select m.unit_id from membership m where m.member_id in (select r.id from r)) u
       where u.id is not null$q$, rows) into units, unowned;
  else
    select string_agg('r.' || quote_ident(c), ', ') into columns from unnest(tg_argv) c;
    execute format($q$
      with r as (%1$s)
      select (select string_agg(distinct cast(u.id as text), ',')
                from r cross join lateral unnest(array[%2$s]) as u(id) where u.id is not null),
             exists (select 1 from r where num_nonnulls(%2$s) = 0)$q$, rows, columns) into units, unowned;
  end if;
  if unowned or length(touched) > 20000 then
    perform set_config('app.touched', '*', true);
  elsif units is not null then
    perform set_config('app.touched', concat_ws(',', nullif(touched, ''), units), true);
  end if;
  return null;
end $$;

-- What the request's transaction changed so far: null for nothing, {"all": true} for anything, else the
-- units whose rows changed ("down": what they hand down to the units below them is read there too) and
-- every unit that stood above one of them on any day, themselves included ("up": their figures count it).
create or replace function app_changes() returns jsonb language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  touched text := coalesce(current_setting('app.touched', true), '');
  result jsonb;
begin
  if touched = '' then
    return null;
  elsif touched = '*' then
    return '{"all": true}';
  end if;
  with t as (select distinct cast(x as integer) as id from unnest(string_to_array(touched, ',')) x)
  select jsonb_build_object(
           'down', (select jsonb_agg(t.id order by t.id) from t),
           'up', (select jsonb_agg(distinct a.id order by a.id)
                    from (select t.id from t
                          union
                          select cast(l as integer) from t join org_unit_path p on p.unit_id = t.id,
                                 unnest(string_to_array(ltree2text(p.path), '.')) l) a))
    into result;
  return result;
end $$;
grant execute on function app_changes() to cdvn_app;

-- Every change made by a request (app.actor set) is written to the audit log, at the unit named by the
-- column given: the unit the row belongs to (a member's changes at the union that holds them).
do $$
declare
  t record;
begin
  for t in
    select * from (values
      ('account', 'none'), ('activity', 'unit_id'), ('annual_theme', 'unit_id'), ('api_key', 'unit_id'),
      ('award', 'unit_id'), ('congress_term', 'unit_id'), ('emulation_cluster', 'owner_id'),
      ('emulation_cluster_member', 'unit_id'), ('member', 'holder_unit_id'), ('membership', 'unit_id'),
      ('officer', 'unit_id'), ('org_unit', 'id'), ('org_unit_former_name', 'unit_id'),
      ('restructuring_plan', 'unit_id'), ('org_unit_parent', 'unit_id'),
      ('org_unit_succession', 'successor_id'), ('role_assignment', 'unit_id'), ('session', 'none'),
      ('report', 'unit_id'), ('report_deadline', 'unit_id'), ('report_form', 'none'),
      ('report_period', 'none'), ('finance_collection', 'unit_id'), ('finance_rule', 'none'),
      ('target', 'unit_id'), ('unit_rating', 'unit_id')
    ) as v(name, unit_column)
  loop
    execute format('drop trigger if exists %I on %I', t.name || '_audit', t.name);
    execute format('drop trigger if exists %I on %I', t.name || '_audit_insert', t.name);
    execute format('drop trigger if exists %I on %I', t.name || '_audit_delete', t.name);
    execute format($t$create trigger %I after update on %I for each row
                      when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row(%L)$t$,
                   t.name || '_audit', t.name, t.unit_column);
    execute format($t$create trigger %I after insert on %I referencing new table as new_rows for each statement
                      when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_rows(%L)$t$,
                   t.name || '_audit_insert', t.name, t.unit_column);
    execute format($t$create trigger %I after delete on %I referencing old table as old_rows for each statement
                      when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_rows(%L)$t$,
                   t.name || '_audit_delete', t.name, t.unit_column);
  end loop;
end $$;

-- Every table but the stores that only speed up reads announces its changes: by unit where its rows
-- belong to units (the columns named here, see app_units_changed), else as a change to anything
-- (app_data_changed). The members' name index is written only with the members it indexes, which
-- announce the change; the audit log's rows are written for rows whose units are noted ('logged').
do $$
declare
  t record;
  event text;
  rows text;
begin
  for t in
    select * from (values
      ('account', null), ('activity', array['unit_id']), ('annual_theme', array['unit_id']),
      ('api_key', array['unit_id']), ('audit_log', null), ('award', array['unit_id', 'issuer_id']),
      ('award_kind_issuer', null), ('congress_term', array['unit_id']), ('emulation_cluster', null),
      ('emulation_cluster_member', null), ('finance_collection', array['unit_id']), ('finance_rule', null),
      ('member', array['member']), ('membership', array['unit_id']),
      ('officer', array['unit_id']), ('org_unit', null), ('org_unit_former_name', null),
      ('org_unit_kind', null), ('org_unit_kind_rule', null), ('org_unit_parent', null),
      ('org_unit_path', null), ('org_unit_succession', null), ('programme', null),
      ('report', array['unit_id']), ('report_deadline', array['unit_id']), ('report_form', null),
      ('report_period', null), ('report_transition', array['unit_id']),
      ('restructuring_plan', array['unit_id']), ('role_assignment', array['unit_id']), ('session', null),
      ('target', array['unit_id', 'set_by_id']), ('unit_rating', array['unit_id'])
    ) as v(name, columns)
  loop
    execute format('drop trigger if exists data_changed on %I', t.name);
    foreach event in array array['insert', 'update', 'delete'] loop
      execute format('drop trigger if exists %I on %I', 'data_changed_' || event, t.name);
    end loop;
    if t.columns is null then
      execute format('create trigger data_changed after insert or update or delete or truncate on %I
                        for each statement execute function app_data_changed(%s)',
                     t.name, case when t.name = 'audit_log' then quote_literal('logged') else '' end);
      continue;
    end if;
    execute format('create trigger data_changed after truncate on %I
                      for each statement execute function app_data_changed()', t.name);
    foreach event in array array['insert', 'update', 'delete'] loop
      rows := case event when 'insert' then 'new table as new_rows'
                         when 'update' then 'new table as new_rows old table as old_rows'
                         else 'old table as old_rows' end;
      execute format('create trigger %I after %s on %I referencing %s
                        for each statement execute function app_units_changed(%s)',
                     'data_changed_' || event, event, t.name, rows,
                     (select string_agg(quote_literal(c), ', ') from unnest(t.columns) c));
    end loop;
  end loop;
end $$;
drop trigger if exists data_changed on member_name_suffix;
