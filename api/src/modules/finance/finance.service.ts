import {
  EMPLOYER_KINDS,
  type EmployerKind,
  expectedAmounts,
  type FinanceRule,
  type FinanceRuleKind,
  financeRulesOn,
  SHARE_LEVELS,
  type ShareLevel,
  shareAmount,
  sharesAreWhole,
} from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { requireDate } from '../../shared/dates';
import { coded, refusal } from '../../shared/errors';
import type { Money } from '../../shared/money';
import { inRecordTransaction } from '../../shared/request-writes';
import { requireUnitOn, unitsByCode } from '../org-unit/org-unit.lookup';
import * as queries from './finance.queries';
import type { CollectionRow, StoredCollection, StoredRule } from './finance.queries';

export interface NewCollection {
  unitCode: string;
  /** YYYY-MM. */
  month: string;
  employerKind?: EmployerKind | null;
  membersPaying: number;
  salaryBase: Money;
  payroll: Money;
  duesCollected: Money;
  fundingPaid: Money;
  provenance?: string | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first day of a month written YYYY-MM, or the refusal. */
export function firstDayOf(month: string, field = 'month'): string {
  if (!MONTH.test(month)) {
    throw refusal('MONTH_FORMAT', { value: month }, field);
  }
  return `${month}-01`;
}

/** The rules that apply on a day, or the refusal naming the kinds nothing covers. */
export function rulesOn(rules: StoredRule[], day: string, employer: EmployerKind) {
  const found = financeRulesOn(rules, day, employer);
  if ('missing' in found) {
    throw refusal('FINANCE_RULE_MISSING', { kinds: found.missing.join(', '), day });
  }
  return found.applied;
}

function validate(input: NewCollection, today: string): string {
  const firstDay = firstDayOf(input.month);
  if (firstDay > today) {
    throw refusal('MONTH_IN_FUTURE', { month: input.month }, 'month');
  }
  if (!Number.isInteger(input.membersPaying) || input.membersPaying < 0) {
    throw refusal('FINANCE_MEMBERS_NEGATIVE', {}, 'membersPaying');
  }
  for (const field of ['salaryBase', 'payroll', 'duesCollected', 'fundingPaid'] as const) {
    if (input[field] < 0n) {
      throw refusal('AMOUNT_NEGATIVE', {}, field);
    }
  }
  if (input.employerKind && !EMPLOYER_KINDS.includes(input.employerKind)) {
    throw refusal('FINANCE_EMPLOYER_KIND_REQUIRED', { code: input.unitCode }, 'employerKind');
  }
  return firstDay;
}

const asText = (parts: Record<ShareLevel, bigint>) =>
  Object.fromEntries(SHARE_LEVELS.map((level) => [level, parts[level].toString()])) as Record<
    ShareLevel,
    string
  >;

/**
 * Records grassroots unions' months, all or none: each is checked (a grassroots union the viewer writes
 * for, standing on the month's first day; a month begun), computed under the rules in force on its first
 * day (what was due, and how what was collected is shared), and replaces the union's month if it was
 * recorded. A month that a submitted or approved report counts is refused by the database (PERIOD_LOCKED).
 */
export async function recordCollections(
  em: EntityManager,
  scope: Scope,
  inputs: NewCollection[],
  today: string,
): Promise<StoredCollection[]> {
  const firstDays = inputs.map((input) => validate(input, today));
  const seen = new Set<string>();
  for (const input of inputs) {
    const key = `${input.unitCode} ${input.month}`;
    if (seen.has(key)) {
      throw refusal('FINANCE_MONTH_TWICE', { code: input.unitCode, month: input.month }, 'month');
    }
    seen.add(key);
  }
  return inRecordTransaction(em, async (tx) => {
    // Every union in one statement and every check at once (the scope's checks batch per day): a
    // province's month is thousands of unions.
    const units = await unitsByCode(
      tx,
      scope,
      inputs.map((input) => input.unitCode),
      'unitCode',
    );
    await Promise.all(
      inputs.map((input, i) => scope.require('record:write', units.get(input.unitCode)!.id, firstDays[i])),
    );
    for (const [i, input] of inputs.entries()) {
      const unit = units.get(input.unitCode)!;
      if (unit.kind !== 'GRASSROOTS_UNION') {
        throw refusal('FINANCE_GRASSROOTS_ONLY', { code: unit.code }, 'unitCode');
      }
      requireUnitOn(unit, firstDays[i], 'month');
    }
    const [rules, known] = await Promise.all([
      queries.financeRules(tx),
      queries.latestEmployerKinds(
        tx,
        [...units.values()].map((unit) => unit.id),
      ),
    ]);
    const rows = inputs.map((input, i): CollectionRow => {
      const unit = units.get(input.unitCode)!;
      const employer = input.employerKind ?? known.get(unit.id);
      if (!employer) {
        throw refusal('FINANCE_EMPLOYER_KIND_REQUIRED', { code: unit.code }, 'employerKind');
      }
      const applied = rulesOn(rules, firstDays[i], employer);
      const due = expectedAmounts(applied, input);
      return {
        unit_id: unit.id,
        month: firstDays[i],
        employer_kind: employer,
        members_paying: input.membersPaying,
        salary_base: input.salaryBase.toString(),
        payroll: input.payroll.toString(),
        dues_collected: input.duesCollected.toString(),
        dues_expected: due.duesExpected.toString(),
        funding_paid: input.fundingPaid.toString(),
        funding_due: due.fundingDue.toString(),
        dues_shares: asText(shareAmount(input.duesCollected, applied.duesSharing.shares!)),
        funding_shares: asText(shareAmount(input.fundingPaid, applied.fundingSharing.shares!)),
        rule_ids: Object.values(applied)
          .filter((rule): rule is StoredRule => rule !== null)
          .map((rule) => rule.id),
        provenance: input.provenance?.trim() || 'recorded through the API',
      };
    });
    return queries.saveCollections(tx, rows);
  });
}

/** The figures each kind of rule gives (the others stay empty); any rule may name the employers it is for. */
const RULE_FIELDS: Record<FinanceRuleKind, ReadonlyArray<'amount' | 'rate' | 'cap' | 'shares'>> = {
  BASE_SALARY: ['amount'],
  DUES_RATE: ['rate', 'cap'],
  FUNDING_RATE: ['rate'],
  COLLECTION_STOP: [],
  DUES_SHARING: ['shares'],
  FUNDING_SHARING: ['shares'],
};

function validateRule(rule: FinanceRule): void {
  const wanted = RULE_FIELDS[rule.kind];
  if (!wanted) {
    throw refusal('FINANCE_RULE_FIELDS', { kind: rule.kind, fields: '' }, 'kind');
  }
  requireDate(rule.validFrom, 'validFrom');
  if (rule.validTo !== null) {
    requireDate(rule.validTo, 'validTo');
    if (rule.validTo < rule.validFrom) {
      throw refusal('FINANCE_RULE_DATES', {}, 'validTo');
    }
  }
  if (!rule.source.trim()) {
    throw refusal('FINANCE_SOURCE_REQUIRED', {}, 'source');
  }
  const fields = rule.kind === 'COLLECTION_STOP' ? 'employerKinds' : wanted.join(', ');
  for (const field of ['amount', 'rate', 'cap', 'shares'] as const) {
    if ((rule[field] !== null) !== wanted.includes(field)) {
      throw refusal('FINANCE_RULE_FIELDS', { kind: rule.kind, fields }, field);
    }
  }
  if (rule.kind === 'COLLECTION_STOP' && !rule.employerKinds?.length) {
    throw refusal('FINANCE_RULE_FIELDS', { kind: rule.kind, fields }, 'employerKinds');
  }
  for (const field of ['rate', 'cap'] as const) {
    const value = rule[field];
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 10_000)) {
      throw refusal('FINANCE_RULE_BASIS_POINTS', {}, field);
    }
  }
  if (rule.amount !== null && rule.amount < 0n) {
    throw refusal('AMOUNT_NEGATIVE', {}, 'amount');
  }
  if (rule.shares !== null && !sharesAreWhole(rule.shares)) {
    throw refusal('FINANCE_SHARES_WHOLE', {}, 'shares');
  }
}

/**
 * Adds a finance rule, or corrects one (audited, as every change is). Only the national body does. Months
 * already recorded keep what was computed for them; a month recorded again is computed under the rules
 * as they then stand, and one that a submitted or approved report counts cannot be recorded again.
 */
export async function setFinanceRule(
  em: EntityManager,
  scope: Scope,
  id: number | null,
  rule: FinanceRule,
): Promise<StoredRule> {
  if (!scope.isNational('record:write')) {
    throw coded('FORBIDDEN', 'FINANCE_RULE_NATIONAL');
  }
  validateRule(rule);
  return inRecordTransaction(em, async (tx) => {
    const saved = await queries.saveRule(tx, id, rule);
    if (!saved) {
      throw refusal('FINANCE_RULE_UNKNOWN', { id: String(id) }, 'id');
    }
    return saved;
  });
}
