-- The audit log and the change notice: what a request changed is logged at its unit; what anyone else
-- changed is announced on cdvn_data_changed (the response cache forgets what it read). Current definitions, applied
-- again whenever this file changes (db/repeatable.ts). A new table gets its two triggers here.

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
drop trigger if exists target_audit on target;
create trigger target_audit after insert or update or delete on target for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');
drop trigger if exists unit_rating_audit on unit_rating;
create trigger unit_rating_audit after insert or update or delete on unit_rating for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('unit_id');

-- Every table but the stores that only speed up reads announces its changes: by unit where its rows belong to units (see
-- app_units_changed), else as a change to anything (app_data_changed).
drop trigger if exists data_changed on account;
create trigger data_changed after insert or update or delete or truncate on account
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on activity;
create trigger data_changed after truncate on activity for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on activity;
create trigger data_changed_insert after insert on activity referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on activity;
create trigger data_changed_update after update on activity referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on activity;
create trigger data_changed_delete after delete on activity referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on annual_theme;
create trigger data_changed after truncate on annual_theme for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on annual_theme;
create trigger data_changed_insert after insert on annual_theme referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on annual_theme;
create trigger data_changed_update after update on annual_theme referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on annual_theme;
create trigger data_changed_delete after delete on annual_theme referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on api_key;
create trigger data_changed after truncate on api_key for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on api_key;
create trigger data_changed_insert after insert on api_key referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on api_key;
create trigger data_changed_update after update on api_key referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on api_key;
create trigger data_changed_delete after delete on api_key referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on audit_log;
drop trigger if exists data_changed_insert on audit_log;
drop trigger if exists data_changed_update on audit_log;
drop trigger if exists data_changed_delete on audit_log;
create trigger data_changed after insert or update or delete or truncate on audit_log
  for each statement execute function app_data_changed('logged');
drop trigger if exists data_changed on award;
create trigger data_changed after truncate on award for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on award;
create trigger data_changed_insert after insert on award referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id', 'issuer_id');
drop trigger if exists data_changed_update on award;
create trigger data_changed_update after update on award referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id', 'issuer_id');
drop trigger if exists data_changed_delete on award;
create trigger data_changed_delete after delete on award referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id', 'issuer_id');
drop trigger if exists data_changed on award_kind_issuer;
create trigger data_changed after insert or update or delete or truncate on award_kind_issuer
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on congress_term;
create trigger data_changed after truncate on congress_term for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on congress_term;
create trigger data_changed_insert after insert on congress_term referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on congress_term;
create trigger data_changed_update after update on congress_term referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on congress_term;
create trigger data_changed_delete after delete on congress_term referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on emulation_cluster;
create trigger data_changed after insert or update or delete or truncate on emulation_cluster
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on emulation_cluster_member;
create trigger data_changed after insert or update or delete or truncate on emulation_cluster_member
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on member;
create trigger data_changed after truncate on member for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on member;
create trigger data_changed_insert after insert on member referencing new table as new_rows
  for each statement execute function app_units_changed('member');
drop trigger if exists data_changed_update on member;
create trigger data_changed_update after update on member referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('member');
drop trigger if exists data_changed_delete on member;
create trigger data_changed_delete after delete on member referencing old table as old_rows
  for each statement execute function app_units_changed('member');
-- The members' name index is written only with the members it indexes, which announce the change.
drop trigger if exists data_changed on member_name_suffix;
drop trigger if exists data_changed on membership;
create trigger data_changed after truncate on membership for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on membership;
create trigger data_changed_insert after insert on membership referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on membership;
create trigger data_changed_update after update on membership referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on membership;
create trigger data_changed_delete after delete on membership referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on officer;
create trigger data_changed after truncate on officer for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on officer;
create trigger data_changed_insert after insert on officer referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on officer;
create trigger data_changed_update after update on officer referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on officer;
create trigger data_changed_delete after delete on officer referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on org_unit;
create trigger data_changed after insert or update or delete or truncate on org_unit
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on org_unit_former_name;
create trigger data_changed after insert or update or delete or truncate on org_unit_former_name
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on org_unit_kind;
create trigger data_changed after insert or update or delete or truncate on org_unit_kind
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on org_unit_kind_rule;
create trigger data_changed after insert or update or delete or truncate on org_unit_kind_rule
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on org_unit_parent;
create trigger data_changed after insert or update or delete or truncate on org_unit_parent
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on org_unit_path;
create trigger data_changed after insert or update or delete or truncate on org_unit_path
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on org_unit_succession;
create trigger data_changed after insert or update or delete or truncate on org_unit_succession
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on programme;
create trigger data_changed after insert or update or delete or truncate on programme
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on report;
create trigger data_changed after truncate on report for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on report;
create trigger data_changed_insert after insert on report referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on report;
create trigger data_changed_update after update on report referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on report;
create trigger data_changed_delete after delete on report referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on report_deadline;
create trigger data_changed after truncate on report_deadline for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on report_deadline;
create trigger data_changed_insert after insert on report_deadline referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on report_deadline;
create trigger data_changed_update after update on report_deadline referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on report_deadline;
create trigger data_changed_delete after delete on report_deadline referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on report_form;
create trigger data_changed after insert or update or delete or truncate on report_form
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on report_period;
create trigger data_changed after insert or update or delete or truncate on report_period
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on report_transition;
create trigger data_changed after truncate on report_transition for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on report_transition;
create trigger data_changed_insert after insert on report_transition referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on report_transition;
create trigger data_changed_update after update on report_transition referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on report_transition;
create trigger data_changed_delete after delete on report_transition referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on restructuring_plan;
create trigger data_changed after truncate on restructuring_plan for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on restructuring_plan;
create trigger data_changed_insert after insert on restructuring_plan referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on restructuring_plan;
create trigger data_changed_update after update on restructuring_plan referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on restructuring_plan;
create trigger data_changed_delete after delete on restructuring_plan referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on role_assignment;
create trigger data_changed after truncate on role_assignment for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on role_assignment;
create trigger data_changed_insert after insert on role_assignment referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on role_assignment;
create trigger data_changed_update after update on role_assignment referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on role_assignment;
create trigger data_changed_delete after delete on role_assignment referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed on session;
create trigger data_changed after insert or update or delete or truncate on session
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on target;
create trigger data_changed after truncate on target for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on target;
create trigger data_changed_insert after insert on target referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id', 'set_by_id');
drop trigger if exists data_changed_update on target;
create trigger data_changed_update after update on target referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id', 'set_by_id');
drop trigger if exists data_changed_delete on target;
create trigger data_changed_delete after delete on target referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id', 'set_by_id');
drop trigger if exists data_changed on unit_rating;
create trigger data_changed after truncate on unit_rating for each statement execute function app_data_changed();
drop trigger if exists data_changed_insert on unit_rating;
create trigger data_changed_insert after insert on unit_rating referencing new table as new_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_update on unit_rating;
create trigger data_changed_update after update on unit_rating referencing new table as new_rows old table as old_rows
  for each statement execute function app_units_changed('unit_id');
drop trigger if exists data_changed_delete on unit_rating;
create trigger data_changed_delete after delete on unit_rating referencing old table as old_rows
  for each statement execute function app_units_changed('unit_id');
