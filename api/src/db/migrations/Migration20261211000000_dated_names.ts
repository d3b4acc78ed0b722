import { Migration } from '@mikro-orm/migrations';

/**
 * Names with a history (issue 21): a rename takes effect on a date, and a query as of an earlier date shows
 * the name of that date (Thừa Thiên Huế's federation before 1 July 2025, Huế's after). `org_unit.name` is
 * the latest name, in force from `name_from` (null: from the unit's first day); each earlier name is kept
 * with the day its successor took over (`until`). Searching and sorting use the latest name.
 */
export class Migration20261211000000DatedNames extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table org_unit add column name_from date;
create table org_unit_former_name (
  unit_id integer not null references org_unit (id),
  -- The first day of the next name: this one was borne until the day before.
  until date not null,
  name text not null check (btrim(name) <> ''),
  provenance text not null,
  primary key (unit_id, until)
);
grant select, insert, update, delete on org_unit_former_name to cdvn_app;
`);
  }
}
