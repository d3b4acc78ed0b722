import type { EntityManager } from '@mikro-orm/postgresql';

import { byUnit } from '../../shared/batching';
import { badUserInput } from '../../shared/errors';
import { moneyFromDb } from '../../shared/money';
import { runSql, sql } from '../../shared/sql';
import { METRIC_BY_FIELD, type StatsValues } from './metrics';
import { endOfYear } from './statistics.queries';

export function requireMetric(field: string): void {
  if (!METRIC_BY_FIELD.has(field)) {
    throw badUserInput(`"${field}" is not a metric of UnitStats.`, 'metric');
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

export interface TargetRow {
  metric: string;
  value: string;
  set_by_id: number | null;
}

export async function targetsOf(
  em: EntityManager,
  unitIds: number[],
  { year }: { year: number },
): Promise<Map<number, TargetRow[]>> {
  const rows = await runSql<TargetRow & { unit_id: number }>(
    em,
    'statistics.targetsOf',
    sql`select unit_id, metric, value, set_by_id from target where unit_id = any(${unitIds}::integer[]) and year = ${year}
      order by unit_id, metric`,
  );
  return byUnit(rows);
}

export function achievement(
  target: TargetRow,
  stats: StatsValues,
): { target: bigint; actual: bigint; ratio: number } {
  const value = moneyFromDb(target.value);
  const actual = BigInt(stats[target.metric] ?? 0);
  return { target: value, actual, ratio: Number(actual) / Number(value) };
}

/** The ratings of the grassroots unions under a unit at the end of a year. */
export interface RatingCounts {
  units: number;
  ratings: Record<string, number>;
}

/** How the grassroots unions of each unit's subtree (at the end of the year) were rated. */
export async function ratingCountsOf(
  em: EntityManager,
  unitIds: number[],
  { year }: { year: number },
): Promise<Map<number, RatingCounts>> {
  const rows = await runSql<{ owner_id: number; rating: string | null; n: number }>(
    em,
    'statistics.ratingCountsOf',
    sql`select o.owner_id, r.rating, count(*)::integer as n
       from unnest(${unitIds}::integer[]) as o(owner_id)
       cross join lateral stat_subtree_units(o.owner_id, ${year}) as u(unit_id)
       join org_unit c on c.id = u.unit_id and c.kind = 'GRASSROOTS_UNION' and c.validity @> ${endOfYear(year)}::date
       left join unit_rating r on r.unit_id = c.id and r.year = ${year}
      group by o.owner_id, r.rating`,
  );
  const counts = new Map<number, RatingCounts>();
  for (const row of rows) {
    const entry = counts.get(row.owner_id) ?? { units: 0, ratings: {} };
    entry.units += row.n;
    if (row.rating) {
      entry.ratings[row.rating] = row.n;
    }
    counts.set(row.owner_id, entry);
  }
  return counts;
}
