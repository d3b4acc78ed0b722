import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security reads the request's scope from transaction settings. The policies, as the accounts
 * migration wrote them, called `current_setting` for every row they checked (and cast the scope to an
 * lquery, or the path units to an array, for every row): a province's members, 1.3 million memberships
 * on the national dataset, paid for it 1.3 million times. Each read of a setting is now a scalar subquery,
 * which PostgreSQL evaluates once per statement (an InitPlan): the member search of the benchmark (Q3,
 * whole-country viewer) 530 → 330 ms for one request in PostgreSQL, a province viewer's 10.0 → 8.8 s.
 *
 * The conditions are otherwise unchanged: each policy is rewritten from its own text in the catalogue,
 * three forms of setting read replaced by the same read in a subquery. The tenancy tests check that no
 * policy reads a setting per row any more.
 */
export class Migration20261126180000SettingsOnce extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create function pg_temp.app_settings_once(condition text) returns text language sql immutable as $f$
  select regexp_replace(regexp_replace(regexp_replace(condition,
    -- The scope's text: CASE's subject and the comparisons.
    $r$COALESCE\\(current_setting\\('(app\\.scope_[a-z_]+)'::text, true\\), ''::text\\)$r$,
    $r$(SELECT COALESCE(current_setting('\\1'::text, true), ''::text))$r$, 'g'),
    -- The scope as an lquery (after the first rewrite): cast once too.
    $r$\\(NULLIF\\(\\(SELECT COALESCE\\(current_setting\\('(app\\.scope_[a-z_]+)'::text, true\\), ''::text\\)\\), ''::text\\)\\)::lquery$r$,
    $r$(SELECT (NULLIF(COALESCE(current_setting('\\1'::text, true), ''::text), ''::text))::lquery)$r$, 'g'),
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
    using_clause := pg_temp.app_settings_once(p.qual);
    check_clause := pg_temp.app_settings_once(p.with_check);
    execute format('alter policy %I on %I.%I', p.policyname, p.schemaname, p.tablename)
      || case when using_clause is null then '' else format(' using (%s)', using_clause) end
      || case when check_clause is null then '' else format(' with check (%s)', check_clause) end;
  end loop;
end $$;
`);
  }
}
