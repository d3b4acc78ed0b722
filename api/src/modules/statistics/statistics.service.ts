import { refusal } from '../../shared/errors';
import { moneyFromDb } from '../../shared/money';
import { METRIC_BY_FIELD, type StatsValues } from './metrics';
import type { TargetRow } from './statistics.queries';

export function requireMetric(field: string): void {
  if (!METRIC_BY_FIELD.has(field)) {
    throw refusal('METRIC_UNKNOWN', { field }, 'metric');
  }
}

/** Competition ranking by one metric; ties share a rank and keep the order of their codes. */
export function rank<T extends { code: string; stats: StatsValues }>(
  rows: T[],
  metric: string,
  direction: 'ASC' | 'DESC',
): Array<T & { rank: number }> {
  const sign = direction === 'DESC' ? -1 : 1;
  // Each value read once; after sorting, equal values are neighbours and share the first one's rank.
  const sorted = rows
    .map((row) => ({ row, value: BigInt(row.stats[metric]) }))
    .sort((a, b) =>
      a.value !== b.value ? (a.value > b.value ? sign : -sign) : a.row.code.localeCompare(b.row.code),
    );
  let rank = 0;
  return sorted.map(({ row, value }, index) => {
    if (index === 0 || value !== sorted[index - 1].value) {
      rank = index + 1;
    }
    return { ...row, rank };
  });
}

export function achievement(
  target: TargetRow,
  stats: StatsValues,
): { target: bigint; actual: bigint; ratio: number } {
  const value = moneyFromDb(target.value);
  const actual = BigInt(stats[target.metric] ?? 0);
  return { target: value, actual, ratio: Number(actual) / Number(value) };
}
