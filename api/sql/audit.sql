-- The audit log and the change notice: what a request changed is logged at its unit; what anyone else
-- changed is announced on cdvn_data_changed (the response cache empties). Current definitions, applied
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

create or replace function app_data_changed() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if coalesce(current_setting('app.actor', true), '') = '' then
    perform pg_notify('cdvn_data_changed', 'sql');
  end if;
  return null;
end $$;

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

-- Every table but the rollup store announces its changes (see app_data_changed).
drop trigger if exists data_changed on account;
create trigger data_changed after insert or update or delete or truncate on account
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on activity;
create trigger data_changed after insert or update or delete or truncate on activity
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on annual_theme;
create trigger data_changed after insert or update or delete or truncate on annual_theme
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on api_key;
create trigger data_changed after insert or update or delete or truncate on api_key
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on audit_log;
create trigger data_changed after insert or update or delete or truncate on audit_log
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on award;
create trigger data_changed after insert or update or delete or truncate on award
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on award_kind_issuer;
create trigger data_changed after insert or update or delete or truncate on award_kind_issuer
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on congress_term;
create trigger data_changed after insert or update or delete or truncate on congress_term
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on emulation_cluster;
create trigger data_changed after insert or update or delete or truncate on emulation_cluster
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on emulation_cluster_member;
create trigger data_changed after insert or update or delete or truncate on emulation_cluster_member
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on member;
create trigger data_changed after insert or update or delete or truncate on member
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on member_name_suffix;
create trigger data_changed after insert or update or delete or truncate on member_name_suffix
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on membership;
create trigger data_changed after insert or update or delete or truncate on membership
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on officer;
create trigger data_changed after insert or update or delete or truncate on officer
  for each statement execute function app_data_changed();
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
create trigger data_changed after insert or update or delete or truncate on report
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on report_deadline;
create trigger data_changed after insert or update or delete or truncate on report_deadline
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on report_form;
create trigger data_changed after insert or update or delete or truncate on report_form
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on report_period;
create trigger data_changed after insert or update or delete or truncate on report_period
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on report_transition;
create trigger data_changed after insert or update or delete or truncate on report_transition
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on restructuring_plan;
create trigger data_changed after insert or update or delete or truncate on restructuring_plan
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on role_assignment;
create trigger data_changed after insert or update or delete or truncate on role_assignment
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on session;
create trigger data_changed after insert or update or delete or truncate on session
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on target;
create trigger data_changed after insert or update or delete or truncate on target
  for each statement execute function app_data_changed();
drop trigger if exists data_changed on unit_rating;
create trigger data_changed after insert or update or delete or truncate on unit_rating
  for each statement execute function app_data_changed();
