import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { unitsLoader } from '../../shared/batching';
import { requireYear, yearEnd } from '../../shared/dates';
import { moneyFromDb } from '../../shared/money';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import {
  activityGroupsOf,
  type ActivityGroupRow,
  awardGroupsOf,
  type AwardGroupRow,
} from './summary.queries';
import { ActivityGroup, AwardGroup } from './summary.types';

/** The summaries of one request: all units asked for the same year cost one statement. */
export function createSummaryLoaders(em: EntityManager) {
  return {
    activityGroupsByUnitId: unitsLoader(
      (ids, args: { year: number }) => activityGroupsOf(em, ids, args),
      (): ActivityGroupRow[] => [],
    ),
    awardGroupsByUnitId: unitsLoader(
      (ids, args: { year: number }) => awardGroupsOf(em, ids, args),
      (): AwardGroupRow[] => [],
    ),
  };
}

export type SummaryLoaders = ReturnType<typeof createSummaryLoaders>;

/** What the annual report tells figure by figure: each source's statement whole, with its qualifier. */
@Resolver(() => OrgUnitNode)
export class SummaryResolver {
  @FieldResolver(() => [ActivityGroup], {
    description:
      'The year’s activities of the subtree (as the rollup counts it), grouped by kind and provenance: a figure of a source document split among grassroots unions comes back whole, with its qualifier. The 12 largest groups of each kind.',
  })
  async activitySummary(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<ActivityGroup[]> {
    requireYear(year, ctx.today);
    const rows = await ctx.loaders.summary.activityGroupsByUnitId.load({ unitId: unit.dbId, year });
    return rows.map((row) => ({
      kind: row.kind,
      records: row.records,
      quantity: Number(row.quantity),
      quantityQualifier: row.quantity_qualifier,
      amount: moneyFromDb(row.amount),
      amountQualifier: row.amount_qualifier,
      note: row.note,
      provenance: row.provenance,
    }));
  }

  @FieldResolver(() => [AwardGroup], {
    description:
      'The awards honouring the year in the subtree, grouped by kind, issuer, collective and provenance (at most 60 groups, the largest first).',
  })
  async awardSummary(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<AwardGroup[]> {
    requireYear(year, ctx.today);
    const rows = await ctx.loaders.summary.awardGroupsByUnitId.load({ unitId: unit.dbId, year });
    const issuers = await ctx.loaders.orgUnit.unitById.loadMany(
      rows.map((row) => row.issuer_id).filter((id): id is number => id !== null),
    );
    const byId = new Map(
      issuers.flatMap((found) => (found && !(found instanceof Error) ? [[found.id, found] as const] : [])),
    );
    return rows.map((row) => {
      const issuer = row.issuer_id === null ? undefined : byId.get(row.issuer_id);
      return {
        kind: row.kind,
        collective: row.collective,
        issuer: issuer ? OrgUnitNode.of(issuer, yearEnd(year)) : null,
        issuerName: row.issuer_name,
        awards: row.awards,
        provenance: row.provenance,
      };
    });
  }
}
