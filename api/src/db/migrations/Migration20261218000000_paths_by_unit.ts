import { Migration } from '@mikro-orm/migrations';

/**
 * A unit's paths by its id, with what the policies ask of them (the period, whether it is the one that
 * stands, the path): the row-by-row check of nearly every table for a viewer below the national body
 * (`dated` and `standing` in auth/tenancy.sql.ts) reads them from this index alone, where it searched
 * the GiST index of the paths' periods and then their table (a report's check 14 µs -> 4 µs; PT's
 * missing reporters, 2,034 reports checked, 43 -> 30 ms).
 */
export class Migration20261218000000PathsByUnit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index org_unit_path_by_unit on org_unit_path (unit_id) include (period, standing, path);`,
    );
  }
}
