import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { refusal } from '../../shared/errors';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { achievement } from './statistics.service';
import { rankUnits } from './ranking';
import { statsOn } from './statistics.loaders';
import {
  FigureBasisValue,
  RankedUnitStats,
  RatingSummary,
  SortDirection,
  StatsMetric,
  TargetAchievement,
  UnitStats,
} from './statistics.types';
import { requireYear } from '../../shared/dates';
import { DateScalar } from '../../graphql/scalars';

export const ON_TREE_OF =
  'Read the figures on the tree of this day instead of the tree of the year’s end: “on today’s map” is today. Each unit of the year counts where it stands on that tree, a merged unit in its successor.';

/** A map day is not after today, and only live figures are regrouped: an approved report is its unit’s as it was. */
export function requireMapDay(
  onTreeOf: string | null | undefined,
  basis: FigureBasisValue,
  today: string,
): void {
  if (!onTreeOf) {
    return;
  }
  if (onTreeOf > today) {
    throw refusal('TREE_DAY_AFTER_TODAY', { today, value: onTreeOf }, 'onTreeOf');
  }
  if (basis === FigureBasisValue.APPROVED) {
    throw refusal('APPROVED_ON_OWN_TREE', {}, 'onTreeOf');
  }
}

const MAX_SERIES_YEARS = 30;

/** The rollups of a unit, read from the own totals of its subtree as the tree stood at the end of the year. */
@Resolver(() => OrgUnitNode)
export class StatisticsResolver {
  @FieldResolver(() => UnitStats, {
    nullable: true,
    description:
      'The rollup of this unit’s subtree for the year, its own records included; with basis APPROVED, its approved annual report (null when not approved).',
  })
  async stats(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Arg('basis', () => FigureBasisValue, { defaultValue: FigureBasisValue.LIVE }) basis: FigureBasisValue,
    @Ctx() ctx: Context,
    @Arg('onTreeOf', () => DateScalar, { nullable: true, description: ON_TREE_OF }) onTreeOf?: string | null,
  ): Promise<UnitStats | null> {
    requireYear(year, ctx.today);
    requireMapDay(onTreeOf, basis, ctx.today);
    const values = await statsOn(ctx.loaders.statistics, basis, { unitId: unit.dbId, year }, onTreeOf);
    return values && UnitStats.of(year, values);
  }

  @FieldResolver(() => UnitStats, {
    nullable: true,
    description:
      'On the tree of `onTreeOf`: the part of this unit’s figures that none of its children there holds (its own records and its predecessors’, and those of units no longer in the union on that tree: “không còn trong hệ thống”). Its children’s figures plus this add up to the unit’s. Null when the unit is not on that tree.',
  })
  async remainderStats(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Arg('onTreeOf', () => DateScalar) onTreeOf: string,
    @Ctx() ctx: Context,
  ): Promise<UnitStats | null> {
    requireYear(year, ctx.today);
    requireMapDay(onTreeOf, FigureBasisValue.LIVE, ctx.today);
    const values = await ctx.loaders.statistics.remainderOnMapByUnitId.load({
      unitId: unit.dbId,
      year,
      day: onTreeOf,
    });
    return values && UnitStats.of(year, values);
  }

  @FieldResolver(() => [UnitStats], {
    nullable: 'items',
    description:
      'One rollup per year, oldest first (at most 30 years); with basis APPROVED, null for a year without an approved report.',
  })
  async statsSeries(
    @Root() unit: OrgUnitNode,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('basis', () => FigureBasisValue, { defaultValue: FigureBasisValue.LIVE }) basis: FigureBasisValue,
    @Ctx() ctx: Context,
    @Arg('onTreeOf', () => DateScalar, { nullable: true, description: ON_TREE_OF }) onTreeOf?: string | null,
  ): Promise<Array<UnitStats | null>> {
    requireYear(fromYear, ctx.today, 'fromYear');
    requireYear(toYear, ctx.today, 'toYear');
    requireMapDay(onTreeOf, basis, ctx.today);
    if (toYear < fromYear || toYear - fromYear >= MAX_SERIES_YEARS) {
      throw refusal('SERIES_YEARS', { max: MAX_SERIES_YEARS }, 'toYear');
    }
    const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
    const values = await Promise.all(
      years.map((year) => statsOn(ctx.loaders.statistics, basis, { unitId: unit.dbId, year }, onTreeOf)),
    );
    return years.map((year, i) => values[i] && UnitStats.of(year, values[i]));
  }

  @FieldResolver(() => [RankedUnitStats], {
    description:
      'The children as of the end of the year (and those that closed under it during the year), ranked.',
  })
  async childrenStats(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Arg('orderBy', () => StatsMetric, { defaultValue: 'members' }) orderBy: string,
    @Arg('direction', () => SortDirection, { defaultValue: SortDirection.DESC }) direction: SortDirection,
    @Arg('basis', () => FigureBasisValue, { defaultValue: FigureBasisValue.LIVE }) basis: FigureBasisValue,
    @Ctx() ctx: Context,
    @Arg('onTreeOf', () => DateScalar, {
      nullable: true,
      description: `${ON_TREE_OF} The children are then those of that day; remainderStats holds the rest.`,
    })
    onTreeOf?: string | null,
  ): Promise<RankedUnitStats[]> {
    requireYear(year, ctx.today);
    requireMapDay(onTreeOf, basis, ctx.today);
    if (onTreeOf) {
      const ids = await ctx.loaders.statistics.childrenOnDayByUnitId.load({
        unitId: unit.dbId,
        day: onTreeOf,
      });
      return rankUnits(ctx, ids, year, orderBy, direction, basis, onTreeOf);
    }
    const children = await ctx.loaders.statistics.childrenOfYearByUnitId.load({ unitId: unit.dbId, year });
    // Found with their rows and rollups: the ranking reads them from the loaders without asking again.
    for (const child of children) {
      ctx.loaders.orgUnit.unitById.prime(child.unit.id, child.unit);
      ctx.loaders.statistics.statsByUnitId.prime({ unitId: child.unit.id, year }, child.stats);
    }
    return rankUnits(
      ctx,
      children.map((child) => child.unit.id),
      year,
      orderBy,
      direction,
      basis,
    );
  }

  @FieldResolver(() => [TargetAchievement], {
    description: 'The unit’s targets for the year against its rollup.',
  })
  async targets(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<TargetAchievement[]> {
    requireYear(year, ctx.today);
    const [targets, stats] = await Promise.all([
      ctx.loaders.statistics.targetsByUnitId.load({ unitId: unit.dbId, year }),
      ctx.loaders.statistics.statsByUnitId.load({ unitId: unit.dbId, year }),
    ]);
    return Promise.all(
      targets.map(async (target) => {
        const setBy =
          target.set_by_id === null ? null : await ctx.loaders.orgUnit.unitById.load(target.set_by_id);
        return {
          metric: target.metric,
          ...achievement(target, stats),
          setBy: setBy ? OrgUnitNode.of(setBy, unit.asOf) : null,
        };
      }),
    );
  }

  @FieldResolver(() => RatingSummary, {
    description: 'How the grassroots unions of the subtree were rated for the year.',
  })
  async ratingSummary(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<RatingSummary> {
    requireYear(year, ctx.today);
    const { units, ratings } = await ctx.loaders.statistics.ratingCountsByUnitId.load({
      unitId: unit.dbId,
      year,
    });
    const count = (rating: string) => ratings[rating] ?? 0;
    return {
      grassrootsUnits: units,
      rated: Object.values(ratings).reduce((sum, n) => sum + n, 0),
      excellent: count('EXCELLENT'),
      good: count('GOOD'),
      completed: count('COMPLETED'),
      notCompleted: count('NOT_COMPLETED'),
      goodOrBetterShare: units === 0 ? null : (count('EXCELLENT') + count('GOOD')) / units,
    };
  }
}
