import { Migration } from '@mikro-orm/migrations';

/**
 * A viewer below the national level read memberships through a policy that looked up each row's unit
 * paths and matched them against the scope's lquery (~7 µs a row): a province's member list or search,
 * 1.3 million memberships at national scale, took 9-10 s as PT's officer (0.5 s for a whole-country
 * viewer, whose scope needs no lookup).
 *
 * The membership policy now tests each row against the scope's units, found once per statement and
 * hashed: the units whose paths lie under one of the scope's roots' own paths (3 ms for PT and the two
 * provinces it took over). A unit stood under a root at some date exactly when one of its paths contains
 * the root, that is when it lies under the path the root had then: the same units as the lquery
 * `*.root|root.*` that `app_begin_request` writes (a tenancy test compares both for every unit).
 * The member queries keep reading a subtree unit by unit (see member.loaders.ts).
 */
export class Migration20261126190000MembershipScopeSet extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
-- The roots of a permission's scope, from the lquery app_begin_request wrote ('*.12|34.*'); null when the
-- scope is everything ('*') or nothing ('').
create function app_scope_roots(permission text) returns integer[] language sql stable as $$
  select case when s like '*.%.*' then cast(string_to_array(substr(s, 3, length(s) - 4), '|') as integer[]) end
    from (select coalesce(current_setting('app.scope_' || permission, true), '') as s) setting
$$;

alter policy membership_read on membership using (
  case (select coalesce(current_setting('app.scope_member_read', true), ''))
    when '' then false
    when '*' then true
    else membership.unit_id in (
      select p.unit_id from org_unit_path r join org_unit_path p on p.path <@ r.path
       where r.unit_id = any (cast((select app_scope_roots('member_read')) as integer[])))
  end);
`);
  }
}
