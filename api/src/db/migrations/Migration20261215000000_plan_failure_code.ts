import { Migration } from '@mikro-orm/migrations';

/**
 * A plan that could not be applied on its date keeps why by message code and parameters (issue 21, one
 * language at a time), beside the English text: the client says the reason in the reader's language.
 */
export class Migration20261215000000PlanFailureCode extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table restructuring_plan
  add column failure_code text,
  add column failure_params jsonb;
`);
  }
}
