import { Migration } from '@mikro-orm/migrations';

/** How many requests each API key has made (issue 21: keys listed with their last use and request counts). */
export class Migration20261213000000ApiKeyRequests extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table api_key add column request_count bigint not null default 0;`);
  }
}
