import type { FigureBasis } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { unitsLoader } from '../../shared/batching';
import { METRICS, type StatsValues } from './metrics';
import {
  addStats,
  approvedAnnualFigures,
  childrenOfYear,
  childrenOnDay,
  type RatingCounts,
  ratingCountsOf,
  ratingsOf,
  subtreeStats,
  subtreeStatsOnMap,
  targetsOf,
  ZERO_STATS,
} from './statistics.queries';

/** Rollups of one request: all units asked for the same year cost one statement. */
export function createStatisticsLoaders(em: EntityManager) {
  return {
    statsByUnitId: new DataLoader<{ unitId: number; year: number }, StatsValues, string>(
      async (keys) => {
        const years = [...new Set(keys.map((key) => key.year))];
        const byYear = new Map<number, Map<number, StatsValues>>();
        for (const year of years) {
          const ids = keys.filter((key) => key.year === year).map((key) => key.unitId);
          byYear.set(year, await subtreeStats(em, ids, year));
        }
        return keys.map((key) => byYear.get(key.year)?.get(key.unitId) ?? ZERO_STATS);
      },
      { cacheKeyFn: (key) => `${key.unitId}:${key.year}` },
    ),

    /** The figures of each unit's approved annual report; null where it has none approved (missing). */
    approvedStatsByUnitId: new DataLoader<{ unitId: number; year: number }, StatsValues | null, string>(
      async (keys) => {
        const rows = await approvedAnnualFigures(
          em,
          [...new Set(keys.map((key) => key.unitId))],
          [...new Set(keys.map((key) => key.year))],
        );
        const found = new Map(rows.map((row) => [`${row.unit_id}:${row.year}`, row.figures]));
        return keys.map((key) => {
          const figures = found.get(`${key.unitId}:${key.year}`);
          return figures
            ? Object.fromEntries(
                METRICS.map((m) => [
                  m.field,
                  m.money ? BigInt(figures[m.field] ?? 0) : Number(figures[m.field] ?? 0),
                ]),
              )
            : null;
        });
      },
      { cacheKeyFn: (key) => `${key.unitId}:${key.year}` },
    ),

    /** The children of each unit at the end of the year (and those that closed under it during it). */
    childrenOfYearByUnitId: unitsLoader(
      (ids, args: { year: number }) => childrenOfYear(em, ids, args),
      () => [],
    ),
    /** Each unit's figures on the tree of another day; null where the unit is not on that tree. */
    statsOnMapByUnitId: unitsLoader(
      (ids, args: { year: number; day: string }): Promise<Map<number, StatsValues | null>> =>
        subtreeStatsOnMap(em, ids, args),
      () => null,
    ),
    /**
     * What none of each unit's children holds on the tree of another day (its figure there less its
     * children's: nothing is lost or counted twice, so that is the rest); null off that tree.
     */
    remainderOnMapByUnitId: unitsLoader(
      async (ids, args: { year: number; day: string }): Promise<Map<number, StatsValues | null>> => {
        const children = await childrenOnDay(em, ids, { day: args.day });
        const figures = await subtreeStatsOnMap(
          em,
          [...new Set([...ids, ...[...children.values()].flat()])],
          args,
        );
        return new Map(
          ids
            .filter((id) => figures.has(id))
            .map((id) => [
              id,
              (children.get(id) ?? []).reduce(
                (rest, child) => addStats(rest, figures.get(child) ?? ZERO_STATS, -1),
                figures.get(id)!,
              ),
            ]),
        );
      },
      () => null,
    ),
    childrenOnDayByUnitId: unitsLoader(
      (ids, args: { day: string }) => childrenOnDay(em, ids, args),
      (): number[] => [],
    ),
    targetsByUnitId: unitsLoader(
      (ids, args: { year: number }) => targetsOf(em, ids, args),
      () => [],
    ),
    ratingCountsByUnitId: unitsLoader(
      (ids, args: { year: number }) => ratingCountsOf(em, ids, args),
      (): RatingCounts => ({ units: 0, ratings: {} }),
    ),

    /** A unit's own rating (xếp loại) for a year: one statement for all the units of a list. */
    ratingByUnitId: new DataLoader<{ unitId: number; year: number }, string | null, string>(
      async (keys) => {
        const rows = await ratingsOf(em, keys);
        const found = new Map(rows.map((row) => [`${row.unit_id}:${row.year}`, row.rating]));
        return keys.map((key) => found.get(`${key.unitId}:${key.year}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.unitId}:${key.year}` },
    ),
  };
}

export type StatisticsLoaders = ReturnType<typeof createStatisticsLoaders>;

/** A unit's figures for a year on a basis: the rollup (LIVE), or its approved annual report (null if none). */
export function statsOn(
  loaders: StatisticsLoaders,
  basis: FigureBasis,
  key: { unitId: number; year: number },
  onTreeOf?: string | null,
): Promise<StatsValues | null> {
  if (onTreeOf) {
    return loaders.statsOnMapByUnitId.load({ ...key, day: onTreeOf });
  }
  return basis === 'APPROVED' ? loaders.approvedStatsByUnitId.load(key) : loaders.statsByUnitId.load(key);
}
