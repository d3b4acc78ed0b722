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
  const value = (row: T) => BigInt(row.stats[metric]);
  const sorted = [...rows].sort((a, b) => {
    const difference = value(a) - value(b);
    return difference !== 0n ? (difference > 0n ? sign : -sign) : a.code.localeCompare(b.code);
  });
  return sorted.map((row, index) => {
    const first = sorted.findIndex((other) => value(other) === value(row));
    return { ...row, rank: (first === -1 ? index : first) + 1 };
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
