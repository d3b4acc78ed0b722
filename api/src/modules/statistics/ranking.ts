import type { Context } from '../../graphql/context';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { StatsValues } from './metrics';
import { endOfYear } from './statistics.queries';
import { rank } from './statistics.service';
import { type RankedUnitStats, type SortDirection, UnitStats } from './statistics.types';

/** Ranks units by a metric of their rollups for a year (children, cluster members). */
export async function rankUnits(
  ctx: Context,
  ids: number[],
  year: number,
  orderBy: string,
  direction: SortDirection,
): Promise<RankedUnitStats[]> {
  const [records, stats] = await Promise.all([
    ctx.loaders.orgUnit.unitById.loadMany(ids),
    ctx.loaders.statistics.statsByUnitId.loadMany(ids.map((unitId) => ({ unitId, year }))),
  ]);
  const asOf = endOfYear(year);
  const rows = ids.map((_, i) => {
    const record = records[i];
    const values = stats[i];
    if (record instanceof Error || values instanceof Error || record === null) {
      throw record instanceof Error ? record : values instanceof Error ? values : new Error('unit vanished');
    }
    return { code: record.code, unit: OrgUnitNode.of(record, asOf), stats: values as StatsValues };
  });
  return rank(rows, orderBy, direction).map((row) => ({
    rank: row.rank,
    unit: row.unit,
    stats: UnitStats.of(year, row.stats),
  }));
}
