import type { EntityManager } from '@mikro-orm/postgresql';

import { moneyFromDb } from '../../shared/money';
import { intArray, runSql } from '../../shared/sql';
import { METRICS, type StatsValues } from './metrics';

/**
 * The last day of a year's tree: 31 December. Changes to the tree and records are never dated in the
 * future, so for the current year the tree and the members of 31 December are today's.
 */
export function endOfYear(year: number): string {
  return `${year}-12-31`;
}

/**
 * The units counted in a rollup of the owner `o.owner_id` for a year (stat_subtree_units, in the
 * database), as SQL with `?` placeholders and their values; used by every list of "the subtree of a year".
 */
export function yearSubtreeSql(year: number): { sql: string; params: unknown[] } {
  return { sql: 'select stat_subtree_units(o.owner_id, ?::integer) as unit_id', params: [year] };
}

function sums(alias: string, year: string): string {
  return METRICS.map((m) =>
    m.stock
      ? `coalesce(sum(${alias}.${m.column}), 0) as "${m.field}"`
      : `coalesce(sum(${alias}.${m.column}) filter (where ${alias}.year = ${year}), 0) as "${m.field}"`,
  ).join(', ');
}

function toValues(row: Record<string, string | number>): StatsValues {
  return Object.fromEntries(
    METRICS.map((m) => [m.field, m.money ? moneyFromDb(row[m.field]) : Number(row[m.field])]),
  );
}

export const ZERO_STATS: StatsValues = Object.fromEntries(METRICS.map((m) => [m.field, m.money ? 0n : 0]));

/**
 * The rollups of many units for one year, in one statement. A materialised year reads the folded
 * rollups and adds the deltas not folded yet; any other year sums the own totals of the subtree.
 */
export async function subtreeStats(
  em: EntityManager,
  unitIds: readonly number[],
  year: number,
): Promise<Map<number, StatsValues>> {
  const folded = METRICS.map(
    (m) => `coalesce(r.${m.column}, 0) + coalesce(p."${m.field}", 0) as "${m.field}"`,
  ).join(', ');
  const owners = intArray(unitIds);
  const rows = await runSql<Record<string, string | number>>(
    em,
    'statistics.subtreeStats',
    `with materialised as (select exists (select 1 from stat_rollup_year where year = ?) as yes),
     pending as (
       select a.ancestor, ${sums('d', '?')}
         from stat_delta d cross join lateral stat_ancestors(d.unit_id, ?) as a(ancestor)
        where d.year <= ? and (select yes from materialised)
        group by a.ancestor
     )
     select o.owner_id, ${folded}
       from unnest(?::integer[]) as o(owner_id)
       left join stat_rollup r on r.unit_id = o.owner_id and r.year = ?
       left join pending p on p.ancestor = o.owner_id
      where (select yes from materialised)
     union all
     select o.owner_id, ${sums('s', '?')}
       from unnest(?::integer[]) as o(owner_id)
       cross join lateral stat_subtree_units(o.owner_id, ?) as u(unit_id)
       join stat_own s on s.unit_id = u.unit_id and s.year <= ?
      where not (select yes from materialised)
      group by o.owner_id`,
    [
      year,
      ...METRICS.filter((m) => !m.stock).map(() => year),
      year,
      year,
      owners,
      year,
      ...METRICS.filter((m) => !m.stock).map(() => year),
      owners,
      year,
      year,
    ],
  );
  return new Map(rows.map((row) => [Number(row.owner_id), toValues(row)]));
}

/** The units whose rollups rank as a unit's children in a year: its children on the year's last day,
 * and those that closed under it during the year. */
export async function childrenOfYear(
  em: EntityManager,
  unitIds: number[],
  { year }: { year: number },
): Promise<Map<number, number[]>> {
  const end = endOfYear(year);
  const rows = await runSql<{ parent_id: number; id: number }>(
    em,
    'statistics.childrenOfYear',
    `select l.parent_id, l.unit_id as id from org_unit_parent l
      where l.parent_id = any(?::integer[]) and l.period @> ?::date
     union
     select l.parent_id, l.unit_id from org_unit_parent l join org_unit c on c.id = l.unit_id
      where l.parent_id = any(?::integer[]) and c.valid_to >= ?::date and c.valid_to < ?::date and l.period @> c.valid_to`,
    [intArray(unitIds), end, intArray(unitIds), `${year}-01-01`, end],
  );
  const children = new Map<number, number[]>();
  for (const row of rows) {
    children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  }
  return children;
}
