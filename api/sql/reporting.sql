-- The reporting cycle's database half: the figures a unit contributes itself to a period, and the lock a
-- submitted or approved report puts on every figure it counts. Current definitions, applied again whenever
-- this file changes (db/repeatable.ts). The lock lives here, not in the resolvers, so that imports, scripts
-- and every future write path obey it.

-- The day an award counts on: the last day of the year it honours, or the day it was granted.
create or replace function award_day(awarded_on date, for_year smallint) returns date
  language sql immutable as $$
  select case when for_year is null then awarded_on else make_date(for_year, 12, 31) end
$$;

-- What a unit contributes itself (its children report their own) to a period: flows dated from starts_on to
-- as_at, stocks on as_at; one row shaped as the own totals, summed with the rollups' own mapping of records to
-- metrics (activity_stat_rows, award_stat_rows in rollups.sql). Read with the caller's row-level security.
create or replace function report_own_figures(unit integer, starts_on date, as_at date) returns stat_own
  language sql stable set search_path = public, pg_temp as $$
  select unit, cast(extract(year from as_at) as smallint),
    cast((select count(*) from membership m where m.unit_id = unit and m.period @> as_at) as integer),
    cast((select count(*) from membership m
           where m.unit_id = unit and m.admission and m.joined_on between starts_on and as_at) as integer),
    cast((select count(*) from org_unit u
           where u.id = unit and u.kind = 'GRASSROOTS_UNION' and u.validity @> as_at) as integer),
    cast((select count(*) from org_unit u
           where u.id = unit and u.kind = 'GRASSROOTS_UNION' and u.valid_from between starts_on and as_at) as integer),
    cast(coalesce(sum(r.welfare_participants), 0) as bigint),
    cast(coalesce(sum(r.welfare_amount), 0) as bigint),
    cast(coalesce(sum(r.support_cases), 0) as bigint),
    cast(coalesce(sum(r.support_amount), 0) as bigint),
    cast(coalesce(sum(r.gift_packages), 0) as bigint),
    cast(coalesce(sum(r.gift_amount), 0) as bigint),
    cast(coalesce(sum(r.charity_amount), 0) as bigint),
    cast(coalesce(sum(r.houses_built), 0) as bigint),
    cast(coalesce(sum(r.housing_amount), 0) as bigint),
    cast(coalesce(sum(r.initiatives), 0) as bigint),
    cast(coalesce(sum(r.awards_collective), 0) as integer),
    cast(coalesce(sum(r.awards_individual), 0) as integer),
    cast(coalesce(sum(r.party_referrals), 0) as bigint),
    cast(coalesce(sum(r.party_admissions), 0) as bigint),
    cast((select count(*) from membership m where m.unit_id = unit and m.female and m.period @> as_at) as integer),
    cast(coalesce(sum(r.dues_collected), 0) as bigint),
    cast(coalesce(sum(r.dues_expected), 0) as bigint),
    cast(coalesce(sum(r.funding_paid), 0) as bigint),
    cast(coalesce(sum(r.funding_due), 0) as bigint),
    cast(coalesce(sum(r.finance_arrears), 0) as bigint),
    cast(coalesce(sum(r.finance_kept), 0) as bigint),
    cast(coalesce(sum(r.finance_to_direct_upper), 0) as bigint),
    cast(coalesce(sum(r.finance_to_province), 0) as bigint),
    cast(coalesce(sum(r.finance_to_national), 0) as bigint)
  from (
    select * from activity_stat_rows(
      (select coalesce(jsonb_agg(a), '[]') from activity a
        where a.unit_id = unit and a.occurred_on between starts_on and as_at), 1)
    union all
    select * from award_stat_rows(
      (select coalesce(jsonb_agg(w), '[]') from award w
        where w.unit_id = unit and award_day(w.awarded_on, w.for_year) between starts_on and as_at), 1)
    union all
    select * from finance_stat_rows(
      (select coalesce(jsonb_agg(f), '[]') from finance_collection f
        where f.unit_id = unit and f.month between starts_on and as_at), 1)
  ) r
$$;

-- A change to the figures of `unit` on the days from `from_day` to `to_day` (null: every later day, as a
-- change of a stock counts on every period end after it).
drop type if exists report_change cascade;
create type report_change as (unit_id integer, from_day date, to_day date);

-- Refuses the changes when a submitted or approved report counts them: the report of the unit or of any unit
-- it stood under on that report's date, for a period whose days overlap the change. The error says which
-- period, whose report, its state and who can reopen it (PERIOD_LOCKED in the API; db-errors.ts).
create or replace function report_lock_refuse(changes report_change[]) returns void
  language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
  hit record;
begin
  -- Most writes are dated in periods nobody has submitted yet (this year's): one look at those periods'
  -- locking reports, and they are through.
  if not exists (
    select 1 from report_period pr
     where pr.as_at >= (select min(c.from_day) from unnest(changes) c)
       and pr.starts_on <= (select max(coalesce(c.to_day, 'infinity')) from unnest(changes) c where c.from_day is not null)
       and exists (select 1 from report r where r.period_code = pr.code and r.state in ('SUBMITTED', 'APPROVED'))
  ) then
    return;
  end if;
  select r.period_code, r.state, o.code as unit_code, o.name as unit_name,
         (select pu.code from org_unit_parent l join org_unit pu on pu.id = l.parent_id
           where l.unit_id = r.unit_id and l.period @> r.as_at) as parent_code
    into hit
    from (select distinct * from unnest(changes)) c
    join report_period pr on pr.as_at >= c.from_day and pr.starts_on <= coalesce(c.to_day, 'infinity')
    -- The unit itself, even where it no longer stands in the tree on that date (a closing), and the units
    -- it stood under.
    left join org_unit_path p on p.unit_id = c.unit_id and p.period @> pr.as_at
    join report r on r.period_code = pr.code
     and r.unit_id = any(coalesce(cast(string_to_array(ltree2text(p.path), '.') as integer[]), '{}') || c.unit_id)
     and r.state in ('SUBMITTED', 'APPROVED')
    join org_unit o on o.id = r.unit_id
   where c.from_day is not null
   order by pr.as_at, r.unit_id = c.unit_id desc, nlevel(p.path) desc
   limit 1;
  if found then
    raise exception using
      errcode = 'CDPL1',
      message = format('Period %s is locked: the report of %s (%s) is %s, and this change would alter its figures.',
        hit.period_code, hit.unit_code, hit.unit_name, hit.state),
      detail = json_build_object('period', hit.period_code, 'unitCode', hit.unit_code, 'state', hit.state,
        'reopenBy', hit.parent_code)::text,
      hint = case when hit.parent_code is null then 'Nobody above it can reopen it.'
        when hit.state = 'APPROVED' then format('An officer of %s or above can reopen it.', hit.parent_code)
        else format('An officer of %s or above can return it.', hit.parent_code) end;
  end if;
end $$;

-- Completeness counts kept ready (report_tally): per period, every unit's subtree, itself included, counted by
-- the reporters' kind and report state (NONE before a report is begun), whether the level above marked
-- them as not reported and whether they submitted by their deadline. A period is counted whole when first
-- read (report_tally_ensure); after that each report's change moves one count in each unit above it; a
-- change of the tree or of a deadline forgets the periods it touches, to be counted again when read.
-- Counting takes the period's lock exclusively, report changes take it shared: a count never misses a
-- change that commits while it runs.

-- Whether a report submitted at `submitted_at` was on time: by the earliest of its level's national deadline
-- and those the units above it (`ids`, its path) set for their subtrees.
create or replace function report_on_time(p_code text, kind text, ids integer[], submitted_at timestamptz)
  returns boolean language sql stable set search_path = public, pg_temp as $$
  select coalesce(cast(submitted_at at time zone 'Asia/Ho_Chi_Minh' as date) <= (
    select min(d.due_on) from report_deadline d
     where d.period_code = p_code
       and d.level = case kind when 'GRASSROOTS_UNION' then 'GRASSROOTS' when 'PROVINCIAL_FEDERATION' then 'PROVINCE'
                               else 'UPPER_DIRECT' end
       and (d.unit_id is null or d.unit_id = any(ids))), false)
$$;

create or replace function report_tally_lock(p_code text, exclusive boolean) returns void
  language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if exclusive then
    perform pg_advisory_xact_lock(hashtext('report_tally'), hashtext(p_code));
  else
    perform pg_advisory_xact_lock_shared(hashtext('report_tally'), hashtext(p_code));
  end if;
end $$;

-- Counts the period whole, unless it is counted already: hash joins over the period's tree and reports (about
-- 2 s for the national federation's 128,000 reporters), each reporter counted in every unit of its path. On
-- time as report_on_time says, with the national deadlines joined and the units' own looked up only when a
-- unit set one for the period.
create or replace function report_tally_ensure(p_code text) returns void
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  day date;
  own_deadlines boolean;
begin
  if exists (select 1 from report_tally_period where period_code = p_code) then
    return;
  end if;
  perform report_tally_lock(p_code, true);
  if exists (select 1 from report_tally_period where period_code = p_code) then
    return;
  end if;
  select as_at into day from report_period where code = p_code;
  if day is null then
    return;
  end if;
  own_deadlines := exists (select 1 from report_deadline where period_code = p_code and unit_id is not null);
  delete from report_tally where period_code = p_code;
  insert into report_tally (period_code, as_at, unit_id, kind, state, not_reported, on_time, n)
  select p_code, day, a.id, x.kind, x.state, x.not_reported, x.on_time, count(*)
    from (select u.kind, coalesce(r.state, 'NONE') as state, r.not_reported_reason is not null as not_reported,
                 coalesce(cast(r.submitted_at at time zone 'Asia/Ho_Chi_Minh' as date) <= least(nat.due_on,
                   case when own_deadlines then
                     (select min(d.due_on) from report_deadline d
                       where d.period_code = p_code and d.level = nat.level
                         and d.unit_id = any(cast(string_to_array(ltree2text(p.path), '.') as integer[])))
                   end), false) as on_time,
                 cast(string_to_array(ltree2text(p.path), '.') as integer[]) as ids
            from org_unit_path p
            join org_unit u on u.id = p.unit_id
            left join report_deadline nat on nat.period_code = p_code and nat.unit_id is null
             and nat.level = case u.kind when 'GRASSROOTS_UNION' then 'GRASSROOTS'
                                         when 'PROVINCIAL_FEDERATION' then 'PROVINCE' else 'UPPER_DIRECT' end
            left join report r on r.unit_id = p.unit_id and r.period_code = p_code
           where p.period @> day and u.kind <> 'NATIONAL_FEDERATION') x
    cross join lateral unnest(x.ids) a(id)
   group by a.id, x.kind, x.state, x.not_reported, x.on_time;
  insert into report_tally_period (period_code) values (p_code);
end $$;

-- Forgets a period's counts, to be counted again when next read.
create or replace function report_tally_forget_period(p_code text) returns void
  language plpgsql security definer set search_path = public, pg_temp as $$
begin
  perform report_tally_lock(p_code, true);
  delete from report_tally_period where period_code = p_code;
  delete from report_tally where period_code = p_code;
end $$;

-- Forgets the counts of the periods whose date falls on or after `from_day` (a change of the tree).
create or replace function report_tally_forget(from_day date) returns void
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  p_code text;
begin
  for p_code in
    select t.period_code from report_tally_period t join report_period pr on pr.code = t.period_code
     where pr.as_at >= from_day order by t.period_code
  loop
    perform report_tally_forget_period(p_code);
  end loop;
end $$;

-- A report's change: its count moves from its old state to its new one in its own and every unit above it.
create or replace function report_tally_move() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  r report;
  unit_kind text;
  ids integer[];
  from_state text := 'NONE';
  from_not_reported boolean := false;
  from_on_time boolean := false;
  to_state text := 'NONE';
  to_not_reported boolean := false;
  to_on_time boolean := false;
begin
  if tg_op = 'DELETE' then
    r := old;
  else
    r := new;
  end if;
  perform report_tally_lock(r.period_code, false);
  if not exists (select 1 from report_tally_period where period_code = r.period_code) then
    return null;
  end if;
  select u.kind, cast(string_to_array(ltree2text(p.path), '.') as integer[])
    into unit_kind, ids
    from org_unit u join org_unit_path p on p.unit_id = u.id and p.period @> r.as_at
   where u.id = r.unit_id;
  if ids is null then
    return null;
  end if;
  if tg_op <> 'INSERT' then
    from_state := old.state;
    from_not_reported := old.not_reported_reason is not null;
    from_on_time := report_on_time(r.period_code, unit_kind, ids, old.submitted_at);
  end if;
  if tg_op <> 'DELETE' then
    to_state := new.state;
    to_not_reported := new.not_reported_reason is not null;
    to_on_time := report_on_time(r.period_code, unit_kind, ids, new.submitted_at);
  end if;
  if (from_state, from_not_reported, from_on_time) = (to_state, to_not_reported, to_on_time) then
    return null;
  end if;
  -- In one order (unit, then key), so that concurrent moves never wait on each other in a circle.
  insert into report_tally as t (period_code, as_at, unit_id, kind, state, not_reported, on_time, n)
  select r.period_code, r.as_at, a.id, unit_kind, k.state, k.not_reported, k.on_time, k.n
    from unnest(ids) a(id)
    cross join (values (from_state, from_not_reported, from_on_time, -1),
                       (to_state, to_not_reported, to_on_time, 1)) k(state, not_reported, on_time, n)
   order by a.id, k.state, k.not_reported, k.on_time
  on conflict (period_code, unit_id, kind, state, not_reported, on_time) do update set n = t.n + excluded.n;
  return null;
end $$;

drop trigger if exists report_tally_move on report;
create trigger report_tally_move after insert or delete or update of state, not_reported_reason, submitted_at
  on report for each row execute function report_tally_move();

-- A deadline set or changed: the period's "on time" counts are counted again when next read.
create or replace function report_deadline_tally_forget() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  perform report_tally_forget_period(coalesce(new.period_code, old.period_code));
  return null;
end $$;

drop trigger if exists report_deadline_tally_forget on report_deadline;
create trigger report_deadline_tally_forget after insert or update or delete on report_deadline
  for each row execute function report_deadline_tally_forget();

-- One trigger function per table (static SQL, so its plans are cached), after each statement, over the rows
-- it changed; an update counts only when a column that feeds a figure changed.
create or replace function activity_report_lock() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    perform report_lock_refuse(array(select row(n.unit_id, n.occurred_on, n.occurred_on)::report_change from new_rows n));
  elsif tg_op = 'DELETE' then
    perform report_lock_refuse(array(select row(o.unit_id, o.occurred_on, o.occurred_on)::report_change from old_rows o));
  else
    perform report_lock_refuse(array(
      select row(x.unit_id, x.day, x.day)::report_change
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (values (o.unit_id, o.occurred_on), (n.unit_id, n.occurred_on)) x(unit_id, day)
       where (o.unit_id, o.occurred_on, o.kind, o.quantity, o.amount)
             is distinct from (n.unit_id, n.occurred_on, n.kind, n.quantity, n.amount)));
  end if;
  return null;
end $$;

-- A month of collections counts in the periods that hold any of its days.
create or replace function finance_report_lock() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    perform report_lock_refuse(array(
      select row(n.unit_id, n.month, (n.month + interval '1 month - 1 day')::date)::report_change from new_rows n));
  elsif tg_op = 'DELETE' then
    perform report_lock_refuse(array(
      select row(o.unit_id, o.month, (o.month + interval '1 month - 1 day')::date)::report_change from old_rows o));
  else
    perform report_lock_refuse(array(
      select row(x.unit_id, x.month, (x.month + interval '1 month - 1 day')::date)::report_change
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (values (o.unit_id, o.month), (n.unit_id, n.month)) x(unit_id, month)
       where (o.unit_id, o.month, o.dues_collected, o.dues_expected, o.funding_paid, o.funding_due, o.dues_shares, o.funding_shares)
             is distinct from (n.unit_id, n.month, n.dues_collected, n.dues_expected, n.funding_paid, n.funding_due, n.dues_shares, n.funding_shares)));
  end if;
  return null;
end $$;

create or replace function award_report_lock() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    perform report_lock_refuse(array(
      select row(n.unit_id, award_day(n.awarded_on, n.for_year), award_day(n.awarded_on, n.for_year))::report_change
        from new_rows n));
  elsif tg_op = 'DELETE' then
    perform report_lock_refuse(array(
      select row(o.unit_id, award_day(o.awarded_on, o.for_year), award_day(o.awarded_on, o.for_year))::report_change
        from old_rows o));
  else
    perform report_lock_refuse(array(
      select row(x.unit_id, x.day, x.day)::report_change
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (values (o.unit_id, award_day(o.awarded_on, o.for_year)),
                                   (n.unit_id, award_day(n.awarded_on, n.for_year))) x(unit_id, day)
       where (o.unit_id, o.awarded_on, o.for_year, o.collective)
             is distinct from (n.unit_id, n.awarded_on, n.for_year, n.collective)));
  end if;
  return null;
end $$;

-- A membership is a stock from the day it starts to the day it ends: a change counts from the first day
-- whose count it alters (and an admission in the period it is dated in).
create or replace function membership_report_lock() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    perform report_lock_refuse(array(select row(n.unit_id, n.joined_on, null)::report_change from new_rows n));
  elsif tg_op = 'DELETE' then
    perform report_lock_refuse(array(select row(o.unit_id, o.joined_on, null)::report_change from old_rows o));
  else
    perform report_lock_refuse(array(
      select row(x.unit_id, x.day, null)::report_change
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (
          select o.unit_id, o.joined_on where o.unit_id <> n.unit_id
          union all select n.unit_id, n.joined_on where o.unit_id <> n.unit_id
          union all select n.unit_id, least(o.joined_on, n.joined_on)
           where o.unit_id = n.unit_id
             and (o.joined_on <> n.joined_on or o.admission <> n.admission or o.female <> n.female)
          union all select n.unit_id, least(coalesce(o.left_on, 'infinity'), coalesce(n.left_on, 'infinity')) + 1
           where o.unit_id = n.unit_id and o.left_on is distinct from n.left_on
        ) x(unit_id, day)));
  end if;
  return null;
end $$;

-- The tree: a link added, ended or moved changes the figures of the parent's reports (and those above it)
-- from the first day it changes.
create or replace function org_unit_parent_report_lock() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  changes report_change[];
begin
  if tg_op = 'INSERT' then
    changes := array(select row(n.parent_id, n.valid_from, null)::report_change from new_rows n);
  elsif tg_op = 'DELETE' then
    changes := array(select row(o.parent_id, o.valid_from, null)::report_change from old_rows o);
  else
    changes := array(
      select row(x.unit_id, x.day, null)::report_change
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (
          select o.parent_id, o.valid_from where o.parent_id <> n.parent_id or o.unit_id <> n.unit_id
          union all select n.parent_id, n.valid_from where o.parent_id <> n.parent_id or o.unit_id <> n.unit_id
          union all select n.parent_id, least(o.valid_from, n.valid_from)
           where o.parent_id = n.parent_id and o.unit_id = n.unit_id and o.valid_from <> n.valid_from
          union all select n.parent_id,
                 least(coalesce(o.valid_to, 'infinity'), coalesce(n.valid_to, 'infinity')) + 1
           where o.parent_id = n.parent_id and o.unit_id = n.unit_id and o.valid_to is distinct from n.valid_to
        ) x(unit_id, day));
  end if;
  perform report_lock_refuse(changes);
  perform report_tally_forget((select min(c.from_day) from unnest(changes) c));
  return null;
end $$;

-- A unit founded, closed or re-dated counts in its own figures (a grassroots union counts itself) from the
-- first day that changes; its links, and so its parents' figures, are org_unit_parent's above.
create or replace function org_unit_report_lock() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  changes report_change[];
begin
  changes := array(
    select row(n.id, x.day, null)::report_change
      from old_rows o join new_rows n on n.id = o.id
      cross join lateral (
        select least(o.valid_from, n.valid_from) where o.valid_from <> n.valid_from or o.kind <> n.kind
        union all select least(coalesce(o.valid_to, 'infinity'), coalesce(n.valid_to, 'infinity')) + 1
         where o.valid_to is distinct from n.valid_to
      ) x(day));
  perform report_lock_refuse(changes);
  perform report_tally_forget((select min(c.from_day) from unnest(changes) c));
  return null;
end $$;

drop trigger if exists org_unit_report_lock_update on org_unit;
create trigger org_unit_report_lock_update after update on org_unit
  referencing old table as old_rows new table as new_rows
  for each statement execute function org_unit_report_lock();

drop trigger if exists activity_report_lock_insert on activity;
create trigger activity_report_lock_insert after insert on activity referencing new table as new_rows
  for each statement execute function activity_report_lock();
drop trigger if exists activity_report_lock_update on activity;
create trigger activity_report_lock_update after update on activity
  referencing old table as old_rows new table as new_rows
  for each statement execute function activity_report_lock();
drop trigger if exists activity_report_lock_delete on activity;
create trigger activity_report_lock_delete after delete on activity referencing old table as old_rows
  for each statement execute function activity_report_lock();

drop trigger if exists finance_report_lock_insert on finance_collection;
create trigger finance_report_lock_insert after insert on finance_collection referencing new table as new_rows
  for each statement execute function finance_report_lock();
drop trigger if exists finance_report_lock_update on finance_collection;
create trigger finance_report_lock_update after update on finance_collection
  referencing old table as old_rows new table as new_rows
  for each statement execute function finance_report_lock();
drop trigger if exists finance_report_lock_delete on finance_collection;
create trigger finance_report_lock_delete after delete on finance_collection referencing old table as old_rows
  for each statement execute function finance_report_lock();

drop trigger if exists award_report_lock_insert on award;
create trigger award_report_lock_insert after insert on award referencing new table as new_rows
  for each statement execute function award_report_lock();
drop trigger if exists award_report_lock_update on award;
create trigger award_report_lock_update after update on award
  referencing old table as old_rows new table as new_rows
  for each statement execute function award_report_lock();
drop trigger if exists award_report_lock_delete on award;
create trigger award_report_lock_delete after delete on award referencing old table as old_rows
  for each statement execute function award_report_lock();

drop trigger if exists membership_report_lock_insert on membership;
create trigger membership_report_lock_insert after insert on membership referencing new table as new_rows
  for each statement execute function membership_report_lock();
drop trigger if exists membership_report_lock_update on membership;
create trigger membership_report_lock_update after update on membership
  referencing old table as old_rows new table as new_rows
  for each statement execute function membership_report_lock();
drop trigger if exists membership_report_lock_delete on membership;
create trigger membership_report_lock_delete after delete on membership referencing old table as old_rows
  for each statement execute function membership_report_lock();

drop trigger if exists org_unit_parent_report_lock_insert on org_unit_parent;
create trigger org_unit_parent_report_lock_insert after insert on org_unit_parent
  referencing new table as new_rows
  for each statement execute function org_unit_parent_report_lock();
drop trigger if exists org_unit_parent_report_lock_update on org_unit_parent;
create trigger org_unit_parent_report_lock_update after update on org_unit_parent
  referencing old table as old_rows new table as new_rows
  for each statement execute function org_unit_parent_report_lock();
drop trigger if exists org_unit_parent_report_lock_delete on org_unit_parent;
create trigger org_unit_parent_report_lock_delete after delete on org_unit_parent
  referencing old table as old_rows
  for each statement execute function org_unit_parent_report_lock();
