import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';

import { forbidden } from '../../auth/scope';
import type { Context } from '../../graphql/context';
import { FIRST_YEAR, notAfter, requireYear, yearEnd } from '../../shared/dates';
import { DateScalar } from '../../graphql/scalars';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import * as indicators from './indicators';
import { PeerGroupValue, PeerRank, UnitIndicators, YearOnYearChange } from './indicators.types';
import { rankUnits } from './ranking';
import { statsOn } from './statistics.loaders';
import { clusterOfUnit, unitsOfKindOnDay } from './statistics.queries';
import { achievement } from './statistics.service';
import { FigureBasisValue, SortDirection, StatsMetric } from './statistics.types';
import { ON_TREE_OF, requireMapDay } from './statistics.resolver';

@Resolver(() => OrgUnitNode)
export class UnitIndicatorsFieldResolver {
  @FieldResolver(() => UnitIndicators, {
    nullable: true,
    description:
      'Derived figures for comparisons (ratios, change on the previous year, rank among peers), read like `stats` with the same arguments; null where `stats` is.',
  })
  async indicators(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Arg('basis', () => FigureBasisValue, { defaultValue: FigureBasisValue.LIVE }) basis: FigureBasisValue,
    @Ctx() ctx: Context,
    @Arg('onTreeOf', () => DateScalar, { nullable: true, description: ON_TREE_OF }) onTreeOf?: string | null,
  ): Promise<UnitIndicators | null> {
    requireYear(year, ctx.today);
    requireMapDay(onTreeOf, basis, ctx.today);
    const key = { unitId: unit.dbId, year };
    const [stats, live, targets, ratings] = await Promise.all([
      statsOn(ctx.loaders.statistics, basis, key, onTreeOf),
      ctx.loaders.statistics.statsByUnitId.load(key),
      ctx.loaders.statistics.targetsByUnitId.load(key),
      ctx.loaders.statistics.ratingCountsByUnitId.load(key),
    ]);
    if (!stats) {
      return null;
    }
    const reached = indicators.targetAchievement(targets.map((target) => achievement(target, live)));
    const count = (field: string) => Number(stats[field]);
    return Object.assign(new UnitIndicators(), {
      year,
      newMembersPer100Members: indicators.newMembersPer100(count('newMembers'), count('members')),
      membersPerGrassrootsUnion: indicators.membersPerGrassrootsUnion(
        count('members'),
        count('grassrootsUnits'),
      ),
      womenShare: indicators.womenShare(count('womenMembers'), count('members')),
      goodOrBetterShare: indicators.goodOrBetterShare(
        {
          excellent: ratings.ratings.EXCELLENT ?? 0,
          good: ratings.ratings.GOOD ?? 0,
          rated: Object.values(ratings.ratings).reduce((sum, n) => sum + n, 0),
        },
        ratings.units,
      ),
      targetsSet: reached.set,
      targetsMet: reached.met,
      targetAchievement: reached.share,
      unit,
      basis,
      onTreeOf: onTreeOf ?? null,
      stats,
    });
  }
}

@Resolver(() => UnitIndicators)
export class UnitIndicatorsResolver {
  @FieldResolver(() => YearOnYearChange, {
    description:
      'The figure against the previous year, on the same basis and tree (on a map, both years on it).',
  })
  async change(
    @Root() root: UnitIndicators,
    @Arg('metric', () => StatsMetric) metric: string,
    @Ctx() ctx: Context,
  ): Promise<YearOnYearChange> {
    const previous =
      root.year - 1 < FIRST_YEAR
        ? null
        : await statsOn(
            ctx.loaders.statistics,
            root.basis,
            { unitId: root.unit.dbId, year: root.year - 1 },
            root.onTreeOf,
          );
    const before = previous ? BigInt(previous[metric]) : null;
    const current = BigInt(root.stats[metric]);
    return { metric, previous: before, current, ...indicators.yearOnYear(before, current) };
  }

  @FieldResolver(() => PeerRank, {
    nullable: true,
    description:
      'The unit’s rank among its peers by one figure; null when it has no peers of that group (no parent, no cluster). Refused (FORBIDDEN) unless the viewer may read every peer.',
  })
  async rank(
    @Root() root: UnitIndicators,
    @Arg('metric', () => StatsMetric, { defaultValue: 'members' }) metric: string,
    @Arg('among', () => PeerGroupValue, { defaultValue: PeerGroupValue.SIBLINGS }) among: PeerGroupValue,
    @Arg('direction', () => SortDirection, { defaultValue: SortDirection.DESC }) direction: SortDirection,
    @Ctx() ctx: Context,
  ): Promise<PeerRank | null> {
    const peers = await peersOf(ctx, root, among);
    if (!peers) {
      return null;
    }
    const ranking = await rankUnits(
      ctx,
      peers.ids,
      root.year,
      metric,
      direction,
      root.basis,
      root.onTreeOf ?? undefined,
    );
    const ranked = ranking.filter((row) => row.rank !== null);
    const own = ranked.find((row) => row.unit.dbId === root.unit.dbId);
    if (!own?.rank) {
      return null;
    }
    const below = ranked.filter((row) => (row.rank ?? 0) > own.rank!).length;
    return {
      among,
      metric,
      rank: own.rank,
      of: ranked.length,
      percentile: indicators.percentile(below, ranked.length),
      clusterCode: peers.clusterCode,
    };
  }
}

/**
 * The peers of a unit on the tree its indicators are read on, after checking that the viewer may read
 * the unit they stand under (the parent, the cluster's owner, the country): a rank tells of every peer.
 */
async function peersOf(
  ctx: Context,
  root: UnitIndicators,
  among: PeerGroupValue,
): Promise<{ ids: number[]; clusterCode: string | null } | null> {
  const day = root.onTreeOf ?? notAfter(yearEnd(root.year), ctx.today);
  if (among === PeerGroupValue.KIND) {
    if (!ctx.scope.isNational('unit:read')) {
      throw forbidden();
    }
    return { ids: await unitsOfKindOnDay(ctx.em, root.unit.kind, day), clusterCode: null };
  }
  if (among === PeerGroupValue.CLUSTER) {
    const cluster = await clusterOfUnit(ctx.em, root.unit.dbId, root.year);
    if (!cluster) {
      return null;
    }
    await ctx.scope.require('unit:read', cluster.owner_id, day);
    return { ids: cluster.unit_ids, clusterCode: cluster.code };
  }
  const parent = await ctx.loaders.orgUnit.parentByUnitId.load({ unitId: root.unit.dbId, asOf: day });
  if (!parent) {
    return null;
  }
  await ctx.scope.require('unit:read', parent.id, day);
  const ids = root.onTreeOf
    ? await ctx.loaders.statistics.childrenOnDayByUnitId.load({ unitId: parent.id, day })
    : (await ctx.loaders.statistics.childrenOfYearByUnitId.load({ unitId: parent.id, year: root.year })).map(
        (child) => child.unit.id,
      );
  return { ids, clusterCode: null };
}
