import { Migration } from '@mikro-orm/migrations';

/**
 * A member search names the start of a word of the name ("lan" finds "Nguyễn Thị Lan" and "Lan Anh";
 * "nguyễn văn" finds "Nguyễn Văn An" and "Lê Nguyễn Văn Hùng"), and at national scale it read every
 * membership of the subtree: a province's 1.7 million, seconds a search. Two structures let a page of a
 * large subtree read about what it shows (member.loaders.ts):
 *
 * - `membership_by_name`, the memberships in name order with their unit and period. Names that start
 *   with the text are one range of it, walked from the cursor, keeping the subtree's rows until the page
 *   is full; without a text it is walked whole the same way.
 * - `member_name_suffix`, each distinct search name once per word after its first, with the rest of the
 *   name from that word on ("van an" and "an" for "nguyen van an"): the names in which the text starts a
 *   later word are one range of its key, found with `^@` (a leakproof operator, so usable under
 *   row-level security, unlike LIKE or trigram matching), or, for a common text, met soon in name order
 *   (its second index); their memberships are then read by name.
 *
 * The dictionary holds names without members, units or dates, kept by a trigger on memberships (names of
 * members who left stay: they find no membership). A viewer who may read members somewhere may read it;
 * a search returns memberships, under their own policy.
 */
export class Migration20261127000000NameSuffixes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table member_name_suffix (
  suffix text collate "C" not null,
  search_name text not null,
  primary key (suffix, search_name)
);
-- In name order, for a common text (the planner walks it until a page is full).
create index member_name_suffix_by_name on member_name_suffix (search_name, suffix);

create function name_suffixes(name text) returns setof text language sql immutable parallel safe as $$
  select array_to_string(words[i:], ' ')
    from (select array_remove(string_to_array(name, ' '), '') as words) w,
         generate_series(2, cardinality(w.words)) i
$$;

insert into member_name_suffix (suffix, search_name)
  select distinct s, n.search_name from (select distinct search_name from membership) n, name_suffixes(n.search_name) s;

create index membership_by_name on membership (search_name, member_id) include (unit_id, period);

create function membership_name_suffixes() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  -- A name's suffixes arrive together: a name with one is complete. Sorted, the new keys are inserted
  -- in index order (a 100,000-member import with as many new names: 3.4 → 2.4 s).
  insert into member_name_suffix (suffix, search_name)
  select distinct s, n.search_name
    from (select distinct r.search_name from new_rows r
           where not exists (select 1 from member_name_suffix d where d.search_name = r.search_name)) n,
         name_suffixes(n.search_name) s
   order by 1, 2
  on conflict do nothing;
  return null;
end $$;
create trigger membership_name_suffixes_insert after insert on membership
  referencing new table as new_rows for each statement execute function membership_name_suffixes();
create trigger membership_name_suffixes_update after update on membership
  referencing new table as new_rows for each statement execute function membership_name_suffixes();

alter table member_name_suffix enable row level security;
create policy member_name_suffix_read on member_name_suffix for select to cdvn_app
  using ((select coalesce(current_setting('app.scope_member_read', true), '')) <> '');
grant select on member_name_suffix to cdvn_app;
create trigger data_changed after insert or update or delete or truncate on member_name_suffix
  for each statement execute function app_data_changed();
-- Read from its indexes alone once vacuum marks its pages, as memberships are (membership_vacuum).
alter table member_name_suffix set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
analyze member_name_suffix;
`);
  }
}
