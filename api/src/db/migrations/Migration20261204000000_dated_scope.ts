import { Migration } from '@mikro-orm/migrations';

/**
 * Tenancy sliced by date (auth/tenancy.sql.ts states the rule). A role held at a unit covered every unit
 * that stood under it at any date, so after 1 July 2025 a closed province federation's administrator
 * still wrote, read today's figures of, and created accounts in units that had moved on to another
 * province; and a member's row was visible to every union the member ever belonged to. What the rule
 * needs from the data:
 *
 * - `org_unit_path.standing`: the unit's last path (where it stands today, or stood on its last day);
 *   `org_unit_path.unit_paths`: how many paths the unit has, so that the units a scope holds on some days
 *   only are found from the scope's own paths (a count below the total), without a lookup per unit.
 * - `member.holder_unit_id`: the union that holds the member now, or held them last; kept by a trigger on
 *   memberships. A member's row (personal data) follows it, not every union the member passed through.
 * - `emulation_cluster.owner_id`: the unit that defines a cluster and alone changes it (the national
 *   federation for the clusters that exist).
 * - `member_names`: the names of the members of the memberships a viewer reads (an earlier union sees
 *   whom it held, not the data the new union keeps).
 *
 * The policies and `app_begin_request` of the rule were applied here from auth/tenancy.sql.ts as it then
 * stood; they are now applied from it by the repeatable step that follows the migrations (db/repeatable.ts).
 */
export class Migration20261204000000DatedScope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table org_unit_path add column standing boolean not null default false;
alter table org_unit_path add column unit_paths smallint not null default 1;
update org_unit_path p set standing = lower(p.period) = c.last, unit_paths = c.n
  from (select unit_id, max(lower(period)) as last, count(*) as n from org_unit_path group by unit_id) c
 where c.unit_id = p.unit_id;

-- The tree's version, moved by every rebuild of paths; and, per set of roots' paths and version, the
-- units the scope holds on some days only (app_begin_request's crossers: ~15 ms for a province at
-- national scale, found once per tree instead of once per request).
create table tree_version (
  one boolean primary key default true check (one),
  version bigint not null
);
insert into tree_version (version) values (0);
create table scope_crossers (
  paths_hash text primary key,
  tree_version bigint not null,
  crossers integer[] not null
);

create or replace function org_unit_rebuild_paths(seed integer[]) returns void language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  perform pg_advisory_xact_lock(hashtext('org_unit_tree'));
  update tree_version set version = version + 1;
  create temporary table if not exists org_unit_affected (id integer primary key) on commit drop;
  truncate org_unit_affected;
  insert into org_unit_affected (id)
  with recursive below(id) as (
    select unnest(seed)
    union
    select l.unit_id from org_unit_parent l join below b on l.parent_id = b.id
  )
  select id from below where id is not null;
  analyze org_unit_affected;

  delete from org_unit_path p using org_unit_affected a where p.unit_id = a.id;

  insert into org_unit_path (unit_id, path, period, standing, unit_paths)
  with recursive placed(unit_id, path, period) as (
    select u.id, text2ltree(u.id::text), u.validity
      from org_unit u join org_unit_affected a on a.id = u.id
     where u.kind = 'NATIONAL_FEDERATION'
    union all
    select l.unit_id, p.path || l.unit_id::text, p.period * l.period
      from org_unit_parent l
      join org_unit_affected a on a.id = l.unit_id
      join org_unit_path p on p.unit_id = l.parent_id and p.period && l.period
     where not exists (select 1 from org_unit_affected b where b.id = l.parent_id)
    union all
    select l.unit_id, placed.path || l.unit_id::text, placed.period * l.period
      from placed
      join org_unit_parent l on l.parent_id = placed.unit_id and l.period && placed.period
     where nlevel(placed.path) < 16
  )
  -- A unit's last path is where it stands (or, closed, stood on its last day); the number of its paths
  -- tells whether all of them lie under a scope's roots (app_begin_request's crossers).
  select unit_id, path, period, lower(period) = max(lower(period)) over (partition by unit_id),
         count(*) over (partition by unit_id)
    from placed;
end $$;

alter table member add column holder_unit_id integer references org_unit;
update member m set holder_unit_id = h.unit_id
  from (select distinct on (member_id) member_id, unit_id from membership order by member_id, joined_on desc) h
 where h.member_id = m.id;
create index member_by_holder on member (holder_unit_id);

create function membership_holder() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  update member m set holder_unit_id = h.unit_id
    from (select distinct on (ms.member_id) ms.member_id, ms.unit_id from membership ms
           where ms.member_id in (select member_id from changed_rows)
           order by ms.member_id, ms.joined_on desc) h
   where h.member_id = m.id and m.holder_unit_id is distinct from h.unit_id;
  return null;
end $$;
create trigger membership_holder_insert after insert on membership
  referencing new table as changed_rows for each statement execute function membership_holder();
create trigger membership_holder_update after update on membership
  referencing new table as changed_rows for each statement execute function membership_holder();
create trigger membership_holder_delete after delete on membership
  referencing old table as changed_rows for each statement execute function membership_holder();

alter table emulation_cluster add column owner_id integer references org_unit;
update emulation_cluster set owner_id = (select id from org_unit where kind = 'NATIONAL_FEDERATION');
alter table emulation_cluster alter column owner_id set not null;
drop trigger emulation_cluster_audit on emulation_cluster;
create trigger emulation_cluster_audit after insert or update or delete on emulation_cluster for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('owner_id');

-- A member's changes are logged at the union that holds the member.
drop trigger member_audit on member;
create trigger member_audit after insert or update or delete on member for each row
  when (coalesce(current_setting('app.actor', true), '') <> '') execute function audit_row('holder_unit_id');

`);
  }
}
