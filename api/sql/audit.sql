-- The audit log and the change notice: what a request changed is logged at its unit; what anyone changed
-- is announced on cdvn_data_changed (the response cache forgets the answers that may have read it).
-- Current definitions, applied again whenever this file changes (db/repeatable.ts). A new table gets its
-- audit trigger and its line in the change notice's list here.

create or replace function audit_row() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  hidden text[] := array['password_hash', 'key_hash', 'search_text', 'sort_name', 'search_name', 'validity',
    'period', 'term'];
  before_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) - hidden end;
  after_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) - hidden end;
  changed jsonb := coalesce(after_row, before_row);
  unit integer;
begin
  if tg_argv[0] = 'member' then
    select m.unit_id into unit from membership m
     where m.member_id = (changed ->> 'id')::bigint order by m.joined_on desc limit 1;
  elsif tg_argv[0] <> 'none' then
    unit := (changed ->> tg_argv[0])::integer;
  end if;
  insert into audit_log (actor, operation, entity, entity_id, unit_id, action, before, after)
  values (current_setting('app.actor'), nullif(current_setting('app.operation', true), ''), tg_table_name,
    coalesce(changed ->> 'id', concat_ws('/', changed ->> 'cluster_id', changed ->> 'unit_id', changed ->> 'year')),
    unit, tg_op, before_row, after_row);
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
drop trigger if exists account_audit on account;
create trigger account_audit after insert or update or delete on account for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('none');
drop trigger if exists activity_audit on activity;
create trigger activity_audit after insert or update or delete on activity for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists annual_theme_audit on annual_theme;
create trigger annual_theme_audit after insert or update or delete on annual_theme for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists api_key_audit on api_key;
create trigger api_key_audit after insert or update or delete on api_key for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists award_audit on award;
create trigger award_audit after insert or update or delete on award for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists congress_term_audit on congress_term;
create trigger congress_term_audit after insert or update or delete on congress_term for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists emulation_cluster_audit on emulation_cluster;
create trigger emulation_cluster_audit after insert or update or delete on emulation_cluster for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('owner_id');
drop trigger if exists emulation_cluster_member_audit on emulation_cluster_member;
create trigger emulation_cluster_member_audit after insert or update or delete on emulation_cluster_member for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists member_audit on member;
create trigger member_audit after insert or update or delete on member for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('holder_unit_id');
drop trigger if exists membership_audit on membership;
create trigger membership_audit after insert or update or delete on membership for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists officer_audit on officer;
create trigger officer_audit after insert or update or delete on officer for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists org_unit_audit on org_unit;
create trigger org_unit_audit after insert or update or delete on org_unit for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('id');
drop trigger if exists org_unit_former_name_audit on org_unit_former_name;
create trigger org_unit_former_name_audit after insert or update or delete on org_unit_former_name for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists restructuring_plan_audit on restructuring_plan;
create trigger restructuring_plan_audit after insert or update or delete on restructuring_plan for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists org_unit_parent_audit on org_unit_parent;
create trigger org_unit_parent_audit after insert or update or delete on org_unit_parent for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists org_unit_succession_audit on org_unit_succession;
create trigger org_unit_succession_audit after insert or update or delete on org_unit_succession for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('successor_id');
drop trigger if exists role_assignment_audit on role_assignment;
create trigger role_assignment_audit after insert or update or delete on role_assignment for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists session_audit on session;
create trigger session_audit after insert or update or delete on session for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('none');
drop trigger if exists report_audit on report;
create trigger report_audit after insert or update or delete on report for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists report_deadline_audit on report_deadline;
create trigger report_deadline_audit after insert or update or delete on report_deadline for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists report_form_audit on report_form;
create trigger report_form_audit after insert or update or delete on report_form for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('none');
drop trigger if exists report_period_audit on report_period;
create trigger report_period_audit after insert or update or delete on report_period for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('none');
drop trigger if exists finance_collection_audit on finance_collection;
create trigger finance_collection_audit after insert or update or delete on finance_collection for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists finance_rule_audit on finance_rule;
create trigger finance_rule_audit after insert or update or delete on finance_rule for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('none');
drop trigger if exists target_audit on target;
create trigger target_audit after insert or update or delete on target for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists unit_rating_audit on unit_rating;
create trigger unit_rating_audit after insert or update or delete on unit_rating for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');

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
