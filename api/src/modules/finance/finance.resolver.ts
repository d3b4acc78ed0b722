import type { EmployerKind, FinanceRule, FinanceRuleKind, Shares } from '@cdvn/domain';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { requireDate, requireYear, yearEnd } from '../../shared/dates';
import { refusal } from '../../shared/errors';
import { fromGlobalId, toGlobalId } from '../../shared/ids';
import { moneyFromDb } from '../../shared/money';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { UnitStats } from '../statistics/statistics.types';
import * as queries from './finance.queries';
import type { StoredCollection, StoredRule } from './finance.queries';
import { recordCollections, rulesOn, setFinanceRule } from './finance.service';
import {
  CollectionInput,
  CollectionNode,
  EmployerKindValue,
  FinanceMonth,
  FinanceRuleInput,
  FinanceRuleNode,
  FinanceRulesInForce,
  RankedUnitFinance,
  ShareAmounts,
} from './finance.types';

function ruleNode(rule: StoredRule): FinanceRuleNode {
  return Object.assign(new FinanceRuleNode(), {
    ...rule,
    id: toGlobalId('FinanceRule', rule.id),
    employerKinds: rule.employerKinds ? [...rule.employerKinds] : null,
  });
}

function shares(parts: Record<string, string>): ShareAmounts {
  return Object.assign(new ShareAmounts(), {
    grassroots: moneyFromDb(parts.grassroots),
    directUpper: moneyFromDb(parts.directUpper),
    province: moneyFromDb(parts.province),
    national: moneyFromDb(parts.national),
  });
}

function collectionNode(row: StoredCollection, rules: Map<number, StoredRule>): CollectionNode {
  return Object.assign(new CollectionNode(), {
    month: row.month.slice(0, 7),
    unitId: row.unit_id,
    firstDay: row.month,
    employerKind: row.employer_kind,
    membersPaying: row.members_paying,
    salaryBase: moneyFromDb(row.salary_base),
    payroll: moneyFromDb(row.payroll),
    duesCollected: moneyFromDb(row.dues_collected),
    duesExpected: moneyFromDb(row.dues_expected),
    fundingPaid: moneyFromDb(row.funding_paid),
    fundingDue: moneyFromDb(row.funding_due),
    arrears: moneyFromDb(row.arrears),
    duesShares: shares(row.dues_shares),
    fundingShares: shares(row.funding_shares),
    rules: row.rule_ids.flatMap((id) => (rules.has(id) ? [ruleNode(rules.get(id)!)] : [])),
    provenance: row.provenance,
  });
}

async function rulesById(ctx: Context): Promise<Map<number, StoredRule>> {
  return new Map((await queries.financeRules(ctx.em)).map((rule) => [rule.id, rule]));
}

/** The share of what was due that was collected; null when nothing was due. */
export function collectionRate(stats: Record<string, number | bigint>): number | null {
  const due = BigInt(stats.duesExpected) + BigInt(stats.fundingDue);
  const collected = BigInt(stats.duesCollected) + BigInt(stats.fundingPaid);
  return due === 0n ? null : Number(collected) / Number(due);
}

@Resolver()
export class FinanceResolver {
  @Query(() => [FinanceRuleNode], {
    description: 'Every finance rule (rates, caps, base salaries, stops, sharing), by kind and date.',
  })
  async financeRules(@Ctx() ctx: Context): Promise<FinanceRuleNode[]> {
    return (await queries.financeRules(ctx.em)).map(ruleNode);
  }

  @Mutation(() => [CollectionNode], {
    description:
      'Records grassroots unions’ months of dues and union funding, all or none; a month recorded again is replaced. What was due and the shares are computed under the rules in force that month.',
  })
  async recordCollections(
    @Arg('input', () => [CollectionInput]) input: CollectionInput[],
    @Ctx() ctx: Context,
  ): Promise<CollectionNode[]> {
    const rows = await recordCollections(
      ctx.em,
      ctx.scope,
      input.map((row) => ({ ...row, employerKind: (row.employerKind ?? null) as EmployerKind | null })),
      ctx.today,
    );
    const rules = await rulesById(ctx);
    return rows.map((row) => collectionNode(row, rules));
  }

  @Mutation(() => FinanceRuleNode, {
    description:
      'Adds a finance rule, or corrects one given its id; only the national federation does. Recorded months keep what was computed for them.',
  })
  async setFinanceRule(
    @Arg('input', () => FinanceRuleInput) input: FinanceRuleInput,
    @Ctx() ctx: Context,
  ): Promise<FinanceRuleNode> {
    let id: number | null = null;
    if (input.id) {
      const parsed = fromGlobalId(input.id);
      if (!parsed || parsed.type !== 'FinanceRule') {
        throw refusal('FINANCE_RULE_UNKNOWN', { id: input.id }, 'id');
      }
      id = parsed.id;
    }
    const rule: FinanceRule = {
      kind: input.kind as FinanceRuleKind,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      employerKinds: (input.employerKinds ?? null) as EmployerKind[] | null,
      amount: input.amount ?? null,
      rate: input.rate ?? null,
      cap: input.cap ?? null,
      shares: input.shares ? ({ ...input.shares } as Shares) : null,
      source: input.source,
      note: input.note ?? null,
      certain: input.certain,
    };
    return ruleNode(await setFinanceRule(ctx.em, ctx.scope, id, rule));
  }
}

@Resolver(() => CollectionNode)
export class CollectionResolver {
  @FieldResolver(() => OrgUnitNode, {
    description: 'The grassroots union, as it stood on the month’s first day.',
  })
  async unit(@Root() collection: CollectionNode, @Ctx() ctx: Context): Promise<OrgUnitNode> {
    return OrgUnitNode.of((await ctx.loaders.orgUnit.unitById.load(collection.unitId))!, collection.firstDay);
  }
}

@Resolver(() => OrgUnitNode)
export class OrgUnitFinanceResolver {
  @FieldResolver(() => [CollectionNode], {
    description:
      'A grassroots union’s recorded months of the year (its finance officers: ADMIN and OFFICER).',
  })
  async collections(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<CollectionNode[]> {
    requireYear(year, ctx.today);
    const [rows, rules] = await Promise.all([queries.collectionsOf(ctx.em, unit.dbId, year), rulesById(ctx)]);
    return rows.map((row) => collectionNode(row, rules));
  }

  @FieldResolver(() => [FinanceMonth], {
    description:
      'The year month by month: the recorded months of the grassroots unions under the unit (the tree of the year) summed (ADMIN and OFFICER).',
  })
  async financeMonths(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<FinanceMonth[]> {
    requireYear(year, ctx.today);
    const rows = await queries.monthsOf(ctx.em, unit.dbId, year);
    return rows.map((row) => {
      const collected = moneyFromDb(row.dues_collected) + moneyFromDb(row.funding_paid);
      return Object.assign(new FinanceMonth(), {
        month: row.month,
        unionsRecorded: row.unions,
        duesCollected: moneyFromDb(row.dues_collected),
        duesExpected: moneyFromDb(row.dues_expected),
        fundingPaid: moneyFromDb(row.funding_paid),
        fundingDue: moneyFromDb(row.funding_due),
        arrears: moneyFromDb(row.arrears),
        kept: moneyFromDb(row.kept),
        sentUp: collected - moneyFromDb(row.kept),
      });
    });
  }

  @FieldResolver(() => FinanceRulesInForce, {
    description:
      'The finance rules that apply to a grassroots union on a day, each with its source; for the employer kind given, else the union’s latest recorded one, else OTHER.',
  })
  async financeRulesInForce(
    @Root() unit: OrgUnitNode,
    @Arg('asOf', () => DateScalar) asOf: string,
    @Ctx() ctx: Context,
    @Arg('employerKind', () => EmployerKindValue, { nullable: true }) employerKind?: string | null,
  ): Promise<FinanceRulesInForce> {
    requireDate(asOf, 'asOf');
    const [rules, known] = await Promise.all([
      queries.financeRules(ctx.em),
      employerKind ? null : queries.latestEmployerKinds(ctx.em, [unit.dbId]),
    ]);
    const employer = (employerKind ?? known?.get(unit.dbId) ?? 'OTHER') as EmployerKind;
    const applied = rulesOn(rules, asOf, employer);
    return Object.assign(new FinanceRulesInForce(), {
      asOf,
      employerKind: employer,
      baseSalary: ruleNode(applied.baseSalary),
      dues: ruleNode(applied.dues),
      funding: ruleNode(applied.funding),
      stop: applied.stop && ruleNode(applied.stop),
      duesSharing: ruleNode(applied.duesSharing),
      fundingSharing: ruleNode(applied.fundingSharing),
    });
  }

  @FieldResolver(() => [RankedUnitFinance], {
    description:
      'The children of the end of the year ranked by their collection rate (collected / due), highest first; those with nothing due last.',
  })
  async childrenByCollectionRate(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<RankedUnitFinance[]> {
    requireYear(year, ctx.today);
    const children = await ctx.loaders.statistics.childrenOfYearByUnitId.load({ unitId: unit.dbId, year });
    const rows = children.map((child) => ({
      code: child.unit.code,
      unit: OrgUnitNode.of(child.unit, yearEnd(year)),
      rate: collectionRate(child.stats),
      stats: UnitStats.of(year, child.stats),
    }));
    const rated = rows
      .filter((row) => row.rate !== null)
      .sort((a, b) => b.rate! - a.rate! || a.code.localeCompare(b.code));
    const unrated = rows.filter((row) => row.rate === null).sort((a, b) => a.code.localeCompare(b.code));
    return [
      ...rated.map((row) => ({
        rank: rated.findIndex((other) => other.rate === row.rate) + 1,
        unit: row.unit,
        collectionRate: row.rate,
        stats: row.stats,
      })),
      ...unrated.map((row) => ({ rank: null, unit: row.unit, collectionRate: null, stats: row.stats })),
    ];
  }
}
