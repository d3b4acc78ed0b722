import { Migration } from '@mikro-orm/migrations';

/**
 * The API serves a query's answer again while the data stand unchanged (graphql/response-cache.ts);
 * every instance learns of a change through NOTIFY on `cdvn_data_changed` (db/data-version.ts).
 *
 * A statement trigger on every table announces a change inside the writing transaction, so that it
 * arrives once the write commits, whoever wrote: psql, scripts, the owner's own statements (logins,
 * API key use). The API's request transactions (those `app_begin_request` opened, which set
 * `app.actor`) are left out: the API announces them itself after their commit, so that its writers do
 * not take the lock that a notifying commit holds. The rollup store (`stat_*`) is left out too: it
 * only makes reads faster, and its folds and recounts do not change an answer.
 */
export class Migration20261126160000DataChanged extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create function app_data_changed() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('app.actor', true), '') = '' then
    perform pg_notify('cdvn_data_changed', 'sql');
  end if;
  return null;
end $$;

do $$
declare
  t text;
begin
  for t in select tablename from pg_tables
            where schemaname = current_schema()
              and tablename not like 'stat\\_%'
              and tablename <> 'mikro_orm_migrations'
  loop
    execute format('create trigger data_changed after insert or update or delete or truncate on %I
                    for each statement execute function app_data_changed()', t);
  end loop;
end $$;
`);
  }
}
