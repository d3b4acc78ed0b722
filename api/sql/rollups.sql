-- The rollup store: each record's change is added to its unit's own figures (stat_own) and queued as a
-- delta (stat_delta) that stat_fold carries up to the ancestors of the year's tree (stat_rollup);
-- stat_recount and stat_rebuild redo a subtree after the tree changes. Current definitions, applied
-- again whenever this file changes (db/repeatable.ts).

-- Adds signed changes, one row per unit and year, to the own totals and appends them as deltas. The rows
-- come sorted, so that concurrent statements lock own rows in the same order.
create or replace function stat_add(changes stat_own[]) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  insert into stat_own as s select * from unnest(changes)
  on conflict (unit_id, year) do update set
    members_net = s.members_net + excluded.members_net,
    new_members = s.new_members + excluded.new_members,
    grassroots_net = s.grassroots_net + excluded.grassroots_net,
    new_grassroots = s.new_grassroots + excluded.new_grassroots,
    welfare_participants = s.welfare_participants + excluded.welfare_participants,
    welfare_amount = s.welfare_amount + excluded.welfare_amount,
    support_cases = s.support_cases + excluded.support_cases,
    support_amount = s.support_amount + excluded.support_amount,
    gift_packages = s.gift_packages + excluded.gift_packages,
    gift_amount = s.gift_amount + excluded.gift_amount,
    charity_amount = s.charity_amount + excluded.charity_amount,
    houses_built = s.houses_built + excluded.houses_built,
    housing_amount = s.housing_amount + excluded.housing_amount,
    initiatives = s.initiatives + excluded.initiatives,
    awards_collective = s.awards_collective + excluded.awards_collective,
    awards_individual = s.awards_individual + excluded.awards_individual,
    party_referrals = s.party_referrals + excluded.party_referrals,
    party_admissions = s.party_admissions + excluded.party_admissions,
    women_net = s.women_net + excluded.women_net,
    dues_collected = s.dues_collected + excluded.dues_collected,
    dues_expected = s.dues_expected + excluded.dues_expected,
    funding_paid = s.funding_paid + excluded.funding_paid,
    funding_due = s.funding_due + excluded.funding_due,
    finance_arrears = s.finance_arrears + excluded.finance_arrears,
    finance_kept = s.finance_kept + excluded.finance_kept,
    finance_to_direct_upper = s.finance_to_direct_upper + excluded.finance_to_direct_upper,
    finance_to_province = s.finance_to_province + excluded.finance_to_province,
    finance_to_national = s.finance_to_national + excluded.finance_to_national;
  insert into stat_delta select * from unnest(changes);
end $$;

-- A stock interval [first, last] (last inclusive, null while open) counts on 31 December of each year it
-- covers: +1 in its first year, -1 in the first year whose 31 December it no longer covers.
create or replace function activity_stat_rows(changed jsonb, sign integer) returns setof stat_own language sql as $$
  select a.unit_id, cast(extract(year from a.occurred_on) as smallint),
    cast(0 as integer) as members_net,
    cast(0 as integer) as new_members,
    cast(0 as integer) as grassroots_net,
    cast(0 as integer) as new_grassroots,
    cast(sign * coalesce(sum(a.quantity) filter (where a.kind = 'WELFARE'), 0) as bigint) as welfare_participants,
    cast(sign * coalesce(sum(a.amount) filter (where a.kind = 'WELFARE'), 0) as bigint) as welfare_amount,
    cast(sign * coalesce(sum(a.quantity) filter (where a.kind = 'SUPPORT'), 0) as bigint) as support_cases,
    cast(sign * coalesce(sum(a.amount) filter (where a.kind = 'SUPPORT'), 0) as bigint) as support_amount,
    cast(sign * coalesce(sum(a.quantity) filter (where a.kind = 'GIFT'), 0) as bigint) as gift_packages,
    cast(sign * coalesce(sum(a.amount) filter (where a.kind = 'GIFT'), 0) as bigint) as gift_amount,
    cast(sign * coalesce(sum(a.amount) filter (where a.kind = 'CHARITY'), 0) as bigint) as charity_amount,
    cast(sign * coalesce(sum(a.quantity) filter (where a.kind = 'UNION_HOME'), 0) as bigint) as houses_built,
    cast(sign * coalesce(sum(a.amount) filter (where a.kind = 'UNION_HOME'), 0) as bigint) as housing_amount,
    cast(sign * coalesce(sum(a.quantity) filter (where a.kind = 'INITIATIVE'), 0) as bigint) as initiatives,
    cast(0 as integer) as awards_collective,
    cast(0 as integer) as awards_individual,
    cast(sign * coalesce(sum(a.quantity) filter (where a.kind = 'PARTY_REFERRAL'), 0) as bigint) as party_referrals,
    cast(sign * coalesce(sum(a.quantity) filter (where a.kind = 'PARTY_ADMISSION'), 0) as bigint) as party_admissions,
    cast(0 as integer) as women_net,
    cast(0 as bigint) as dues_collected,
    cast(0 as bigint) as dues_expected,
    cast(0 as bigint) as funding_paid,
    cast(0 as bigint) as funding_due,
    cast(0 as bigint) as finance_arrears,
    cast(0 as bigint) as finance_kept,
    cast(0 as bigint) as finance_to_direct_upper,
    cast(0 as bigint) as finance_to_province,
    cast(0 as bigint) as finance_to_national
  from jsonb_to_recordset(changed) as a(unit_id integer, occurred_on date, kind text, quantity bigint, amount bigint)
  group by 1, 2 order by 1, 2
$$;

create or replace function award_stat_rows(changed jsonb, sign integer) returns setof stat_own language sql as $$
  select a.unit_id, cast(coalesce(a.for_year, extract(year from a.awarded_on)) as smallint),
    cast(0 as integer) as members_net,
    cast(0 as integer) as new_members,
    cast(0 as integer) as grassroots_net,
    cast(0 as integer) as new_grassroots,
    cast(0 as bigint) as welfare_participants,
    cast(0 as bigint) as welfare_amount,
    cast(0 as bigint) as support_cases,
    cast(0 as bigint) as support_amount,
    cast(0 as bigint) as gift_packages,
    cast(0 as bigint) as gift_amount,
    cast(0 as bigint) as charity_amount,
    cast(0 as bigint) as houses_built,
    cast(0 as bigint) as housing_amount,
    cast(0 as bigint) as initiatives,
    cast(sign * count(*) filter (where a.collective) as integer) as awards_collective,
    cast(sign * count(*) filter (where not a.collective) as integer) as awards_individual,
    cast(0 as bigint) as party_referrals,
    cast(0 as bigint) as party_admissions,
    cast(0 as integer) as women_net,
    cast(0 as bigint) as dues_collected,
    cast(0 as bigint) as dues_expected,
    cast(0 as bigint) as funding_paid,
    cast(0 as bigint) as funding_due,
    cast(0 as bigint) as finance_arrears,
    cast(0 as bigint) as finance_kept,
    cast(0 as bigint) as finance_to_direct_upper,
    cast(0 as bigint) as finance_to_province,
    cast(0 as bigint) as finance_to_national
  from jsonb_to_recordset(changed) as a(unit_id integer, awarded_on date, for_year integer, collective boolean)
  group by 1, 2 order by 1, 2
$$;

-- A membership is a stock interval; an admission (not a transfer) is also a new member of its year; a
-- woman's membership also counts among the women members (membership.female, kept from the member).
create or replace function membership_stat_rows(changed jsonb, sign integer) returns setof stat_own language sql as $$
  select unit_id, cast(year as smallint),
    cast(sum(members_net) as integer) as members_net,
    cast(sum(new_members) as integer) as new_members,
    cast(0 as integer) as grassroots_net,
    cast(0 as integer) as new_grassroots,
    cast(0 as bigint) as welfare_participants,
    cast(0 as bigint) as welfare_amount,
    cast(0 as bigint) as support_cases,
    cast(0 as bigint) as support_amount,
    cast(0 as bigint) as gift_packages,
    cast(0 as bigint) as gift_amount,
    cast(0 as bigint) as charity_amount,
    cast(0 as bigint) as houses_built,
    cast(0 as bigint) as housing_amount,
    cast(0 as bigint) as initiatives,
    cast(0 as integer) as awards_collective,
    cast(0 as integer) as awards_individual,
    cast(0 as bigint) as party_referrals,
    cast(0 as bigint) as party_admissions,
    cast(sum(women_net) as integer) as women_net,
    cast(0 as bigint) as dues_collected,
    cast(0 as bigint) as dues_expected,
    cast(0 as bigint) as funding_paid,
    cast(0 as bigint) as funding_due,
    cast(0 as bigint) as finance_arrears,
    cast(0 as bigint) as finance_kept,
    cast(0 as bigint) as finance_to_direct_upper,
    cast(0 as bigint) as finance_to_province,
    cast(0 as bigint) as finance_to_national
  from (
    select m.unit_id, extract(year from m.joined_on) as year, sign as members_net,
           case when m.admission then sign else 0 end as new_members,
           case when m.female then sign else 0 end as women_net
      from jsonb_to_recordset(changed) as m(unit_id integer, joined_on date, left_on date, admission boolean, female boolean)
    union all
    select m.unit_id, extract(year from m.left_on + 1), -sign, 0, case when m.female then -sign else 0 end
      from jsonb_to_recordset(changed) as m(unit_id integer, joined_on date, left_on date, admission boolean, female boolean)
     where m.left_on is not null
  ) c
  group by 1, 2 order by 1, 2
$$;

-- A grassroots union is a stock interval of the tree itself, and a new one in its first year.
create or replace function grassroots_stat_rows(changed jsonb, sign integer) returns setof stat_own language sql as $$
  select unit_id, cast(year as smallint),
    cast(0 as integer) as members_net,
    cast(0 as integer) as new_members,
    cast(sum(grassroots_net) as integer) as grassroots_net,
    cast(sum(new_grassroots) as integer) as new_grassroots,
    cast(0 as bigint) as welfare_participants,
    cast(0 as bigint) as welfare_amount,
    cast(0 as bigint) as support_cases,
    cast(0 as bigint) as support_amount,
    cast(0 as bigint) as gift_packages,
    cast(0 as bigint) as gift_amount,
    cast(0 as bigint) as charity_amount,
    cast(0 as bigint) as houses_built,
    cast(0 as bigint) as housing_amount,
    cast(0 as bigint) as initiatives,
    cast(0 as integer) as awards_collective,
    cast(0 as integer) as awards_individual,
    cast(0 as bigint) as party_referrals,
    cast(0 as bigint) as party_admissions,
    cast(0 as integer) as women_net,
    cast(0 as bigint) as dues_collected,
    cast(0 as bigint) as dues_expected,
    cast(0 as bigint) as funding_paid,
    cast(0 as bigint) as funding_due,
    cast(0 as bigint) as finance_arrears,
    cast(0 as bigint) as finance_kept,
    cast(0 as bigint) as finance_to_direct_upper,
    cast(0 as bigint) as finance_to_province,
    cast(0 as bigint) as finance_to_national
  from (
    select u.id as unit_id, extract(year from u.valid_from) as year, sign as grassroots_net, sign as new_grassroots
      from jsonb_to_recordset(changed) as u(id integer, kind text, valid_from date, valid_to date)
     where u.kind = 'GRASSROOTS_UNION'
    union all
    select u.id, extract(year from u.valid_to + 1), -sign, 0
      from jsonb_to_recordset(changed) as u(id integer, kind text, valid_from date, valid_to date)
     where u.kind = 'GRASSROOTS_UNION' and u.valid_to is not null
  ) c
  group by 1, 2 order by 1, 2
$$;

-- A grassroots union's month of collections counts in the year of its month: what was collected, paid and
-- due, the arrears (what was due and not collected, of dues and of union funding apart) and the shares of
-- what was collected, as computed when the month was written (modules/finance).
create or replace function finance_stat_rows(changed jsonb, sign integer) returns setof stat_own language sql as $$
  select f.unit_id, cast(extract(year from f.month) as smallint),
    cast(0 as integer) as members_net,
    cast(0 as integer) as new_members,
    cast(0 as integer) as grassroots_net,
    cast(0 as integer) as new_grassroots,
    cast(0 as bigint) as welfare_participants,
    cast(0 as bigint) as welfare_amount,
    cast(0 as bigint) as support_cases,
    cast(0 as bigint) as support_amount,
    cast(0 as bigint) as gift_packages,
    cast(0 as bigint) as gift_amount,
    cast(0 as bigint) as charity_amount,
    cast(0 as bigint) as houses_built,
    cast(0 as bigint) as housing_amount,
    cast(0 as bigint) as initiatives,
    cast(0 as integer) as awards_collective,
    cast(0 as integer) as awards_individual,
    cast(0 as bigint) as party_referrals,
    cast(0 as bigint) as party_admissions,
    cast(0 as integer) as women_net,
    cast(sign * sum(f.dues_collected) as bigint) as dues_collected,
    cast(sign * sum(f.dues_expected) as bigint) as dues_expected,
    cast(sign * sum(f.funding_paid) as bigint) as funding_paid,
    cast(sign * sum(f.funding_due) as bigint) as funding_due,
    cast(sign * sum(f.arrears) as bigint) as finance_arrears,
    cast(sign * sum(f.kept) as bigint) as finance_kept,
    cast(sign * sum(cast(f.dues_shares ->> 'directUpper' as bigint) + cast(f.funding_shares ->> 'directUpper' as bigint)) as bigint) as finance_to_direct_upper,
    cast(sign * sum(cast(f.dues_shares ->> 'province' as bigint) + cast(f.funding_shares ->> 'province' as bigint)) as bigint) as finance_to_province,
    cast(sign * sum(cast(f.dues_shares ->> 'national' as bigint) + cast(f.funding_shares ->> 'national' as bigint)) as bigint) as finance_to_national
  from jsonb_to_recordset(changed) as f(unit_id integer, month date, dues_collected bigint, dues_expected bigint,
    funding_paid bigint, funding_due bigint, arrears bigint, kept bigint, dues_shares jsonb, funding_shares jsonb)
  group by 1, 2 order by 1, 2
$$;

-- The months of the subtrees: a month of collections added (sign 1) or taken away (-1) at its union and
-- every unit above it on the tree of the month's year.
create or replace function finance_month_add(changed jsonb, sign integer) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  insert into finance_month_rollup as r (unit_id, month, unions, dues_collected, dues_expected, funding_paid,
    funding_due, arrears, kept)
  select a.ancestor, f.month, sign * count(*), sign * sum(f.dues_collected), sign * sum(f.dues_expected),
         sign * sum(f.funding_paid), sign * sum(f.funding_due),
         sign * sum(f.arrears),
         sign * sum(f.kept)
    from jsonb_to_recordset(changed) as f(unit_id integer, month date, dues_collected bigint, dues_expected bigint,
         funding_paid bigint, funding_due bigint, arrears bigint, kept bigint)
    cross join lateral stat_ancestors(f.unit_id, cast(extract(year from f.month) as integer)) as a(ancestor)
   group by 1, 2 order by 1, 2
  on conflict (unit_id, month) do update set
    unions = r.unions + excluded.unions,
    dues_collected = r.dues_collected + excluded.dues_collected,
    dues_expected = r.dues_expected + excluded.dues_expected,
    funding_paid = r.funding_paid + excluded.funding_paid,
    funding_due = r.funding_due + excluded.funding_due,
    arrears = r.arrears + excluded.arrears,
    kept = r.kept + excluded.kept;
end $$;

-- The months of the given units' subtrees (all units when null) counted again from the months of
-- collections, from from_year on: after a change of the tree, as the yearly rollups are.
create or replace function finance_month_recount(units integer[], from_year integer) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if units is null then
    -- Every union's ancestors found once a year, not once a month.
    delete from finance_month_rollup where month >= make_date(from_year, 1, 1);
    insert into finance_month_rollup (unit_id, month, unions, dues_collected, dues_expected, funding_paid,
      funding_due, arrears, kept)
    with placed as (
      select u.unit_id, u.year, a.ancestor
        from (select distinct f.unit_id, cast(extract(year from f.month) as integer) as year
                from finance_collection f where f.month >= make_date(from_year, 1, 1)) u
        cross join lateral stat_ancestors(u.unit_id, u.year) as a(ancestor)
    )
    select p.ancestor, f.month, count(*), sum(f.dues_collected), sum(f.dues_expected), sum(f.funding_paid),
           sum(f.funding_due),
           sum(f.arrears),
           sum(f.kept)
      from finance_collection f
      join placed p on p.unit_id = f.unit_id and p.year = cast(extract(year from f.month) as integer)
     where f.month >= make_date(from_year, 1, 1)
     group by 1, 2;
    return;
  end if;
  delete from finance_month_rollup where unit_id = any(units) and month >= make_date(from_year, 1, 1);
  insert into finance_month_rollup (unit_id, month, unions, dues_collected, dues_expected, funding_paid,
    funding_due, arrears, kept)
  select o.unit_id, f.month, count(*), sum(f.dues_collected), sum(f.dues_expected), sum(f.funding_paid),
         sum(f.funding_due),
         sum(f.arrears),
         sum(f.kept)
    from unnest(units) as o(unit_id)
    cross join generate_series(from_year, cast(extract(year from current_date) as integer) + 1) as y(year)
    cross join lateral stat_subtree_units(o.unit_id, y.year) as u(unit_id)
    join finance_collection f on f.unit_id = u.unit_id
     and f.month between make_date(y.year, 1, 1) and make_date(y.year, 12, 1)
   group by 1, 2;
end $$;

-- One trigger function per table (static SQL, so its plans are cached).
create or replace function activity_stat() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform stat_add(array(select r from activity_stat_rows((select jsonb_agg(o) from old_rows o), -1) r));
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform stat_add(array(select r from activity_stat_rows((select jsonb_agg(n) from new_rows n), 1) r));
  end if;
  return null;
end $$;

create or replace function award_stat() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform stat_add(array(select r from award_stat_rows((select jsonb_agg(o) from old_rows o), -1) r));
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform stat_add(array(select r from award_stat_rows((select jsonb_agg(n) from new_rows n), 1) r));
  end if;
  return null;
end $$;

create or replace function membership_stat() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform stat_add(array(select r from membership_stat_rows((select jsonb_agg(o) from old_rows o), -1) r));
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform stat_add(array(select r from membership_stat_rows((select jsonb_agg(n) from new_rows n), 1) r));
  end if;
  return null;
end $$;

create or replace function grassroots_stat() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform stat_add(array(select r from grassroots_stat_rows((select jsonb_agg(o) from old_rows o), -1) r));
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform stat_add(array(select r from grassroots_stat_rows((select jsonb_agg(n) from new_rows n), 1) r));
  end if;
  return null;
end $$;

create or replace function finance_stat() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform stat_add(array(select r from finance_stat_rows((select jsonb_agg(o) from old_rows o), -1) r));
    perform finance_month_add((select jsonb_agg(o) from old_rows o), -1);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform stat_add(array(select r from finance_stat_rows((select jsonb_agg(n) from new_rows n), 1) r));
    perform finance_month_add((select jsonb_agg(n) from new_rows n), 1);
  end if;
  return null;
end $$;

create or replace function stat_subtree_units(owner integer, yr integer) returns setof integer language sql stable as $$
  select g.id
    from org_unit_path p join org_unit g on g.id = p.unit_id
   where exists (select 1 from org_unit_path o where o.unit_id = owner and nlevel(o.path) = 1)
     and p.path ~ ('*.' || owner || '.*')::lquery
     and p.period @> least(make_date(yr, 12, 31), g.valid_to)
     and g.valid_from <= make_date(yr, 12, 31) and (g.valid_to is null or g.valid_to >= make_date(yr, 1, 1))
  union all
  select g.id
    from (select distinct o.path from org_unit_path o where o.unit_id = owner and nlevel(o.path) > 1) o
    join org_unit_path p on p.path <@ o.path
    join org_unit g on g.id = p.unit_id
   where p.period @> least(make_date(yr, 12, 31), g.valid_to)
     and g.valid_from <= make_date(yr, 12, 31) and (g.valid_to is null or g.valid_to >= make_date(yr, 1, 1))
$$;

-- The units a unit's records count in for a year: itself and its ancestors on its placement day.
create or replace function stat_ancestors(unit integer, yr integer) returns setof integer language sql stable as $$
  select cast(label as integer)
    from org_unit g
    join org_unit_path p on p.unit_id = g.id and p.period @> least(make_date(yr, 12, 31), g.valid_to)
    cross join unnest(string_to_array(ltree2text(p.path), '.')) as label
   where g.id = unit and g.valid_from <= make_date(yr, 12, 31) and (g.valid_to is null or g.valid_to >= make_date(yr, 1, 1))
$$;

-- Moves the deltas into the rollups of every materialised year they count in, in one statement: a reader
-- sees either the deltas or the rollups that include them, never both.
create or replace function stat_fold_now() returns bigint language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  folded bigint;
begin
  with d as (delete from stat_delta returning *),
  spread as (
    select d.unit_id, y.year,
      d.members_net as members_net,
      case when y.year = d.year then d.new_members else 0 end as new_members,
      d.grassroots_net as grassroots_net,
      case when y.year = d.year then d.new_grassroots else 0 end as new_grassroots,
      case when y.year = d.year then d.welfare_participants else 0 end as welfare_participants,
      case when y.year = d.year then d.welfare_amount else 0 end as welfare_amount,
      case when y.year = d.year then d.support_cases else 0 end as support_cases,
      case when y.year = d.year then d.support_amount else 0 end as support_amount,
      case when y.year = d.year then d.gift_packages else 0 end as gift_packages,
      case when y.year = d.year then d.gift_amount else 0 end as gift_amount,
      case when y.year = d.year then d.charity_amount else 0 end as charity_amount,
      case when y.year = d.year then d.houses_built else 0 end as houses_built,
      case when y.year = d.year then d.housing_amount else 0 end as housing_amount,
      case when y.year = d.year then d.initiatives else 0 end as initiatives,
      case when y.year = d.year then d.awards_collective else 0 end as awards_collective,
      case when y.year = d.year then d.awards_individual else 0 end as awards_individual,
      case when y.year = d.year then d.party_referrals else 0 end as party_referrals,
      case when y.year = d.year then d.party_admissions else 0 end as party_admissions,
      d.women_net as women_net,
      case when y.year = d.year then d.dues_collected else 0 end as dues_collected,
      case when y.year = d.year then d.dues_expected else 0 end as dues_expected,
      case when y.year = d.year then d.funding_paid else 0 end as funding_paid,
      case when y.year = d.year then d.funding_due else 0 end as funding_due,
      case when y.year = d.year then d.finance_arrears else 0 end as finance_arrears,
      case when y.year = d.year then d.finance_kept else 0 end as finance_kept,
      case when y.year = d.year then d.finance_to_direct_upper else 0 end as finance_to_direct_upper,
      case when y.year = d.year then d.finance_to_province else 0 end as finance_to_province,
      case when y.year = d.year then d.finance_to_national else 0 end as finance_to_national
      from d join stat_rollup_year y on y.year >= d.year
  ),
  placed as (
    select a.ancestor, s.* from spread s cross join lateral stat_ancestors(s.unit_id, s.year) as a(ancestor)
  )
  insert into stat_rollup as r (unit_id, year, members_net, new_members, grassroots_net, new_grassroots, welfare_participants, welfare_amount, support_cases, support_amount, gift_packages, gift_amount, charity_amount, houses_built, housing_amount, initiatives, awards_collective, awards_individual, party_referrals, party_admissions, women_net, dues_collected, dues_expected, funding_paid, funding_due, finance_arrears, finance_kept, finance_to_direct_upper, finance_to_province, finance_to_national)
  select ancestor, year,
    sum(members_net),
    sum(new_members),
    sum(grassroots_net),
    sum(new_grassroots),
    sum(welfare_participants),
    sum(welfare_amount),
    sum(support_cases),
    sum(support_amount),
    sum(gift_packages),
    sum(gift_amount),
    sum(charity_amount),
    sum(houses_built),
    sum(housing_amount),
    sum(initiatives),
    sum(awards_collective),
    sum(awards_individual),
    sum(party_referrals),
    sum(party_admissions),
    sum(women_net),
    sum(dues_collected),
    sum(dues_expected),
    sum(funding_paid),
    sum(funding_due),
    sum(finance_arrears),
    sum(finance_kept),
    sum(finance_to_direct_upper),
    sum(finance_to_province),
    sum(finance_to_national)
    from placed group by ancestor, year order by ancestor, year
  on conflict (unit_id, year) do update set
    members_net = r.members_net + excluded.members_net,
    new_members = r.new_members + excluded.new_members,
    grassroots_net = r.grassroots_net + excluded.grassroots_net,
    new_grassroots = r.new_grassroots + excluded.new_grassroots,
    welfare_participants = r.welfare_participants + excluded.welfare_participants,
    welfare_amount = r.welfare_amount + excluded.welfare_amount,
    support_cases = r.support_cases + excluded.support_cases,
    support_amount = r.support_amount + excluded.support_amount,
    gift_packages = r.gift_packages + excluded.gift_packages,
    gift_amount = r.gift_amount + excluded.gift_amount,
    charity_amount = r.charity_amount + excluded.charity_amount,
    houses_built = r.houses_built + excluded.houses_built,
    housing_amount = r.housing_amount + excluded.housing_amount,
    initiatives = r.initiatives + excluded.initiatives,
    awards_collective = r.awards_collective + excluded.awards_collective,
    awards_individual = r.awards_individual + excluded.awards_individual,
    party_referrals = r.party_referrals + excluded.party_referrals,
    party_admissions = r.party_admissions + excluded.party_admissions,
    women_net = r.women_net + excluded.women_net,
    dues_collected = r.dues_collected + excluded.dues_collected,
    dues_expected = r.dues_expected + excluded.dues_expected,
    funding_paid = r.funding_paid + excluded.funding_paid,
    funding_due = r.funding_due + excluded.funding_due,
    finance_arrears = r.finance_arrears + excluded.finance_arrears,
    finance_kept = r.finance_kept + excluded.finance_kept,
    finance_to_direct_upper = r.finance_to_direct_upper + excluded.finance_to_direct_upper,
    finance_to_province = r.finance_to_province + excluded.finance_to_province,
    finance_to_national = r.finance_to_national + excluded.finance_to_national;
  get diagnostics folded = row_count;
  return folded;
end $$;

-- The folder's entry: skips when another fold is running.
create or replace function stat_fold() returns bigint language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  if not pg_try_advisory_xact_lock(hashtext('stat_fold')) then
    return 0;
  end if;
  return stat_fold_now();
end $$;

-- Recounts the rollups of the years from from_year to current_year out of the own totals: after a change
-- of the tree, and to materialise a new year. Writers wait meanwhile, so no delta slips between the fold
-- of the pending ones and the recount.
create or replace function stat_rebuild(from_year integer, current_year integer) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  lock table stat_delta in share row exclusive mode;
  perform pg_advisory_xact_lock(hashtext('stat_fold'));
  perform stat_fold_now();
  insert into stat_rollup_year (year)
    select generate_series(from_year, current_year) on conflict do nothing;
  delete from stat_rollup where year >= from_year;
  insert into stat_rollup (unit_id, year, members_net, new_members, grassroots_net, new_grassroots, welfare_participants, welfare_amount, support_cases, support_amount, gift_packages, gift_amount, charity_amount, houses_built, housing_amount, initiatives, awards_collective, awards_individual, party_referrals, party_admissions, women_net, dues_collected, dues_expected, funding_paid, funding_due, finance_arrears, finance_kept, finance_to_direct_upper, finance_to_province, finance_to_national)
  select a.ancestor, u.year,
    sum(members_net),
    sum(new_members),
    sum(grassroots_net),
    sum(new_grassroots),
    sum(welfare_participants),
    sum(welfare_amount),
    sum(support_cases),
    sum(support_amount),
    sum(gift_packages),
    sum(gift_amount),
    sum(charity_amount),
    sum(houses_built),
    sum(housing_amount),
    sum(initiatives),
    sum(awards_collective),
    sum(awards_individual),
    sum(party_referrals),
    sum(party_admissions),
    sum(women_net),
    sum(dues_collected),
    sum(dues_expected),
    sum(funding_paid),
    sum(funding_due),
    sum(finance_arrears),
    sum(finance_kept),
    sum(finance_to_direct_upper),
    sum(finance_to_province),
    sum(finance_to_national)
    from (
      select s.unit_id, y.year,
      sum(s.members_net) as members_net,
      coalesce(sum(s.new_members) filter (where s.year = y.year), 0) as new_members,
      sum(s.grassroots_net) as grassroots_net,
      coalesce(sum(s.new_grassroots) filter (where s.year = y.year), 0) as new_grassroots,
      coalesce(sum(s.welfare_participants) filter (where s.year = y.year), 0) as welfare_participants,
      coalesce(sum(s.welfare_amount) filter (where s.year = y.year), 0) as welfare_amount,
      coalesce(sum(s.support_cases) filter (where s.year = y.year), 0) as support_cases,
      coalesce(sum(s.support_amount) filter (where s.year = y.year), 0) as support_amount,
      coalesce(sum(s.gift_packages) filter (where s.year = y.year), 0) as gift_packages,
      coalesce(sum(s.gift_amount) filter (where s.year = y.year), 0) as gift_amount,
      coalesce(sum(s.charity_amount) filter (where s.year = y.year), 0) as charity_amount,
      coalesce(sum(s.houses_built) filter (where s.year = y.year), 0) as houses_built,
      coalesce(sum(s.housing_amount) filter (where s.year = y.year), 0) as housing_amount,
      coalesce(sum(s.initiatives) filter (where s.year = y.year), 0) as initiatives,
      coalesce(sum(s.awards_collective) filter (where s.year = y.year), 0) as awards_collective,
      coalesce(sum(s.awards_individual) filter (where s.year = y.year), 0) as awards_individual,
      coalesce(sum(s.party_referrals) filter (where s.year = y.year), 0) as party_referrals,
      coalesce(sum(s.party_admissions) filter (where s.year = y.year), 0) as party_admissions,
      sum(s.women_net) as women_net,
      coalesce(sum(s.dues_collected) filter (where s.year = y.year), 0) as dues_collected,
      coalesce(sum(s.dues_expected) filter (where s.year = y.year), 0) as dues_expected,
      coalesce(sum(s.funding_paid) filter (where s.year = y.year), 0) as funding_paid,
      coalesce(sum(s.funding_due) filter (where s.year = y.year), 0) as funding_due,
      coalesce(sum(s.finance_arrears) filter (where s.year = y.year), 0) as finance_arrears,
      coalesce(sum(s.finance_kept) filter (where s.year = y.year), 0) as finance_kept,
      coalesce(sum(s.finance_to_direct_upper) filter (where s.year = y.year), 0) as finance_to_direct_upper,
      coalesce(sum(s.finance_to_province) filter (where s.year = y.year), 0) as finance_to_province,
      coalesce(sum(s.finance_to_national) filter (where s.year = y.year), 0) as finance_to_national
        from stat_rollup_year y join stat_own s on s.year <= y.year
       where y.year >= from_year
       group by s.unit_id, y.year
    ) u
    cross join lateral stat_ancestors(u.unit_id, u.year) as a(ancestor)
   group by a.ancestor, u.year;
  perform finance_month_recount(null, from_year);
end $$;

-- Recounts only the given units' rollups (the old and new ancestors of what a change of the tree moved or
-- closed), for the materialised years from from_year on. Moving a subtree leaves the rollups inside it
-- as they were: only the units above it change.
create or replace function stat_recount(units integer[], from_year integer) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  lock table stat_delta in share row exclusive mode;
  perform pg_advisory_xact_lock(hashtext('stat_fold'));
  perform stat_fold_now();
  delete from stat_rollup where unit_id = any(units) and year >= from_year;
  insert into stat_rollup (unit_id, year, members_net, new_members, grassroots_net, new_grassroots, welfare_participants, welfare_amount, support_cases, support_amount, gift_packages, gift_amount, charity_amount, houses_built, housing_amount, initiatives, awards_collective, awards_individual, party_referrals, party_admissions, women_net, dues_collected, dues_expected, funding_paid, funding_due, finance_arrears, finance_kept, finance_to_direct_upper, finance_to_province, finance_to_national)
  select o.unit_id, y.year,
    sum(s.members_net) as members_net,
      coalesce(sum(s.new_members) filter (where s.year = y.year), 0) as new_members,
      sum(s.grassroots_net) as grassroots_net,
      coalesce(sum(s.new_grassroots) filter (where s.year = y.year), 0) as new_grassroots,
      coalesce(sum(s.welfare_participants) filter (where s.year = y.year), 0) as welfare_participants,
      coalesce(sum(s.welfare_amount) filter (where s.year = y.year), 0) as welfare_amount,
      coalesce(sum(s.support_cases) filter (where s.year = y.year), 0) as support_cases,
      coalesce(sum(s.support_amount) filter (where s.year = y.year), 0) as support_amount,
      coalesce(sum(s.gift_packages) filter (where s.year = y.year), 0) as gift_packages,
      coalesce(sum(s.gift_amount) filter (where s.year = y.year), 0) as gift_amount,
      coalesce(sum(s.charity_amount) filter (where s.year = y.year), 0) as charity_amount,
      coalesce(sum(s.houses_built) filter (where s.year = y.year), 0) as houses_built,
      coalesce(sum(s.housing_amount) filter (where s.year = y.year), 0) as housing_amount,
      coalesce(sum(s.initiatives) filter (where s.year = y.year), 0) as initiatives,
      coalesce(sum(s.awards_collective) filter (where s.year = y.year), 0) as awards_collective,
      coalesce(sum(s.awards_individual) filter (where s.year = y.year), 0) as awards_individual,
      coalesce(sum(s.party_referrals) filter (where s.year = y.year), 0) as party_referrals,
      coalesce(sum(s.party_admissions) filter (where s.year = y.year), 0) as party_admissions,
      sum(s.women_net) as women_net,
      coalesce(sum(s.dues_collected) filter (where s.year = y.year), 0) as dues_collected,
      coalesce(sum(s.dues_expected) filter (where s.year = y.year), 0) as dues_expected,
      coalesce(sum(s.funding_paid) filter (where s.year = y.year), 0) as funding_paid,
      coalesce(sum(s.funding_due) filter (where s.year = y.year), 0) as funding_due,
      coalesce(sum(s.finance_arrears) filter (where s.year = y.year), 0) as finance_arrears,
      coalesce(sum(s.finance_kept) filter (where s.year = y.year), 0) as finance_kept,
      coalesce(sum(s.finance_to_direct_upper) filter (where s.year = y.year), 0) as finance_to_direct_upper,
      coalesce(sum(s.finance_to_province) filter (where s.year = y.year), 0) as finance_to_province,
      coalesce(sum(s.finance_to_national) filter (where s.year = y.year), 0) as finance_to_national
    from unnest(units) as o(unit_id)
    join stat_rollup_year y on y.year >= from_year
    cross join lateral stat_subtree_units(o.unit_id, y.year) as u(unit_id)
    join stat_own s on s.unit_id = u.unit_id and s.year <= y.year
   group by o.unit_id, y.year;
  perform finance_month_recount(units, from_year);
end $$;

-- Makes sure the current year is materialised (on start, and when a new year begins).
create or replace function stat_materialise(current_year integer) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  first_missing integer;
begin
  if exists (select 1 from stat_rollup_year where year = current_year) then
    return;
  end if;
  select coalesce(max(year) + 1, least((select min(year) from stat_own), current_year), current_year)
    into first_missing from stat_rollup_year;
  perform stat_rebuild(first_missing, current_year);
end $$;

drop trigger if exists activity_stat_insert on activity;
create trigger activity_stat_insert after insert on activity referencing new table as new_rows
  for each statement execute function activity_stat();

drop trigger if exists activity_stat_update on activity;
create trigger activity_stat_update after update on activity referencing old table as old_rows new table as new_rows
  for each statement execute function activity_stat();

drop trigger if exists activity_stat_delete on activity;
create trigger activity_stat_delete after delete on activity referencing old table as old_rows
  for each statement execute function activity_stat();

drop trigger if exists award_stat_insert on award;
create trigger award_stat_insert after insert on award referencing new table as new_rows
  for each statement execute function award_stat();

drop trigger if exists award_stat_update on award;
create trigger award_stat_update after update on award referencing old table as old_rows new table as new_rows
  for each statement execute function award_stat();

drop trigger if exists award_stat_delete on award;
create trigger award_stat_delete after delete on award referencing old table as old_rows
  for each statement execute function award_stat();

drop trigger if exists membership_stat_insert on membership;
create trigger membership_stat_insert after insert on membership referencing new table as new_rows
  for each statement execute function membership_stat();

drop trigger if exists membership_stat_update on membership;
create trigger membership_stat_update after update on membership referencing old table as old_rows new table as new_rows
  for each statement execute function membership_stat();

drop trigger if exists membership_stat_delete on membership;
create trigger membership_stat_delete after delete on membership referencing old table as old_rows
  for each statement execute function membership_stat();

drop trigger if exists grassroots_stat_insert on org_unit;
create trigger grassroots_stat_insert after insert on org_unit referencing new table as new_rows
  for each statement execute function grassroots_stat();

drop trigger if exists grassroots_stat_update on org_unit;
create trigger grassroots_stat_update after update on org_unit referencing old table as old_rows new table as new_rows
  for each statement execute function grassroots_stat();

drop trigger if exists finance_stat_insert on finance_collection;
create trigger finance_stat_insert after insert on finance_collection referencing new table as new_rows
  for each statement execute function finance_stat();

drop trigger if exists finance_stat_update on finance_collection;
create trigger finance_stat_update after update on finance_collection referencing old table as old_rows new table as new_rows
  for each statement execute function finance_stat();

drop trigger if exists finance_stat_delete on finance_collection;
create trigger finance_stat_delete after delete on finance_collection referencing old table as old_rows
  for each statement execute function finance_stat();

-- Where a unit's records count on the tree of day d (figures "on today's map"): the unit itself while it
-- exists on d; else where its successor's count (the earliest by date, then by id, when it was split);
-- else, for a unit that closed without a successor or was not founded yet on d, where its parent's of its
-- last (first) day count, and `off_map` says so: its records are "no longer in the union" on that tree.
create or replace function stat_map_holder(unit integer, d date) returns table (holder integer, off_map boolean)
  language sql stable as $$
  with recursive walk(id, off_map, depth) as (
    select unit, false, 0
    union all
    select coalesce(s.successor_id, up.parent_id), w.off_map or s.successor_id is null, w.depth + 1
      from walk w
      join org_unit g on g.id = w.id
      left join lateral (select x.successor_id from org_unit_succession x
                          where x.predecessor_id = w.id and g.valid_from <= d
                          order by x.effective_date, x.successor_id limit 1) s on true
      left join lateral (select cast(ltree2text(subpath(p.path, nlevel(p.path) - 2, 1)) as integer) as parent_id
                           from org_unit_path p
                          where p.unit_id = w.id and nlevel(p.path) > 1
                            and p.period @> case when g.valid_from > d then g.valid_from else g.valid_to end) up on true
     where not g.validity @> d and w.depth < 64
  )
  select id, off_map from walk order by depth desc limit 1
$$;

-- The day the tree of `d` took its shape: the last change of units, placements or successions on or
-- before it. Every day from it to the next change reads the same tree (one map epoch).
create or replace function stat_map_epoch_of(d date) returns date language sql stable as $$
  select coalesce(greatest(
    (select max(valid_from) from org_unit where valid_from <= d),
    (select max(valid_to) + 1 from org_unit where valid_to < d),
    (select max(valid_from) from org_unit_parent where valid_from <= d),
    (select max(valid_to) + 1 from org_unit_parent where valid_to < d),
    (select max(effective_date) from org_unit_succession where effective_date <= d)), d)
$$;

-- Where the units of year `yr`'s tree count on the tree of epoch `e` (see the map_segments migration).
-- Each unit's records count at its holder; its whole subtree lands under the lowest unit of the map that
-- holds all its holders (lca); so its subtree's rollup counts from its lca up to, not including, its
-- parent's lca, and its own records alone from its holder up to its lca when they differ.
create or replace function stat_map_prepare(yr integer, e date) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  insert into stat_map_epoch (year, epoch) values (yr, e);
  insert into stat_map_segment (year, epoch, owner_id, unit_id, whole)
  with ytree as materialized (
    select g.id, p.path as ypath, g.validity @> e as on_map
      from org_unit g join org_unit_path p on p.unit_id = g.id and p.period @> least(make_date(yr, 12, 31), g.valid_to)
     where g.valid_from <= make_date(yr, 12, 31) and (g.valid_to is null or g.valid_to >= make_date(yr, 1, 1))
  ),
  placed as materialized (
    select y.id, y.ypath, dp.path as dpath
      from ytree y
      cross join lateral (select case when y.on_map then y.id else (select h.holder from stat_map_holder(y.id, e) h) end as holder) h
      join org_unit_path dp on dp.unit_id = h.holder and dp.period @> e
  ),
  lcas as materialized (
    select cast(label as integer) as id, lca(array_agg(p.dpath || text2ltree('x'))) as lca_path
      from placed p cross join unnest(string_to_array(ltree2text(p.ypath), '.')) as label
     group by 1
  ),
  spans as (
    select p.id, p.dpath, l.lca_path, coalesce(nlevel(pl.lca_path), 0) - 1 as parent_depth
      from placed p join lcas l on l.id = p.id
      left join lcas pl on nlevel(p.ypath) > 1
        and pl.id = cast(ltree2text(subpath(p.ypath, nlevel(p.ypath) - 2, 1)) as integer)
  )
  , parts as (
    select id, true as whole, lca_path as bottom, parent_depth as top_depth from spans where nlevel(lca_path) - 1 > parent_depth
    union all
    select id, false, dpath, nlevel(lca_path) - 1 from spans where dpath <> lca_path
  )
  select yr, e, cast(label as integer), p.id, p.whole
    from parts p cross join unnest(string_to_array(ltree2text(subpath(p.bottom, p.top_depth + 1)), '.')) as label;
end $$;

-- For each owner standing on the tree of `d`: the units of year `yr` whose figures (whole subtree, or own
-- records) make its figure on that tree; one row with a null unit for an owner that holds none. The
-- figures themselves are read by the caller, under row-level security.
create or replace function stat_map_placements(owners integer[], yr integer, d date)
  returns table (owner_id integer, unit_id integer, whole boolean) language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  e date := stat_map_epoch_of(d);
begin
  if not exists (select 1 from stat_map_epoch m where m.year = yr and m.epoch = e) then
    -- One preparer at a time; stat_map_forget waits for it too, so no epoch outlives a change of the tree.
    perform pg_advisory_xact_lock(hashtext('stat_map'));
    if not exists (select 1 from stat_map_epoch m where m.year = yr and m.epoch = e) then
      perform stat_map_prepare(yr, e);
    end if;
  end if;
  return query
    select o.unit_id, s.unit_id, s.whole
      from org_unit_path o
      left join stat_map_segment s on s.year = yr and s.epoch = e and s.owner_id = o.unit_id
     where o.unit_id = any(owners) and o.period @> d;
end $$;

-- Any change of the tree forgets every epoch: they are computed again when next read. Truncated, not
-- deleted: hundreds of thousands of rows go at once.
create or replace function stat_map_forget() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  perform pg_advisory_xact_lock(hashtext('stat_map'));
  truncate stat_map_segment, stat_map_epoch;
  return null;
end $$;

drop trigger if exists stat_map_forget on org_unit;
create trigger stat_map_forget after insert or delete or update of valid_from, valid_to on org_unit
  for each statement execute function stat_map_forget();
drop trigger if exists stat_map_forget on org_unit_parent;
create trigger stat_map_forget after insert or update or delete on org_unit_parent
  for each statement execute function stat_map_forget();
drop trigger if exists stat_map_forget on org_unit_succession;
create trigger stat_map_forget after insert or update or delete on org_unit_succession
  for each statement execute function stat_map_forget();
