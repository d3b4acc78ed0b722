import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { runSql, sql } from '../../shared/sql';

/**
 * The upkeep of the rollup store (stat_own, stat_delta, stat_rollup; api/sql/rollups.sql): recounts after
 * a change of the tree and after bulk loads, and the fold of pending deltas. The tree's operations and the
 * statistics' reads both stand on it; it knows neither.
 */

/**
 * Recounts the folded rollups from `fromYear` to the current year: after a change of the tree (whose
 * placement of units changes those years) and after bulk loads.
 */
export async function rebuildRollups(
  em: EntityManager,
  fromYear: number | null,
  today: string,
): Promise<void> {
  const currentYear = Number(today.slice(0, 4));
  await runSql(
    em,
    'statistics.rebuild',
    sql`select stat_rebuild(least(coalesce(${fromYear}::integer, (select min(year) from stat_own), ${currentYear}), ${currentYear}), ${currentYear})`,
  );
}

/**
 * The units whose rollups a change of the tree touching `unitIds` may change from `fromYear` on: the
 * units themselves and every unit above them on some day of those years. Asked before and after the
 * change, the union covers both the old and the new ancestors.
 */
export async function unitsAbove(em: EntityManager, unitIds: number[], fromYear: number): Promise<number[]> {
  const rows = await runSql<{ id: number }>(
    em,
    'statistics.unitsAbove',
    sql`select distinct label::integer as id
       from org_unit_path p cross join unnest(string_to_array(ltree2text(p.path), '.')) as label
      where p.unit_id = any(${unitIds}::integer[]) and p.period && daterange(make_date(${fromYear}, 1, 1), null)`,
  );
  return rows.map((row) => row.id);
}

/** Recounts the rollups of the given units for the materialised years from `fromYear` on. */
export async function recountRollups(em: EntityManager, unitIds: number[], fromYear: number): Promise<void> {
  await runSql(
    em,
    'statistics.recount',
    sql`select stat_recount(${[...new Set(unitIds)]}::integer[], ${fromYear})`,
  );
}

/** Folds the pending deltas, and materialises the current year when a new one has begun. */
export async function foldRollups(em: EntityManager, today: string): Promise<number> {
  await runSql(em, 'statistics.materialise', sql`select stat_materialise(${Number(today.slice(0, 4))})`);
  const [row] = await runSql<{ folded: string }>(em, 'statistics.fold', sql`select stat_fold() as folded`);
  return Number(row.folded);
}

/** How many years back today's map is kept ready: the comparisons' usual span (2020 onwards). */
export const MAP_YEARS_KEPT = 7;

/**
 * Prepares where the units of each recent year count on today's tree (stat_map_placements), one year per
 * transaction, so that the first reader after a change of the tree does not wait for it. Returns the
 * years prepared (none when all were ready: a few index reads).
 */
export async function prepareTodaysMap(orm: MikroORM, today: string): Promise<number[]> {
  const current = Number(today.slice(0, 4));
  const prepared: number[] = [];
  for (let year = current - MAP_YEARS_KEPT + 1; year <= current; year++) {
    const [row] = await runSql<{ ready: boolean }>(
      orm.em.fork(),
      'statistics.mapReady',
      sql`select exists (select 1 from stat_map_epoch where year = ${year} and epoch = stat_map_epoch_of(${today}::date)) as ready`,
    );
    if (!row.ready) {
      await orm.em
        .fork()
        .transactional((em) =>
          runSql(
            em,
            'statistics.mapPrepare',
            sql`select count(*) from stat_map_placements(array[]::integer[], ${year}, ${today}::date)`,
          ),
        );
      prepared.push(year);
    }
  }
  return prepared;
}
