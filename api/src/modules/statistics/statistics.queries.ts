import type { EntityManager } from '@mikro-orm/postgresql';

import { byUnit } from '../../shared/batching';
import { moneyFromDb } from '../../shared/money';
import type { OrgUnitRecord } from '../org-unit/org-unit.record';
import { toRecord, type UnitRow, unitRecordColumns } from '../org-unit/org-unit.queries';
import { runPrepared, runSql, sql, type Sql } from '../../shared/sql';
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
 * database); used by every list of "the subtree of a year".
 */
export function yearSubtreeSql(year: number): Sql {
  // Called in FROM, the function is inlined into the statement and planned with it; called in the select
  // list it ran apart, and took a grassroots union's activities page from 0.2 to 2.5 ms.
  return sql`select u.unit_id from stat_subtree_units(o.owner_id, ${year}::integer) as u(unit_id)`;
}

/** Each metric summed over `alias`'s rows: stocks over every row, flows over the year's rows only. */
function sums(alias: string, year: number): Sql {
  return sql.join(
    METRICS.map((m) => {
      const column = sql.identifier(alias, m.column);
      const total = m.stock
        ? sql`sum(${column})`
        : sql`sum(${column}) filter (where ${sql.identifier(alias, 'year')} = ${year})`;
      return sql`coalesce(${total}, 0) as ${sql.identifier(m.field)}`;
    }),
  );
}

function toValues(row: Record<string, string | number>): StatsValues {
  return Object.fromEntries(
    METRICS.map((m) => [m.field, m.money ? moneyFromDb(row[m.field]) : Number(row[m.field])]),
  );
}

export const ZERO_STATS: StatsValues = Object.fromEntries(METRICS.map((m) => [m.field, m.money ? 0n : 0]));

/**
 * The rollups for one year of the units in a CTE `owners(owner_id)` that the caller writes first: CTEs to
 * follow it and a query of `owner_id` and the figures. A materialised year reads the folded rollups and
 * adds the deltas not folded yet; any other year sums the own totals of the subtree.
 */
function rollupsOfOwners(year: number): { ctes: Sql; query: Sql } {
  const folded = sql.join(
    METRICS.map((m) => {
      const field = sql.identifier(m.field);
      return sql`coalesce(${sql.identifier('r', m.column)}, 0) + coalesce(p.${field}, 0) as ${field}`;
    }),
  );
  return {
    ctes: sql`materialised as (select exists (select 1 from stat_rollup_year where year = ${year}) as yes),
     pending as (
       select a.ancestor, ${sums('d', year)}
         from stat_delta d cross join lateral stat_ancestors(d.unit_id, ${year}) as a(ancestor)
        where d.year <= ${year} and (select yes from materialised)
        group by a.ancestor
     )`,
    query: sql`select o.owner_id, ${folded}
       from owners o
       left join stat_rollup r on r.unit_id = o.owner_id and r.year = ${year}
       left join pending p on p.ancestor = o.owner_id
      where (select yes from materialised)
     union all
     select o.owner_id, ${sums('s', year)}
       from owners o
       cross join lateral stat_subtree_units(o.owner_id, ${year}) as u(unit_id)
       join stat_own s on s.unit_id = u.unit_id and s.year <= ${year}
      where not (select yes from materialised)
      group by o.owner_id`,
  };
}

/** The rollups of many units for one year, in one statement. */
export async function subtreeStats(
  em: EntityManager,
  unitIds: readonly number[],
  year: number,
): Promise<Map<number, StatsValues>> {
  const rollups = rollupsOfOwners(year);
  const rows = await runPrepared<Record<string, string | number>>(
    em,
    'statistics.subtreeStats',
    sql`with owners as (select unnest(${unitIds}::integer[]) as owner_id), ${rollups.ctes} ${rollups.query}`,
  );
  return new Map(rows.map((row) => [Number(row.owner_id), toValues(row)]));
}

export interface ChildOfYear {
  unit: OrgUnitRecord;
  stats: StatsValues;
}

/**
 * The units that rank as a unit's children in a year, with their rows and their rollups, in one
 * statement: its children on the year's last day, and those that closed under it during the year.
 */
export async function childrenOfYear(
  em: EntityManager,
  unitIds: number[],
  { year }: { year: number },
): Promise<Map<number, ChildOfYear[]>> {
  const end = endOfYear(year);
  const rollups = rollupsOfOwners(year);
  const rows = await runPrepared<UnitRow & Record<string, string | number> & { parent_id: number }>(
    em,
    'statistics.childrenOfYear',
    // The parents' links with their units' closing days first, on their own: joined with the year's
    // range, a prepared statement's generic plan began from every unit closed during the year (5,725 in
    // 2025 at national scale: 35 ms, not 1, and more for a viewer whose policies check each of them).
    sql`with links as materialized (
       select l.parent_id, l.unit_id, l.period, c.valid_to
         from org_unit_parent l join org_unit c on c.id = l.unit_id
        where l.parent_id = any(${unitIds}::integer[])
     ),
     kids as (
       select l.parent_id, l.unit_id from links l where l.period @> ${end}::date
       union
       select l.parent_id, l.unit_id from links l
        where l.valid_to >= ${`${year}-01-01`}::date and l.valid_to < ${end}::date and l.period @> l.valid_to
     ),
     owners as (select distinct unit_id as owner_id from kids),
     ${rollups.ctes},
     rollups as materialized (${rollups.query})
     select k.parent_id, ${unitRecordColumns()}, r.*
       from kids k join org_unit u on u.id = k.unit_id join rollups r on r.owner_id = k.unit_id`,
  );
  const children = new Map<number, ChildOfYear[]>();
  for (const row of rows) {
    const child = { unit: toRecord(row), stats: toValues(row) };
    children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), child]);
  }
  return children;
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

/** Each unit's own rating (xếp loại) for a year, for many (unit, year) pairs in one statement. */
export function ratingsOf(
  em: EntityManager,
  keys: ReadonlyArray<{ unitId: number; year: number }>,
): Promise<Array<{ unit_id: number; year: number; rating: string }>> {
  return runSql(
    em,
    'statistics.ratings',
    sql`select r.unit_id, r.year, r.rating from unit_rating r
       join unnest(${keys.map((key) => key.unitId)}::integer[], ${keys.map((key) => key.year)}::integer[]) as k(unit_id, year)
         on k.unit_id = r.unit_id and k.year = r.year`,
  );
}

/**
 * The figures of the approved annual reports (period "YYYY") of these units for these years: the APPROVED
 * basis. The reports are the reporting module's; their frozen figures are keyed by the catalogue's fields.
 */
export function approvedAnnualFigures(
  em: EntityManager,
  unitIds: number[],
  years: number[],
): Promise<Array<{ unit_id: number; year: number; figures: Record<string, string> }>> {
  return runSql(
    em,
    'statistics.approvedAnnualFigures',
    sql`select unit_id, cast(period_code as integer) as year, figures from report
         where unit_id = any(${unitIds}::integer[]) and period_code = any(${years.map(String)}::text[])
           and state = 'APPROVED'`,
  );
}

/** `a + sign × b`, metric by metric (amounts as bigint): `sign` -1 subtracts. */
export function addStats(a: StatsValues, b: StatsValues, sign: 1 | -1 = 1): StatsValues {
  return Object.fromEntries(
    METRICS.map((m) => [
      m.field,
      m.money
        ? BigInt(a[m.field]) + BigInt(sign) * BigInt(b[m.field])
        : Number(a[m.field]) + sign * Number(b[m.field]),
    ]),
  );
}

/** The figures of units' own records for a year (not their subtrees'). */
export async function ownStats(
  em: EntityManager,
  unitIds: number[],
  year: number,
): Promise<Map<number, StatsValues>> {
  const rows = await runSql<Record<string, string | number>>(
    em,
    'statistics.ownStats',
    sql`select s.unit_id as owner_id, ${sums('s', year)} from stat_own s
         where s.unit_id = any(${unitIds}::integer[]) and s.year <= ${year} group by s.unit_id`,
  );
  return new Map(rows.map((row) => [Number(row.owner_id), toValues(row)]));
}

/**
 * The figures of units for a year on the tree of another day (`onTreeOf`): every unit of the year counts
 * where `stat_map_holder` puts it on that tree (its successor's place after a merger; its parent's when it
 * closed without one). `stat_map_placements` says which of the year's rollups make each unit's figure (a
 * merged province's: the rollups of the provinces it took in); they are read here, under row-level
 * security, and added up. A unit that is not on that tree has no figures there (absent from the map).
 */
export async function subtreeStatsOnMap(
  em: EntityManager,
  unitIds: number[],
  { year, day }: { year: number; day: string },
): Promise<Map<number, StatsValues>> {
  const segments = await runSql<{ owner_id: number; unit_id: number | null; whole: boolean | null }>(
    em,
    'statistics.mapSegments',
    sql`select owner_id, unit_id, whole from stat_map_placements(${unitIds}::integer[], ${year}::integer, ${day}::date)`,
  );
  const ids = (whole: boolean) => [
    ...new Set(segments.filter((s) => s.unit_id !== null && s.whole === whole).map((s) => s.unit_id!)),
  ];
  const [wholeIds, ownIds] = [ids(true), ids(false)];
  const subtrees =
    wholeIds.length > 0 ? await subtreeStats(em, wholeIds, year) : new Map<number, StatsValues>();
  const owns = ownIds.length > 0 ? await ownStats(em, ownIds, year) : new Map<number, StatsValues>();
  const figures = new Map<number, StatsValues>();
  for (const segment of segments) {
    const total = figures.get(segment.owner_id) ?? ZERO_STATS;
    const part =
      segment.unit_id === null
        ? ZERO_STATS
        : ((segment.whole ? subtrees : owns).get(segment.unit_id) ?? ZERO_STATS);
    figures.set(segment.owner_id, addStats(total, part));
  }
  return figures;
}

/** The children of units on the tree of a day. */
export async function childrenOnDay(
  em: EntityManager,
  unitIds: number[],
  { day }: { day: string },
): Promise<Map<number, number[]>> {
  const rows = await runPrepared<{ parent_id: number; unit_id: number }>(
    em,
    'statistics.childrenOnDay',
    sql`select l.parent_id, l.unit_id from org_unit_parent l
         where l.parent_id = any(${unitIds}::integer[]) and l.period @> ${day}::date order by l.unit_id`,
  );
  const children = new Map<number, number[]>();
  for (const row of rows) {
    children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.unit_id]);
  }
  return children;
}

/** The units of a kind on the tree of a day, across the country. */
export async function unitsOfKindOnDay(em: EntityManager, kind: string, day: string): Promise<number[]> {
  const rows = await runSql<{ id: number }>(
    em,
    'statistics.unitsOfKindOnDay',
    sql`select id from org_unit where kind = ${kind} and validity @> ${day}::date order by id`,
  );
  return rows.map((row) => row.id);
}

/** The emulation cluster a unit belongs to in a year, with its owner and members; null when none. */
export async function clusterOfUnit(
  em: EntityManager,
  unitId: number,
  year: number,
): Promise<{ code: string; owner_id: number; unit_ids: number[] } | null> {
  const [row] = await runSql<{ code: string; owner_id: number; unit_ids: number[] }>(
    em,
    'statistics.clusterOfUnit',
    sql`select c.code, c.owner_id, array_agg(m.unit_id order by m.unit_id) as unit_ids
          from emulation_cluster c join emulation_cluster_member m on m.cluster_id = c.id and m.year = ${year}
         where c.id in (select cluster_id from emulation_cluster_member where unit_id = ${unitId} and year = ${year})
         group by c.id order by c.code limit 1`,
  );
  return row ?? null;
}
