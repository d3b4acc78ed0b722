import { Migration } from '@mikro-orm/migrations';

/**
 * Member search and member lists read memberships from the unit index alone only where the table's
 * pages are marked all-visible, which vacuum does. By default autovacuum waits for 20% of a table to
 * change: at national scale 2.5 million memberships, so a 100,000-row import left a province's search
 * fetching 100,000 rows from the heap (263 ms → 1,185 ms) until the next manual vacuum. Memberships and
 * members are vacuumed after 1% of them changed or arrived instead.
 */
export class Migration20261126150000MembershipVacuum extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table membership set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
alter table member set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
`);
  }
}
