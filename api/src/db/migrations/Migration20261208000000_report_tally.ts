import { Migration } from '@mikro-orm/migrations';

/**
 * Completeness counts kept ready: for each period whose counts were asked for, every unit's subtree
 * (itself included) counted by the reporters' kind, state, "marked as not reported" and "on time". Reading
 * a unit's completeness is then a few rows, however many reporters it has (the national federation has
 * 128,000). Kept by the functions and triggers of sql/reporting.sql; a period is counted whole the first
 * time it is read after a change of the tree or of its deadlines.
 */
export class Migration20261208000000ReportTally extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table report_tally (
  period_code text not null references report_period,
  -- The period's date, kept on the row for the tenancy rule (read over its unit on that date).
  as_at date not null,
  unit_id integer not null references org_unit,
  kind text not null,
  -- The reporters' report state; NONE when they have not begun (no report).
  state text not null,
  not_reported boolean not null,
  on_time boolean not null,
  n integer not null,
  primary key (period_code, unit_id, kind, state, not_reported, on_time)
);
-- The periods whose counts are kept (the others are counted when first read).
create table report_tally_period (period_code text primary key references report_period);

-- Read by the application's role under row-level security (auth/tenancy.sql.ts), written only by the
-- owner's functions.
grant select on report_tally to cdvn_app;
`);
  }
}
