import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security reads the request's scope from transaction settings, and the policies as the
 * accounts migration wrote them paid for it on every row they checked:
 *
 * - Each called `current_setting` (and cast the scope, or the path units) per row: a province's members,
 *   1.3 million memberships on the national dataset, paid it 1.3 million times. Every read of a setting
 *   is now a scalar subquery, evaluated once per statement (an InitPlan): Q3's member search as a
 *   whole-country viewer 530 → 330 ms in PostgreSQL.
 * - The scope was an lquery naming its roots anywhere in a path ('*.23|24|25.*'), which the path index
 *   cannot narrow: each set of the scope's units a statement built (PostgreSQL's hashed form of a
 *   policy's EXISTS) scanned every path of the country, ~25 ms, twice on a province officer's dashboard
 *   (PT's ADMIN: 94 ms against the national ADMIN's 13 ms). The setting now holds the roots' own paths,
 *   each as the lquery of everything under it ('{1.23.*,1.24.*,1.25.*}', matched with `?`): the same
 *   units (a unit stood under a root at some date exactly when one of its paths lies under one of the
 *   root's; a tenancy test compares both for every unit), found through the index (~2 ms for PT).
 *   `app_begin_request` writes it, `app_in_scope` and every policy read it.
 * - Memberships and activities are the rows a viewer reads by the hundreds of thousands, and their
 *   policies looked up each row's unit paths (~7 µs a row): as PT's ADMIN, a search of PT's members took
 *   9-10 s and the list hit the 10 s statement limit; PT's activities of 2025 (47,211) 0.40 s against
 *   0.1 s. Those two policies now test each row against the scope's units, found once per statement and
 *   hashed (`inScopeSet`); the member queries read a subtree unit by unit so that no plan scans every
 *   membership (member.loaders.ts).
 *
 * Each policy is rewritten from its own text in the catalogue, the setting reads replaced by the same
 * reads in subqueries; the conditions are otherwise unchanged. The tenancy tests check that no policy
 * reads a setting per row.
 */
export class Migration20261126200000ScopePaths extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create or replace function app_begin_request(actor text, operation text, grants jsonb) returns jsonb language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  national integer;
  permission text;
  granted integer[];
  roots integer[];
  path integer[];
  closure jsonb;
  paths text;
  found_roots integer[];
  found_paths text;
  result jsonb := '{}';
begin
  select id into national from org_unit where kind = 'NATIONAL_FEDERATION';
  -- Each unit granted, with the units it took over (transitively), for every permission at once.
  with recursive given(origin) as (
    select distinct cast(jsonb_array_elements_text(value) as integer) from jsonb_each(grants)
  ), taken(origin, id) as (
    select origin, origin from given where origin is distinct from national
    union
    select t.origin, s.predecessor_id from org_unit_succession s join taken t on s.successor_id = t.id
  )
  select coalesce(jsonb_object_agg(origin, ids), '{}') into closure
    from (select origin, jsonb_agg(id) as ids from taken group by origin) c;
  for permission, granted in
    select key, array(select cast(jsonb_array_elements_text(value) as integer)) from jsonb_each(grants)
  loop
    if national = any(granted) then
      roots := array[national];
    else
      select coalesce(array_agg(distinct cast(x.id as integer) order by cast(x.id as integer)), '{}') into roots
        from unnest(granted) as g(unit), jsonb_array_elements_text(closure -> cast(g.unit as text)) as x(id);
    end if;
    -- The roots' own paths, each as the lquery of everything under it: '{1.23.*,1.24.*}'.
    -- (A role's permissions share their roots: found once.)
    if national = any(roots) then
      paths := '*';
    elsif roots is not distinct from found_roots then
      paths := found_paths;
    else
      select coalesce('{' || string_agg(distinct ltree2text(p.path) || '.*', ',') || '}', '') into paths
        from org_unit_path p where p.unit_id = any(roots);
      found_roots := roots;
      found_paths := paths;
    end if;
    perform set_config('app.scope_' || permission, paths, true);
    result := result || jsonb_build_object(permission,
      case when national = any(roots) then to_jsonb(text '*') else to_jsonb(roots) end);
  end loop;
  select coalesce(array_agg(distinct a.id), '{}') into path
    from org_unit_path p
    cross join lateral unnest(cast(string_to_array(ltree2text(p.path), '.') as integer[])) as a(id)
   where jsonb_typeof(result -> 'unit_read') = 'array'
     and p.unit_id = any(array(select cast(jsonb_array_elements_text(result -> 'unit_read') as integer)))
     and not app_in_scope(a.id, 'unit_read');
  perform set_config('app.path_units', cast(path as text), true);
  perform set_config('app.actor', actor, true);
  perform set_config('app.operation', coalesce(operation, ''), true);
  return result || jsonb_build_object('path_units', to_jsonb(path));
end $$;

create or replace function app_in_scope(unit integer, permission text) returns boolean language sql stable as $$
  select case coalesce(current_setting('app.scope_' || permission, true), '')
    when '' then false
    when '*' then true
    else exists (select 1 from org_unit_path p
                  where p.unit_id = $1 and p.path ? cast(current_setting('app.scope_' || permission, true) as lquery[]))
  end
$$;

create function pg_temp.app_scope_settings(condition text) returns text language sql immutable as $f$
  select regexp_replace(regexp_replace(regexp_replace(condition,
    -- The scope's text, CASE's subject and the comparisons: read once per statement.
    $r$COALESCE\\(current_setting\\('(app\\.scope_[a-z_]+)'::text, true\\), ''::text\\)$r$,
    $r$(SELECT COALESCE(current_setting('\\1'::text, true), ''::text))$r$, 'g'),
    -- The scope matched against a path (after the first rewrite): the roots' paths, cast once.
    $r$(\\w+)\\.path ~ \\(NULLIF\\(\\(SELECT COALESCE\\(current_setting\\('(app\\.scope_[a-z_]+)'::text, true\\), ''::text\\)\\), ''::text\\)\\)::lquery$r$,
    $r$\\1.path ? (SELECT (NULLIF(COALESCE(current_setting('\\2'::text, true), ''::text), ''::text))::lquery[])$r$, 'g'),
    -- The path units as an array (the outer cast keeps "= ANY (...)" an array, not a subquery).
    $r$\\(COALESCE\\(NULLIF\\(current_setting\\('app\\.path_units'::text, true\\), ''::text\\), '\\{\\}'::text\\)\\)::integer\\[\\]$r$,
    $r$((SELECT (COALESCE(NULLIF(current_setting('app.path_units'::text, true), ''::text), '{}'::text))::integer[]))::integer[]$r$, 'g')
$f$;

do $$
declare
  p record;
  using_clause text;
  check_clause text;
begin
  for p in select * from pg_policies where schemaname = current_schema() loop
    using_clause := pg_temp.app_scope_settings(p.qual);
    check_clause := pg_temp.app_scope_settings(p.with_check);
    execute format('alter policy %I on %I.%I', p.policyname, p.schemaname, p.tablename)
      || case when using_clause is null then '' else format(' using (%s)', using_clause) end
      || case when check_clause is null then '' else format(' with check (%s)', check_clause) end;
  end loop;
  if exists (select 1 from pg_policies where schemaname = current_schema()
              and coalesce(qual, '') || coalesce(with_check, '') ~ '::lquery[^[]') then
    raise exception 'a policy still reads the scope as one lquery';
  end if;
end $$;

alter policy membership_read on membership using (${inScopeSet('membership.unit_id', 'member_read')});
alter policy activity_read on activity using (${inScopeSet('activity.unit_id', 'unit_read')});
`);
  }
}

/** The unit in `column` is one of the permission's scope units, found once per statement and hashed. */
function inScopeSet(column: string, permission: string): string {
  const setting = `coalesce(current_setting('app.scope_${permission}', true), '')`;
  return `case (select ${setting})
    when '' then false
    when '*' then true
    else ${column} in (
      select p.unit_id from org_unit_path p where p.path ? (select cast(nullif(${setting}, '') as lquery[])))
  end`;
}
