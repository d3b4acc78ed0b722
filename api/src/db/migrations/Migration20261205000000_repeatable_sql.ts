import { Migration } from '@mikro-orm/migrations';

/**
 * The database's functions, triggers and policies are applied from their sources after the dated
 * migrations (db/repeatable.ts); this table keeps the checksum of the text each source was last applied
 * with, so that a source is applied again when, and only when, it changes.
 */
export class Migration20261205000000RepeatableSql extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table repeatable_sql (
  name text primary key,
  checksum text not null,
  applied_at timestamptz not null default now()
);`);
  }
}
