/**
 * The database half of the tenancy rule (the API half is scope.ts): how a request's scope is opened, and
 * every row-level security policy, as they stand today. This module is the one place the policies are
 * written; `tenancySql` drops every policy of the schema and creates these, and db/repeatable.ts applies
 * it again whenever it changes.
 *
 * The rule, sliced by date (docs/api.md, "Who sees what"). A role held at unit U has as its roots U and
 * the units U took over (transitively: HY holds TB's history).
 * 1. Dated data (a record of a day, a year's figures, a link or membership of a period) about unit u is
 *    read when u stood under a root on that date. A year's date is its last day, or the unit's last day
 *    when it closed that year, the date its rollup is read on.
 * 2. Current data (role assignments, API keys) is read when u stands under a root today; a member's
 *    personal data when the union that holds the member now (or held them last) stands, or last stood,
 *    under a root. An earlier union reads the membership period it held (and the name, through
 *    `member_names`), never the member's row.
 * 3. Writes need both: the date of what is written under a root, and u standing under a root today or,
 *    for a unit that closed, on its last day. Roles held at a closed unit write nothing: their grants
 *    are dropped from the write permissions (`record_write`, `structure_write`, `account_admin`).
 *
 * The settings `app_begin_request` writes, per permission: `app.scope_<p>` ('' nothing, '*' everything,
 * else the roots' paths as an lquery[]: '{1.23.*,1.24.*}'), `app.under_<p>` (the same paths as an ltree[],
 * '{1.23,1.24}', where `app.scope_<p>` is neither), `app.crossers_<p>` (the units that stood under
 * the roots on some days and not on others: only their rows need a check by date), and `app.today`.
 * Every setting is read in a scalar subquery, once per statement.
 */

import { settingKey, WRITE_PERMISSIONS } from './permissions';

function setting(name: string): string {
  return `(select coalesce(current_setting('app.${name}', true), ''))`;
}

function roots(permission: string): string {
  return `(select cast(nullif(coalesce(current_setting('app.scope_${permission}', true), ''), '') as lquery[]))`;
}

const TODAY = `(select cast(nullif(current_setting('app.today', true), '') as date))`;

/** '' matches nothing, '*' everything, anything else is decided by `condition`. */
function scoped(permission: string, condition: string): string {
  return `(case ${setting(`scope_${permission}`)} when '' then false when '*' then true else ${condition} end)`;
}

/** A path row `p` of the unit in `column` under the roots, with `when` on `p` (its date). */
function pathOf(column: string, permission: string, when: string): string {
  return `exists (select 1 from org_unit_path p where p.unit_id = ${column} and p.path ? ${roots(permission)} and ${when})`;
}

/** What a row's date is, as a condition on a path row `p` of its unit. */
export const ON = {
  day: (day: string) => `p.period @> ${day}`,
  period: (period: string) => `p.period && ${period}`,
  /** A year's last day, or the unit's last day when it closed that year (its last path is `standing`). */
  year: (year: string) =>
    `lower(p.period) <= make_date(${year}, 12, 31) and (p.standing or p.period @> make_date(${year}, 12, 31))`,
  anyDay: 'true',
};

/** The unit in `column` stood under the roots on the row's date. */
function dated(column: string, permission: string, when: string): string {
  return scoped(permission, pathOf(column, permission, when));
}

/**
 * The same for tables read by the hundred thousand (memberships, activities): the scope's units are found
 * once per statement (`scope_units`, from the roots' paths in `app.under_<p>`) and hashed; only units that
 * crossed the scope's edge are checked by date, row by row.
 */
function datedInBulk(column: string, permission: string, when: string): string {
  const crossers = `(select unnest(cast(coalesce(nullif(current_setting('app.crossers_${permission}', true), ''), '{}') as integer[])))`;
  const under = `(select cast(nullif(coalesce(current_setting('app.under_${permission}', true), ''), '') as ltree[]))`;
  return scoped(
    permission,
    `(${column} in (select u.unit_id from scope_units(${under}) as u(unit_id))
       and ${column} not in ${crossers})
     or (${column} in ${crossers} and ${pathOf(column, permission, when)})`,
  );
}

/** The unit in `column` stands under the roots today or, closed, stood there on its last day. */
function standing(column: string, permission: string): string {
  return dated(column, permission, 'p.standing');
}

/** The unit in `column` stands under the roots today (and so exists today). */
function current(column: string, permission: string): string {
  return dated(column, permission, `p.period @> ${TODAY}`);
}

/** Writing a row of this date: the date under the roots, and the unit standing under them. */
function writable(column: string, when: string): string {
  return `(${dated(column, 'record_write', when)} and ${standing(column, 'record_write')})`;
}

/** The viewer holds the permission somewhere. */
function anywhere(permission: string): string {
  return `${setting(`scope_${permission}`)} <> ''`;
}

/** An ancestor of the viewer's units, seen by code and name only. */
function pathUnit(column: string): string {
  return `${column} = any(cast((select coalesce(nullif(current_setting('app.path_units', true), ''), '{}')) as integer[]))`;
}

/** The memberships a viewer reads: those of the unions that stood under its roots during the period. */
const MEMBERSHIP_READ = datedInBulk('membership.unit_id', 'member_read', ON.period('membership.period'));

/**
 * The same rule checked row by row, for the few memberships of a page's members (`member_names`): a
 * membership lies within its union's life (api/sql/members.sql), so a union that is not a crosser stood
 * under the roots during it exactly when it is in the scope's set. Hashing a merged province's 11,296
 * paths for 50 names took longer than the search that found them.
 */
const MEMBERSHIP_READ_EACH = dated('membership.unit_id', 'member_read', ON.period('membership.period'));

/** Record tables: the column that dates a row, read with `unit_read`, written with `record_write`. */
const RECORD_DATES: Record<string, string> = {
  activity: ON.day('activity.occurred_on'),
  award: ON.day('award.awarded_on'),
  target: ON.year('target.year'),
  unit_rating: ON.year('unit_rating.year'),
  officer: ON.period('officer.term'),
  congress_term: ON.period(
    "daterange(make_date(congress_term.from_year, 1, 1), make_date(congress_term.to_year, 12, 31), '[]')",
  ),
  annual_theme: ON.year('annual_theme.year'),
  emulation_cluster_member: ON.year('emulation_cluster_member.year'),
};

interface Policy {
  table: string;
  name: string;
  command: 'select' | 'insert' | 'update' | 'delete';
  using?: string;
  check?: string;
}

/** Every policy of the schema. Writes are checked on the rows both before and after (never FOR ALL). */
export function tenancyPolicies(): Policy[] {
  const policies: Policy[] = [];
  const read = (table: string, using: string) =>
    policies.push({ table, name: 'read', command: 'select', using });
  const writes = (table: string, clause: string) => {
    policies.push({ table, name: 'insert', command: 'insert', check: clause });
    policies.push({ table, name: 'update', command: 'update', using: clause, check: clause });
    policies.push({ table, name: 'delete', command: 'delete', using: clause });
  };

  // A unit's identity is read for any day it stood under a root (its data is dated: see its fields).
  // A new unit has no place until its link to a parent is written in the same transaction.
  const placed = `exists (select 1 from org_unit_path p where p.unit_id = org_unit.id)`;
  read(
    'org_unit',
    `${dated('org_unit.id', 'unit_read', ON.anyDay)} or ${pathUnit('org_unit.id')}
      or (${anywhere('structure_write')} and not ${placed})`,
  );
  policies.push({ table: 'org_unit', name: 'create', command: 'insert', check: anywhere('structure_write') });
  policies.push({
    table: 'org_unit',
    name: 'change',
    command: 'update',
    using: standing('org_unit.id', 'structure_write'),
    check: `${standing('org_unit.id', 'structure_write')} or not ${placed}`,
  });

  read(
    'org_unit_parent',
    `${dated('org_unit_parent.unit_id', 'unit_read', ON.period('org_unit_parent.period'))}
      or ${pathUnit('org_unit_parent.unit_id')}
      or ${dated('org_unit_parent.parent_id', 'structure_write', ON.period('org_unit_parent.period'))}`,
  );
  // A link is written under a parent that stands under the roots, for days on which it stood there.
  const link = `${dated('org_unit_parent.parent_id', 'structure_write', ON.period('org_unit_parent.period'))}
    and ${standing('org_unit_parent.parent_id', 'structure_write')}`;
  policies.push({ table: 'org_unit_parent', name: 'create', command: 'insert', check: link });
  const ownLink = standing('org_unit_parent.unit_id', 'structure_write');
  policies.push({ table: 'org_unit_parent', name: 'change', command: 'update', using: ownLink });
  policies.push({ table: 'org_unit_parent', name: 'remove', command: 'delete', using: ownLink });

  // A succession is read where both units' identities are: a closed union's admin learns that the
  // province federation above it (on its path, named in its breadcrumb) took its unions over.
  const identity = (column: string) => `(${dated(column, 'unit_read', ON.anyDay)} or ${pathUnit(column)})`;
  read(
    'org_unit_succession',
    `${identity('org_unit_succession.predecessor_id')} and ${identity('org_unit_succession.successor_id')}`,
  );
  policies.push({
    table: 'org_unit_succession',
    name: 'create',
    command: 'insert',
    check: `${standing('org_unit_succession.predecessor_id', 'structure_write')}
      and ${standing('org_unit_succession.successor_id', 'structure_write')}`,
  });

  // A unit's earlier names are read with its identity, and kept by whoever renames it.
  read('org_unit_former_name', identity('org_unit_former_name.unit_id'));
  policies.push({
    table: 'org_unit_former_name',
    name: 'create',
    command: 'insert',
    check: standing('org_unit_former_name.unit_id', 'structure_write'),
  });

  // Members: personal data, read by those over the union that holds the member (or held them last).
  read('member', standing('member.holder_unit_id', 'member_read'));
  policies.push({
    table: 'member',
    name: 'create',
    command: 'insert',
    check: standing('member.holder_unit_id', 'record_write'),
  });
  policies.push({
    table: 'member',
    name: 'change',
    command: 'update',
    using: standing('member.holder_unit_id', 'record_write'),
    check: standing('member.holder_unit_id', 'record_write'),
  });
  read('membership', MEMBERSHIP_READ);
  writes('membership', writable('membership.unit_id', ON.period('membership.period')));
  read('member_name_suffix', anywhere('member_read'));

  for (const [table, when] of Object.entries(RECORD_DATES)) {
    read(
      table,
      table === 'activity'
        ? datedInBulk('activity.unit_id', 'unit_read', when)
        : dated(`${table}.unit_id`, 'unit_read', when),
    );
    writes(table, writable(`${table}.unit_id`, when));
  }
  // A grassroots union's months of collections (read by the ten thousand for a province's months): read by
  // its finance officers, written like its records;
  // the finance rules are read by anyone who reads units and changed by the national body.
  read(
    'finance_collection',
    datedInBulk('finance_collection.unit_id', 'finance_read', ON.day('finance_collection.month')),
  );
  writes('finance_collection', writable('finance_collection.unit_id', ON.day('finance_collection.month')));
  // The months of a subtree: by its finance officers, over the unit on the tree of the month's year.
  read(
    'finance_month_rollup',
    dated(
      'finance_month_rollup.unit_id',
      'finance_read',
      ON.year('cast(extract(year from finance_month_rollup.month) as integer)'),
    ),
  );
  // Reports are dated by their period's date; the calendar and the forms are read by anyone who reads
  // units and changed by the national body, a deadline of a unit's own also by that unit's writers.
  for (const table of ['report', 'report_transition']) {
    read(table, dated(`${table}.unit_id`, 'unit_read', ON.day(`${table}.as_at`)));
    writes(table, writable(`${table}.unit_id`, ON.day(`${table}.as_at`)));
  }
  // Completeness counts: read over their unit on the period's date, written only by the owner's functions.
  read('report_tally', dated('report_tally.unit_id', 'unit_read', ON.day('report_tally.as_at')));
  const national = `${setting('scope_record_write')} = '*'`;
  for (const table of ['report_period', 'report_form', 'finance_rule']) {
    read(table, anywhere('unit_read'));
    writes(table, national);
  }
  read(
    'report_deadline',
    `${anywhere('unit_read')} and (report_deadline.unit_id is null
      or ${dated('report_deadline.unit_id', 'unit_read', ON.anyDay)} or ${pathUnit('report_deadline.unit_id')})`,
  );
  writes(
    'report_deadline',
    `${national} or (report_deadline.unit_id is not null and ${standing('report_deadline.unit_id', 'record_write')})`,
  );
  // A cluster belongs to the unit that defines it: read by anyone who reads units, changed by its owner.
  read('emulation_cluster', anywhere('unit_read'));
  writes('emulation_cluster', standing('emulation_cluster.owner_id', 'record_write'));
  // Rollups are written only by the owner's functions.
  for (const table of ['stat_own', 'stat_delta', 'stat_rollup']) {
    read(table, dated(`${table}.unit_id`, 'unit_read', ON.year(`${table}.year`)));
  }
  // Accounts, roles and keys are created only at units that exist today, by the national body too; it
  // may still revoke those held at a unit that has closed.
  for (const table of ['role_assignment', 'api_key']) {
    const clause = current(`${table}.unit_id`, 'account_admin');
    const existing = `exists (select 1 from org_unit_path p where p.unit_id = ${table}.unit_id and p.period @> ${TODAY})`;
    read(table, clause);
    policies.push({ table, name: 'insert', command: 'insert', check: `${clause} and ${existing}` });
    policies.push({ table, name: 'update', command: 'update', using: clause, check: clause });
    policies.push({ table, name: 'delete', command: 'delete', using: clause });
  }
  // A plan dated in the future is kept at the unit over all the units it names: seen, scheduled and
  // cancelled by those who may change that unit's subtree, and by nobody else.
  const planned = standing('restructuring_plan.unit_id', 'structure_write');
  read('restructuring_plan', planned);
  policies.push({ table: 'restructuring_plan', name: 'insert', command: 'insert', check: planned });
  policies.push({
    table: 'restructuring_plan',
    name: 'update',
    command: 'update',
    using: planned,
    check: planned,
  });
  // A change is dated by when it was made; one made after its unit closed, by the unit's last day.
  const changedOn = 'cast(audit_log.at as date)';
  read(
    'audit_log',
    `${dated('audit_log.unit_id', 'audit_read', `(${ON.day(changedOn)} or (p.standing and ${changedOn} >= upper(p.period)))`)}
      or (audit_log.unit_id is null and ${setting('scope_audit_read')} = '*')`,
  );
  return policies;
}

/** The SQL that (re)defines the scope functions and every policy. */
export function tenancySql(): string {
  const policies = tenancyPolicies()
    .map(
      (p) =>
        `create policy ${p.table}_${p.name} on ${p.table} for ${p.command} to cdvn_app` +
        (p.using ? `\n  using (${p.using})` : '') +
        (p.check ? `\n  with check (${p.check})` : '') +
        ';',
    )
    .join('\n');
  const tables = [...new Set(tenancyPolicies().map((p) => p.table))];
  return `
do $$
declare
  p record;
begin
  for p in select policyname, tablename from pg_policies where schemaname = current_schema() loop
    execute format('drop policy %I on %I', p.policyname, p.tablename);
  end loop;
end $$;
${tables.map((t) => `alter table ${t} enable row level security;`).join('\n')}
${SCOPE_UNITS}
${policies}
${BEGIN_REQUEST}
-- The names of the members whose memberships the viewer reads (the membership policy's rule, written out
-- and checked row by row: the member rows themselves are read only over the union that holds the member).
create or replace function member_names(ids bigint[]) returns table (id bigint, full_name text, gender text)
  language sql stable security definer set search_path = public, pg_temp as $$
  select m.id, m.full_name, m.gender from member m
   where m.id = any(ids)
     and exists (select 1 from membership where membership.member_id = m.id and ${MEMBERSHIP_READ_EACH})
$$;
grant execute on function member_names(bigint[]) to cdvn_app;`;
}

/**
 * The units under the roots' paths on any day, for the bulk policies: ranges of the paths' btree, from
 * each path up to that path followed by the label 'a', read from the index alone (the subtree's range of
 * unitsUnder in org-unit.queries.ts; a merged province's 11,296 paths: 2.4 ms, against 7.1 through the
 * paths' GiST index and their table). Its `set` keeps it from being inlined, so that the planner takes
 * its `rows` (a few hundred) instead of guessing 25,000 a root from the ranges: the hash of a policy's
 * set is sized by that guess, and zeroing 250,000 buckets cost a grassroots union's page ~20 ms.
 */
const SCOPE_UNITS = `
create or replace function scope_units(roots ltree[]) returns setof integer
  language sql stable rows 300 set search_path = public, pg_temp as $$
  select q.unit_id from unnest(roots) as r(path)
    join org_unit_path q on q.path >= r.path and q.path < r.path || 'a'
$$;
grant execute on function scope_units(ltree[]) to cdvn_app;`;

/**
 * Opens a request's scope: for each permission, the roots (the units granted, with the units they took
 * over), their paths, and the units that crossed their edge; the path units (ancestors of the units
 * read, seen by code and name); the actor and operation for the audit log; today, in the application's
 * time zone. Returns the roots per permission (or '*') and the path units, for the API's own checks.
 */
const BEGIN_REQUEST = `
drop function if exists app_begin_request(text, text, jsonb);
drop function if exists app_in_scope(integer, text);
create or replace function app_begin_request(actor text, operation text, grants jsonb, today date) returns jsonb
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  national integer;
  permission text;
  granted integer[];
  roots integer[];
  path integer[];
  closure jsonb;
  paths text;
  under text;
  crossers integer[];
  found_roots integer[];
  found_paths text;
  found_under text;
  found_crossers integer[];
  tree bigint;
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
    if permission = any(array[${WRITE_PERMISSIONS.map((p) => `'${settingKey(p)}'`).join(', ')}]) then
      -- A role held at a closed unit reads its history and writes nothing.
      granted := array(select g from unnest(granted) g join org_unit u on u.id = g where u.validity @> today);
    end if;
    if national = any(granted) then
      roots := array[national];
    else
      select coalesce(array_agg(distinct cast(x.id as integer) order by cast(x.id as integer)), '{}') into roots
        from unnest(granted) as g(unit), jsonb_array_elements_text(closure -> cast(g.unit as text)) as x(id);
    end if;
    -- The roots' own paths, each as the lquery of everything under it: '{1.23.*,1.24.*}', and as they are,
    -- where the bulk policies' ranges start: '{1.23,1.24}'; and the units under them on some days only.
    -- (A role's permissions share their roots: found once.)
    if national = any(roots) then
      paths := '*';
      under := '';
      crossers := '{}';
    elsif roots is not distinct from found_roots then
      paths := found_paths;
      under := found_under;
      crossers := found_crossers;
    else
      select coalesce('{' || string_agg(distinct ltree2text(p.path) || '.*', ',') || '}', ''),
             coalesce('{' || string_agg(distinct ltree2text(p.path), ',') || '}', '')
        into paths, under
        from org_unit_path p where p.unit_id = any(roots);
      crossers := '{}';
      if paths <> '' then
        select version into tree from tree_version;
        select c.crossers into crossers from scope_crossers c
         where c.paths_hash = md5(paths) and c.tree_version = tree;
        if not found then
          -- Units with fewer of their paths under the roots than they have.
          select coalesce(array_agg(c.unit_id), '{}') into crossers
            from (select s.unit_id from org_unit_path s where s.path ? cast(paths as lquery[])
                   group by s.unit_id having count(*) < min(s.unit_paths)) c;
          -- Kept for the next request, except on a read replica (read-only: the primary keeps them).
          if not pg_is_in_recovery() then
            insert into scope_crossers (paths_hash, tree_version, crossers) values (md5(paths), tree, crossers)
            on conflict (paths_hash) do update set tree_version = excluded.tree_version, crossers = excluded.crossers
              where scope_crossers.tree_version < excluded.tree_version;
          end if;
        end if;
      end if;
      found_roots := roots;
      found_paths := paths;
      found_under := under;
      found_crossers := crossers;
    end if;
    perform set_config('app.scope_' || permission, paths, true);
    perform set_config('app.crossers_' || permission, cast(crossers as text), true);
    perform set_config('app.under_' || permission, under, true);
    result := result || jsonb_build_object(permission,
      case when national = any(roots) then to_jsonb(text '*') else to_jsonb(roots) end);
  end loop;
  -- The ancestors of the units read, at any date, that are not themselves read.
  if jsonb_typeof(result -> 'unit_read') = 'array' and current_setting('app.scope_unit_read') <> '' then
    select coalesce(array_agg(distinct a.id), '{}') into path
      from org_unit_path p
      cross join lateral unnest(cast(string_to_array(ltree2text(p.path), '.') as integer[])) as a(id)
     where p.unit_id = any(array(select cast(jsonb_array_elements_text(result -> 'unit_read') as integer)))
       and not exists (select 1 from org_unit_path r
                        where r.unit_id = a.id and r.path ? cast(current_setting('app.scope_unit_read') as lquery[]));
  else
    path := '{}';
  end if;
  perform set_config('app.path_units', cast(path as text), true);
  perform set_config('app.actor', actor, true);
  perform set_config('app.operation', coalesce(operation, ''), true);
  perform set_config('app.today', cast(today as text), true);
  return result || jsonb_build_object('path_units', to_jsonb(path));
end $$;
grant execute on function app_begin_request(text, text, jsonb, date) to cdvn_app;
`;
