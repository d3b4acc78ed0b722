import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { types } from 'pg';

import { loadEnv } from '../config/env';
import { Account, ApiKey, RoleAssignment, Session } from '../modules/account/account.entity';
import { Activity, Programme } from '../modules/activity/activity.entity';
import { Award } from '../modules/award/award.entity';
import { Member, Membership } from '../modules/member/member.entity';
import { OrgUnitParent } from '../modules/org-unit/org-unit-parent.entity';
import { OrgUnitSuccession } from '../modules/org-unit/org-unit-succession.entity';
import { OrgUnit } from '../modules/org-unit/org-unit.entity';
import { RestructuringPlan } from '../modules/plan/plan.entity';
import { Target, UnitRating } from '../modules/target/target.entity';
import { embeddedDatabaseUrl } from './embedded-postgres';
import { Migration20261126090000Hierarchy } from './migrations/Migration20261126090000_hierarchy';
import { Migration20261126100000Records } from './migrations/Migration20261126100000_records';
import { Migration20261126110000Organisation } from './migrations/Migration20261126110000_organisation';
import { Migration20261126120000Accounts } from './migrations/Migration20261126120000_accounts';
import { Migration20261126130000MemberSearch } from './migrations/Migration20261126130000_member_search';
import { Migration20261126140000SubtreeUnits } from './migrations/Migration20261126140000_subtree_units';
import { Migration20261126150000MembershipVacuum } from './migrations/Migration20261126150000_membership_vacuum';
import { Migration20261126160000DataChanged } from './migrations/Migration20261126160000_data_changed';
import { Migration20261126170000BeginRequestClosure } from './migrations/Migration20261126170000_begin_request_closure';
import { Migration20261126200000ScopePaths } from './migrations/Migration20261126200000_scope_paths';
import { Migration20261127000000NameSuffixes } from './migrations/Migration20261127000000_name_suffixes';
import { Migration20261204000000DatedScope } from './migrations/Migration20261204000000_dated_scope';
import { Migration20261205000000RepeatableSql } from './migrations/Migration20261205000000_repeatable_sql';
import { Migration20261207000000Reporting } from './migrations/Migration20261207000000_reporting';
import { Migration20261209000000MapSegments } from './migrations/Migration20261209000000_map_segments';
import { Migration20261210000000WomenMembers } from './migrations/Migration20261210000000_women_members';
import { Migration20261211000000DatedNames } from './migrations/Migration20261211000000_dated_names';
import { Migration20261212000000PasswordReset } from './migrations/Migration20261212000000_password_reset';
import { Migration20261213000000ApiKeyRequests } from './migrations/Migration20261213000000_api_key_requests';
import { Migration20261214000000RestructuringPlans } from './migrations/Migration20261214000000_restructuring_plans';
import { Migration20261215000000PlanFailureCode } from './migrations/Migration20261215000000_plan_failure_code';
import { Migration20261216000000Finance } from './migrations/Migration20261216000000_finance';
import { Migration20261217000000PathsInOrder } from './migrations/Migration20261217000000_paths_in_order';
import { Migration20261218000000PathsByUnit } from './migrations/Migration20261218000000_paths_by_unit';
import { Migration20261208000000ReportTally } from './migrations/Migration20261208000000_report_tally';
import { NamedStatementsDialect, NamedStatementsDriver } from './named-statements';

// A SQL date is a calendar day, not an instant: keep it as YYYY-MM-DD instead of a local-time Date.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export const ENTITIES = [
  OrgUnit,
  OrgUnitParent,
  OrgUnitSuccession,
  Member,
  Membership,
  Programme,
  Activity,
  Award,
  Target,
  UnitRating,
  Account,
  RoleAssignment,
  Session,
  ApiKey,
  RestructuringPlan,
];

/** Migrations are listed, not globbed, so that ts-node, jest and the compiled build find the same ones. */
const MIGRATIONS = [
  { name: 'Migration20261126090000_hierarchy', class: Migration20261126090000Hierarchy },
  { name: 'Migration20261126100000_records', class: Migration20261126100000Records },
  { name: 'Migration20261126110000_organisation', class: Migration20261126110000Organisation },
  { name: 'Migration20261126120000_accounts', class: Migration20261126120000Accounts },
  { name: 'Migration20261126130000_member_search', class: Migration20261126130000MemberSearch },
  { name: 'Migration20261126140000_subtree_units', class: Migration20261126140000SubtreeUnits },
  { name: 'Migration20261126150000_membership_vacuum', class: Migration20261126150000MembershipVacuum },
  { name: 'Migration20261126160000_data_changed', class: Migration20261126160000DataChanged },
  {
    name: 'Migration20261126170000_begin_request_closure',
    class: Migration20261126170000BeginRequestClosure,
  },
  { name: 'Migration20261126200000_scope_paths', class: Migration20261126200000ScopePaths },
  { name: 'Migration20261127000000_name_suffixes', class: Migration20261127000000NameSuffixes },
  { name: 'Migration20261204000000_dated_scope', class: Migration20261204000000DatedScope },
  { name: 'Migration20261205000000_repeatable_sql', class: Migration20261205000000RepeatableSql },
  { name: 'Migration20261207000000_reporting', class: Migration20261207000000Reporting },
  { name: 'Migration20261208000000_report_tally', class: Migration20261208000000ReportTally },
  { name: 'Migration20261209000000_map_segments', class: Migration20261209000000MapSegments },
  { name: 'Migration20261210000000_women_members', class: Migration20261210000000WomenMembers },
  { name: 'Migration20261211000000_dated_names', class: Migration20261211000000DatedNames },
  { name: 'Migration20261212000000_password_reset', class: Migration20261212000000PasswordReset },
  { name: 'Migration20261213000000_api_key_requests', class: Migration20261213000000ApiKeyRequests },
  {
    name: 'Migration20261214000000_restructuring_plans',
    class: Migration20261214000000RestructuringPlans,
  },
  { name: 'Migration20261215000000_plan_failure_code', class: Migration20261215000000PlanFailureCode },
  { name: 'Migration20261216000000_finance', class: Migration20261216000000Finance },
  { name: 'Migration20261217000000_paths_in_order', class: Migration20261217000000PathsInOrder },
  { name: 'Migration20261218000000_paths_by_unit', class: Migration20261218000000PathsByUnit },
];

export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    driver: NamedStatementsDriver,
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      pathTs: 'src/db/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: 10 },
    driverOptions: { client: NamedStatementsDialect },
    allowGlobalContext: false,
    ...overrides,
  });
}

// The MikroORM CLI (`npx mikro-orm migration:create`) reads a default export; it talks to the database
// that `npm start` uses.
// eslint-disable-next-line no-restricted-exports
export default ormConfig(loadEnv().DATABASE_URL ?? embeddedDatabaseUrl(loadEnv().EMBEDDED_PG_PORT));
