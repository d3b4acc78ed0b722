import { Migration } from '@mikro-orm/migrations';

/**
 * An ADMIN resets a colleague's password (issue 21): the account then logs in with the password it was
 * given and must set its own before anything else (its session carries no role until it does).
 */
export class Migration20261212000000PasswordReset extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table account add column must_change_password boolean not null default false;`);
  }
}
