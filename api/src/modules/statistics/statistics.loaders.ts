import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import type { StatsValues } from './metrics';
import { subtreeStats, ZERO_STATS } from './statistics.queries';

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
  };
}

export type StatisticsLoaders = ReturnType<typeof createStatisticsLoaders>;
