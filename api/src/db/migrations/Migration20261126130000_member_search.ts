import { Migration } from '@mikro-orm/migrations';

/**
 * Member search within a subtree reads the members' names from their memberships: each membership keeps a
 * copy of its member's `search_name`, and the unit index carries it with the member and the period, so a
 * province's ~900,000 memberships are searched from the index alone instead of looking up every member
 * (3.8 s → 0.2 s for a common name at national scale; see BENCHMARKS.md). Owner functions keep the copy:
 * a member's memberships may lie outside the scope of whoever renames them.
 */
export class Migration20261126130000MemberSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table membership add column search_name text;

create function membership_search_name() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  new.search_name := (select m.search_name from member m where m.id = new.member_id);
  return new;
end $$;
create trigger membership_search_name before insert or update of member_id on membership
  for each row execute function membership_search_name();

create function member_search_name_follows() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  update membership set search_name = new.search_name where member_id = new.id;
  return null;
end $$;
create trigger member_search_name_follows after update of full_name on member
  for each row when (old.search_name is distinct from new.search_name) execute function member_search_name_follows();

-- The copy changes no figure and no period: the rollup and period triggers would only re-read every row.
alter table membership disable trigger user;
update membership ms set search_name = m.search_name from member m where m.id = ms.member_id;
alter table membership enable trigger user;
alter table membership alter column search_name set not null;

drop index membership_by_unit;
create index membership_by_unit on membership (unit_id, joined_on) include (member_id, period, search_name);
`);
  }
}
