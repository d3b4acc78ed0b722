import type { EmployerKind, FinanceRule, FinanceRuleKind, ShareLevel, Shares } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import { runPrepared, runSql, sql } from '../../shared/sql';

/**
 * The finance module's statements, every one under the viewer's row-level security: the rules (read by
 * anyone who reads units), the months of collections (read by the unit's finance officers, written like
 * its records; their rollup is kept by sql/rollups.sql).
 */

export interface StoredRule extends FinanceRule {
  id: number;
}

interface RuleRow {
  id: number;
  kind: FinanceRuleKind;
  valid_from: string;
  valid_to: string | null;
  employer_kinds: EmployerKind[] | null;
  amount: string | null;
  rate: number | null;
  cap: number | null;
  shares: Shares | null;
  source: string;
  note: string | null;
  certain: boolean;
}

const RULE_COLUMNS = sql`id, kind, valid_from, valid_to, employer_kinds, amount, rate, cap, shares, source, note, certain`;

function storedRule(row: RuleRow): StoredRule {
  return {
    id: row.id,
    kind: row.kind,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    employerKinds: row.employer_kinds,
    amount: row.amount === null ? null : BigInt(row.amount),
    rate: row.rate,
    cap: row.cap,
    shares: row.shares,
    source: row.source,
    note: row.note,
    certain: row.certain,
  };
}

export async function financeRules(em: EntityManager): Promise<StoredRule[]> {
  const rows = await runSql<RuleRow>(
    em,
    'finance.rules',
    sql`select ${RULE_COLUMNS} from finance_rule order by kind, valid_from, id`,
  );
  return rows.map(storedRule);
}

/** Adds a rule, or replaces the rule with `id`; null when there is no such rule. */
export async function saveRule(
  em: EntityManager,
  id: number | null,
  rule: FinanceRule,
): Promise<StoredRule | null> {
  const values = sql`${rule.kind}, ${rule.validFrom}::date, ${rule.validTo}::date, ${rule.employerKinds}::text[],
    ${rule.amount === null ? null : rule.amount.toString()}::bigint, ${rule.rate}::integer, ${rule.cap}::integer,
    ${rule.shares === null ? null : JSON.stringify(rule.shares)}::jsonb, ${rule.source}, ${rule.note}, ${rule.certain}`;
  const [row] =
    id === null
      ? await runSql<RuleRow>(
          em,
          'finance.addRule',
          sql`insert into finance_rule (kind, valid_from, valid_to, employer_kinds, amount, rate, cap, shares, source, note, certain)
               values (${values}) returning ${RULE_COLUMNS}`,
        )
      : await runSql<RuleRow>(
          em,
          'finance.changeRule',
          sql`update finance_rule set (kind, valid_from, valid_to, employer_kinds, amount, rate, cap, shares, source, note, certain)
               = (${values}) where id = ${id} returning ${RULE_COLUMNS}`,
        );
  return row ? storedRule(row) : null;
}

export interface CollectionRow {
  unit_id: number;
  month: string;
  employer_kind: EmployerKind;
  members_paying: number;
  salary_base: string;
  payroll: string;
  dues_collected: string;
  dues_expected: string;
  funding_paid: string;
  funding_due: string;
  dues_shares: Record<ShareLevel, string>;
  funding_shares: Record<ShareLevel, string>;
  rule_ids: number[];
  provenance: string;
}

const COLLECTION_COLUMNS = sql`unit_id, month, employer_kind, members_paying, salary_base, payroll, dues_collected,
  dues_expected, funding_paid, funding_due, dues_shares, funding_shares, rule_ids, provenance, arrears`;

/** A month as stored: with its arrears, which the database defines (a generated column). */
export interface StoredCollection extends CollectionRow {
  arrears: string;
}

/** The union's employer kind as its latest recorded month gives it, for the unions that have one. */
export async function latestEmployerKinds(
  em: EntityManager,
  unitIds: number[],
): Promise<Map<number, EmployerKind>> {
  const rows = await runPrepared<{ unit_id: number; employer_kind: EmployerKind }>(
    em,
    'finance.latestEmployerKinds',
    sql`select distinct on (unit_id) unit_id, employer_kind from finance_collection
         where unit_id = any(${unitIds}::integer[]) order by unit_id, month desc`,
  );
  return new Map(rows.map((row) => [row.unit_id, row.employer_kind]));
}

/** Writes the months, each replacing the union's month if it was recorded, in one statement. */
export async function saveCollections(em: EntityManager, rows: CollectionRow[]): Promise<StoredCollection[]> {
  return runPrepared<StoredCollection>(
    em,
    'finance.saveCollections',
    sql`insert into finance_collection as f (unit_id, month, employer_kind, members_paying, salary_base, payroll,
          dues_collected, dues_expected, funding_paid, funding_due, dues_shares, funding_shares, rule_ids, provenance)
        select r.unit_id, r.month, r.employer_kind, r.members_paying, r.salary_base, r.payroll, r.dues_collected,
               r.dues_expected, r.funding_paid, r.funding_due, r.dues_shares, r.funding_shares,
               array(select cast(jsonb_array_elements_text(r.rule_ids) as integer)), r.provenance
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(unit_id integer, month date,
               employer_kind text, members_paying integer, salary_base bigint, payroll bigint,
               dues_collected bigint, dues_expected bigint, funding_paid bigint, funding_due bigint,
               dues_shares jsonb, funding_shares jsonb, rule_ids jsonb, provenance text)
        on conflict (unit_id, month) do update set
          employer_kind = excluded.employer_kind, members_paying = excluded.members_paying,
          salary_base = excluded.salary_base, payroll = excluded.payroll,
          dues_collected = excluded.dues_collected, dues_expected = excluded.dues_expected,
          funding_paid = excluded.funding_paid, funding_due = excluded.funding_due,
          dues_shares = excluded.dues_shares, funding_shares = excluded.funding_shares,
          rule_ids = excluded.rule_ids, provenance = excluded.provenance, updated_at = now()
        returning ${COLLECTION_COLUMNS}`,
  );
}

/** A union's recorded months of a year, in order. */
export function collectionsOf(em: EntityManager, unitId: number, year: number): Promise<StoredCollection[]> {
  return runSql<StoredCollection>(
    em,
    'finance.collectionsOf',
    sql`select ${COLLECTION_COLUMNS} from finance_collection
         where unit_id = ${unitId} and month between make_date(${year}, 1, 1) and make_date(${year}, 12, 1)
         order by month`,
  );
}

export interface MonthRow {
  month: string;
  unions: number;
  dues_collected: string;
  dues_expected: string;
  funding_paid: string;
  funding_due: string;
  arrears: string;
  kept: string;
}

/**
 * The months of a year of the unit's subtree (the tree of the year): the grassroots unions' months summed,
 * as kept by sql/rollups.sql (finance_month_rollup).
 */
export function monthsOf(em: EntityManager, unitId: number, year: number): Promise<MonthRow[]> {
  return runPrepared<MonthRow>(
    em,
    'finance.monthsOf',
    sql`select to_char(r.month, 'YYYY-MM') as month, r.unions, r.dues_collected, r.dues_expected, r.funding_paid,
               r.funding_due, r.arrears, r.kept
          from finance_month_rollup r
         where r.unit_id = ${unitId} and r.month between make_date(${year}, 1, 1) and make_date(${year}, 12, 1)
           and r.unions <> 0
         order by r.month`,
  );
}
