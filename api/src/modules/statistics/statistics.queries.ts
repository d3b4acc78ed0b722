import type { EntityManager } from '@mikro-orm/postgresql';

import { moneyFromDb } from '../../shared/money';
import { intArray, runSql } from '../../shared/sql';
import { METRICS, type StatsValues } from './metrics';

/**
 * The last day of a year's tree: 31 December, or today for the current year (members "on 31 December"
 * are those of today until the year ends).
 */
export function endOfYear(year: number, today: string): string {
  return String(year) === today.slice(0, 4) ? today : `${year}-12-31`;
}

/**
 * The units whose records count in an owner's rollup for a year: those under it on the year's last
 * day, and those that closed during the year where they stood on their own last day (so a unit that
 * closes in June still counts in its parent's year). The owner itself is placed the same way.
 */
const SUBTREE_OF_YEAR = `
  select g.unit_id from org_unit_path g where g.path <@ top.path and g.period @> :end
  union
  select c.id from org_unit c join org_unit_path g on g.unit_id = c.id and g.period @> c.valid_to
   where c.valid_to >= :start and c.valid_to < :end and g.path <@ top.path`;

/**
 * The units counted in a rollup of the owner `o.owner_id` for a year, as SQL with `?` placeholders and
 * their values in order; used by every list that reads "the subtree of a year".
 */
export function yearSubtreeSql(year: number, today: string): { sql: string; params: unknown[] } {
  const end = endOfYear(year, today);
  return {
    sql: `select members.unit_id
            from org_unit u
            join org_unit_path top on top.unit_id = u.id and top.period @> least(?::date, u.valid_to)
            cross join lateral (${SUBTREE_OF_YEAR.replace(/:end/g, '?::date').replace(/:start/g, '?::date')}) members
           where u.id = o.owner_id and u.valid_from <= ?::date`,
    params: [end, end, `${year}-01-01`, end, end],
  };
}

function columns(): string {
  return METRICS.map((m) =>
    m.stock
      ? `coalesce(sum(s.${m.column}), 0) as "${m.field}"`
      : `coalesce(sum(s.${m.column}) filter (where s.year = :year), 0) as "${m.field}"`,
  ).join(',\n       ');
}

/** Replaces named placeholders with positional ones, in order. */
function bind(text: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = [];
  const sql = text.replace(/:(owners|end|start|year)\b/g, (_match, name: string) => {
    params.push(values[name]);
    return name === 'owners' ? '?::integer[]' : name === 'year' ? '?::integer' : '?::date';
  });
  return [sql, params];
}

function toValues(row: Record<string, string | number>): StatsValues {
  return Object.fromEntries(
    METRICS.map((m) => [m.field, m.money ? moneyFromDb(row[m.field]) : Number(row[m.field])]),
  );
}

export const ZERO_STATS: StatsValues = Object.fromEntries(METRICS.map((m) => [m.field, m.money ? 0n : 0]));

/** The rollups of many units for one year, in one statement: each unit's own records and its subtree's. */
export async function subtreeStats(
  em: EntityManager,
  unitIds: readonly number[],
  year: number,
  today: string,
): Promise<Map<number, StatsValues>> {
  const end = endOfYear(year, today);
  const [sql, params] = bind(
    `select o.owner_id,
       ${columns()}
       from unnest(:owners) as o(owner_id)
       join org_unit u on u.id = o.owner_id and u.valid_from <= :end
       join org_unit_path top on top.unit_id = u.id and top.period @> least(:end, u.valid_to)
       cross join lateral (${SUBTREE_OF_YEAR}) members
       join stat_own s on s.unit_id = members.unit_id and s.year <= :year
      group by o.owner_id`,
    { owners: intArray(unitIds), end, start: `${year}-01-01`, year },
  );
  const rows = await runSql<Record<string, string | number>>(em, 'statistics.subtreeStats', sql, params);
  return new Map(rows.map((row) => [Number(row.owner_id), toValues(row)]));
}

/** The units whose rollups rank as a unit's children in a year: its children on the year's last day,
 * and those that closed under it during the year. */
export async function childrenOfYear(
  em: EntityManager,
  unitId: number,
  year: number,
  today: string,
): Promise<number[]> {
  const end = endOfYear(year, today);
  const rows = await runSql<{ id: number }>(
    em,
    'statistics.childrenOfYear',
    `select l.unit_id as id from org_unit_parent l where l.parent_id = ? and l.period @> ?::date
     union
     select l.unit_id from org_unit_parent l join org_unit c on c.id = l.unit_id
      where l.parent_id = ? and c.valid_to >= ?::date and c.valid_to < ?::date and l.period @> c.valid_to`,
    [unitId, end, unitId, `${year}-01-01`, end],
  );
  return rows.map((row) => row.id);
}
