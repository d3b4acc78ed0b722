import { Migration } from '@mikro-orm/migrations';

/**
 * Figures on the map of another date, kept fast (issue 20): for a year and a map epoch (a stretch of days
 * over which the tree does not change), where each unit of the year's tree counts on the map's tree.
 * A segment says that `unit_id`'s figures (its whole subtree of the year, or its own records only) count
 * in the figure of `owner_id`, a unit of the map's tree. A unit's figure on the map is then the sum of a few rollups of the year, whatever the size
 * of its subtree. Computed by sql/rollups.sql when an epoch is first read, forgotten when the tree changes.
 */
export class Migration20261209000000MapSegments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table stat_map_epoch (
  year smallint not null,
  epoch date not null,
  primary key (year, epoch)
);
create table stat_map_segment (
  year smallint not null,
  epoch date not null,
  -- The unit of the map's tree whose figure this part is in.
  owner_id integer not null,
  unit_id integer not null,
  whole boolean not null,
  foreign key (year, epoch) references stat_map_epoch on delete cascade
);
create index stat_map_segment_owner on stat_map_segment (year, epoch, owner_id);

-- The last change of the tree on or before a day, found by index (stat_map_epoch_of).
create index if not exists org_unit_valid_from on org_unit (valid_from);
create index if not exists org_unit_parent_valid_from on org_unit_parent (valid_from);
create index if not exists org_unit_parent_valid_to on org_unit_parent (valid_to) where valid_to is not null;
create index if not exists org_unit_succession_effective on org_unit_succession (effective_date);
`);
  }
}
