import {
  ACTIVITY_KINDS,
  AWARD_ISSUERS,
  EMPLOYER_KINDS,
  FINANCE_RULE_KINDS,
  GENDERS,
  NATIONAL_ID_PATTERN,
  OFFICER_ROLES,
  ORG_UNIT_KINDS,
  PERIOD_CODE_PATTERN,
  PERIOD_KINDS,
  QUALIFIERS,
  RATINGS,
  REPORT_STATES,
  REPORTING_LEVELS,
} from '@cdvn/domain';
import { escapeLiteral } from 'pg';

import { API_KEY_ROLES, ROLES } from '../auth/permissions';

/**
 * The database's half of the vocabulary, generated from the domain's lists (@cdvn/domain) and the roles
 * (auth/permissions.ts): the check constraints that hold a column to a list or a pattern, and the rows of
 * the reference tables (unit kinds, which levels may grant which award). Applied by db/repeatable.ts
 * whenever a list changes; a constraint is dropped and added again, so the rows already there are checked
 * against the new list, and a kind still in use cannot be removed (its foreign keys refuse).
 */

/** A column held to a list of values, or to a pattern. */
export interface CheckedColumn {
  table: string;
  constraint: string;
  column: string;
  values?: readonly string[];
  pattern?: string;
}

export const CHECKED_COLUMNS: readonly CheckedColumn[] = [
  { table: 'activity', constraint: 'activity_kind', column: 'kind', values: ACTIVITY_KINDS },
  {
    table: 'activity',
    constraint: 'activity_quantity_qualifier',
    column: 'quantity_qualifier',
    values: QUALIFIERS,
  },
  {
    table: 'activity',
    constraint: 'activity_amount_qualifier',
    column: 'amount_qualifier',
    values: QUALIFIERS,
  },
  { table: 'member', constraint: 'member_gender', column: 'gender', values: GENDERS },
  {
    table: 'member',
    constraint: 'member_national_id_format',
    column: 'national_id',
    pattern: NATIONAL_ID_PATTERN,
  },
  { table: 'officer', constraint: 'officer_role', column: 'role', values: OFFICER_ROLES },
  { table: 'unit_rating', constraint: 'unit_rating_value', column: 'rating', values: RATINGS },
  { table: 'role_assignment', constraint: 'role_assignment_role', column: 'role', values: ROLES },
  { table: 'api_key', constraint: 'api_key_role', column: 'role', values: API_KEY_ROLES },
  { table: 'report', constraint: 'report_state', column: 'state', values: REPORT_STATES },
  {
    table: 'report_transition',
    constraint: 'report_transition_state',
    column: 'to_state',
    values: REPORT_STATES,
  },
  { table: 'report_period', constraint: 'report_period_kind', column: 'kind', values: PERIOD_KINDS },
  {
    table: 'report_period',
    constraint: 'report_period_code',
    column: 'code',
    pattern: PERIOD_CODE_PATTERN,
  },
  {
    table: 'report_form',
    constraint: 'report_form_period_kind',
    column: 'period_kind',
    values: PERIOD_KINDS,
  },
  {
    table: 'report_deadline',
    constraint: 'report_deadline_level',
    column: 'level',
    values: REPORTING_LEVELS,
  },
  { table: 'finance_rule', constraint: 'finance_rule_kind', column: 'kind', values: FINANCE_RULE_KINDS },
  {
    table: 'finance_collection',
    constraint: 'finance_collection_employer_kind',
    column: 'employer_kind',
    values: EMPLOYER_KINDS,
  },
];

const list = (values: readonly string[]) => values.map((value) => escapeLiteral(value)).join(', ');

function check({ table, constraint, column, values, pattern }: CheckedColumn): string {
  const condition = values ? `${column} in (${list(values)})` : `${column} ~ ${escapeLiteral(pattern!)}`;
  return `alter table ${table} drop constraint if exists ${constraint},
  add constraint ${constraint} check (${condition});`;
}

/** Every (award kind, issuer kind) pair the domain allows. */
export function awardIssuerPairs(): Array<[string, string]> {
  return Object.entries(AWARD_ISSUERS).flatMap(([award, issuers]) =>
    issuers.map((issuer): [string, string] => [award, issuer]),
  );
}

export function vocabularySql(): string {
  const pairs = awardIssuerPairs()
    .map(([award, issuer]) => `(${escapeLiteral(award)}, ${escapeLiteral(issuer)})`)
    .join(',\n  ');
  return `-- Generated from @cdvn/domain and auth/permissions.ts by api/src/db/vocabulary.sql.ts.
insert into org_unit_kind (kind) select unnest(array[${list(ORG_UNIT_KINDS)}]) on conflict do nothing;
delete from org_unit_kind where kind not in (${list(ORG_UNIT_KINDS)});

insert into award_kind_issuer (award_kind, issuer_kind) values
  ${pairs}
on conflict do nothing;
delete from award_kind_issuer where (award_kind, issuer_kind) not in (
  ${pairs});

${CHECKED_COLUMNS.map(check).join('\n')}
`;
}
