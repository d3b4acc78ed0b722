import type { FigureBasis } from '@cdvn/domain';

import type { Context } from '../../graphql/context';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { StatsValues } from './metrics';
import { statsOn } from './statistics.loaders';
import { endOfYear } from './statistics.queries';
import { rank } from './statistics.service';
import { type RankedUnitStats, type SortDirection, UnitStats } from './statistics.types';

/**
 * Ranks units by a metric of their figures for a year (children, cluster members); on the APPROVED basis
 * the units without an approved report follow, unranked.
 */
export async function rankUnits(
  ctx: Context,
  ids: number[],
  year: number,
  orderBy: string,
  direction: SortDirection,
  basis: FigureBasis = 'LIVE',
  onTreeOf?: string,
): Promise<RankedUnitStats[]> {
  const [records, stats] = await Promise.all([
    ctx.loaders.orgUnit.unitById.loadMany(ids),
    Promise.all(ids.map((unitId) => statsOn(ctx.loaders.statistics, basis, { unitId, year }, onTreeOf))),
  ]);
  const asOf = onTreeOf ?? endOfYear(year);
  const rows = ids.map((_, i) => {
    const record = records[i];
    if (record instanceof Error || record === null) {
      throw record ?? new Error('unit vanished');
    }
    return { code: record.code, unit: OrgUnitNode.of(record, asOf), stats: stats[i] };
  });
  const present = rows.filter(
    (row): row is (typeof rows)[number] & { stats: StatsValues } => row.stats !== null,
  );
  return [
    ...rank(present, orderBy, direction).map((row) => ({
      rank: row.rank,
      unit: row.unit,
      stats: UnitStats.of(year, row.stats),
    })),
    ...rows
      .filter((row) => row.stats === null)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((row) => ({ rank: null, unit: row.unit, stats: null })),
  ];
}
