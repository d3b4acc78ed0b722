import type { EntityManager } from '@mikro-orm/postgresql';

import { runPrepared, runSql, sql, streamRows } from '../../shared/sql';
import { membershipsOfSubtree } from '../member/member.queries';

/** The statements of imports (what is already there) and exports (a subtree's rows in the sheets' order). */

/**
 * What makes a record the same as a sheet's row, as the key the import builds (bulk.service), for each
 * record of the sheet's units (`units u`: their ids and codes) on the sheet's days; `asked` holds the
 * sheet's keys.
 */
const RECORDED = {
  /**
   * The same person in the same union from the same day. Only the memberships whose union and name (as
   * searched: its `search_name`) the sheet gives are joined to their members: a union's members of the
   * sheet's day were all read before, 4 s for 600,000 members joined the same day (the benchmark's imports
   * run again) and 26 s for 1.5 million; now 0.6 s for 600,000. The sheet's pairs are a hashed set
   * whatever the plan (a `coalesce` keeps it a set instead of a join, which the generic plan would begin
   * from the memberships of each pair).
   */
  members: (days: string[]) =>
    sql`select lower(m.full_name) || '|' || coalesce(m.birth_date::text, '') || '|' || u.code || '|' || ms.joined_on::text as key
       from units u
       join membership ms on ms.unit_id = u.id and ms.joined_on = any(${days}::date[])
        and coalesce(u.code || '|' || ms.search_name in (select p.part[2] || '|' || search_normalize(p.part[1])
              from (select regexp_match(a.key, '^(.*)\\|[^|]*\\|([^|]*)\\|[^|]*$') as part from asked a) p), false)
       join member m on m.id = ms.member_id`,
  /** The same figure of the same unit, kind and day, with the same programme and note. */
  activities: (days: string[]) =>
    sql`select concat_ws('|', u.code, a.kind, a.occurred_on::text, a.quantity::text, a.amount::text,
              coalesce(p.code, ''), coalesce(a.programme_phase::text, ''), coalesce(a.note, '')) as key
       from units u
       join activity a on a.unit_id = u.id and a.occurred_on = any(${days}::date[])
       left join programme p on p.id = a.programme_id`,
};

/**
 * Which of a sheet's keys are already recorded. Only the sheet's keys travel back, so an import's memory
 * follows its file, not what the unions already hold (hundreds of thousands of members in a province),
 * and only the records of the sheet's days are read, through the indexes by unit and day. Prepared (the
 * keys are bound, not written into the text), with the units found first: planned without the codes, the
 * join began from the members and ran past the time limit.
 */
export async function existingKeys(
  em: EntityManager,
  kind: keyof typeof RECORDED,
  unitCodes: string[],
  days: string[],
  keys: string[],
): Promise<string[]> {
  const rows = await runPrepared<{ key: string }>(
    em,
    `bulk.existing.${kind}`,
    sql`with units as materialized (select id, code from org_unit where code = any(${unitCodes}::text[])),
     asked as materialized (select k.key from unnest(${keys}::text[]) as k(key)),
     held as materialized (${RECORDED[kind](days)})
     select a.key from asked a where a.key in (select key from held)`,
  );
  return rows.map((row) => row.key);
}

/** The rows each export writes, before they are joined to what they show: what `exportRowCount` counts. */
const EXPORTED = {
  members: (unitId: number, asOf: string) =>
    sql`${membershipsOfSubtree(sql`${unitId}`, asOf, sql`ms.member_id, ms.unit_id, ms.joined_on, ms.search_name`)}`,
  activities: (unitId: number, year: number) =>
    sql`stat_subtree_units(${unitId}, ${year}) as s(unit_id)
       join activity a on a.unit_id = s.unit_id and extract(year from a.occurred_on) = ${year}`,
  collections: (unitId: number, year: number) =>
    sql`stat_subtree_units(${unitId}, ${year}) as s(unit_id)
       join finance_collection f on f.unit_id = s.unit_id
        and f.month between make_date(${year}, 1, 1) and make_date(${year}, 12, 1)`,
};

/**
 * How many rows an export of a unit's subtree would write, counted up to `cap` and no further: an XLSX
 * that a sheet cannot hold is refused before its rows are read and sorted (a province's 1.5 million
 * members took 83 s to reach the sheet's limit).
 */
export async function exportRowCount(
  em: EntityManager,
  kind: keyof typeof EXPORTED,
  unitId: number,
  on: string | number,
  cap: number,
): Promise<number> {
  const rows = kind === 'members' ? EXPORTED.members(unitId, String(on)) : EXPORTED[kind](unitId, Number(on));
  const [{ n }] = await runSql<{ n: number }>(
    em,
    `bulk.exportRowCount.${kind}`,
    sql`select count(*)::int as n from (select 1 from ${rows} limit ${cap}) r`,
  );
  return n;
}

/**
 * The members of a unit's subtree on a day: names of every member read; personal data of those the
 * viewer's unions hold (see member.queries).
 */
export function membersForExport(
  em: EntityManager,
  unitId: number,
  asOf: string,
): AsyncGenerator<Record<string, string | null>> {
  return streamRows(
    em,
    'bulk.exportMembers',
    sql`with ms as (select ms.member_id, ms.unit_id, ms.joined_on, ms.search_name from ${EXPORTED.members(unitId, asOf)})
     select n.full_name, n.gender, m.birth_date, m.phone, m.national_id, m.card_number, u.code, ms.joined_on
       from ms
       join member_names(array(select member_id from ms)) n on n.id = ms.member_id
       left join member m on m.id = ms.member_id
       join org_unit u on u.id = ms.unit_id
      order by u.code, ms.search_name, ms.member_id`,
  );
}

/** The activities of a year in a unit's subtree (the tree of 31 December). */
export function activitiesForExport(
  em: EntityManager,
  unitId: number,
  year: number,
): AsyncGenerator<Record<string, string | null>> {
  return streamRows(
    em,
    'bulk.exportActivities',
    sql`select u.code, a.kind, a.occurred_on, a.quantity, a.amount, p.code as programme, a.programme_phase, a.note
       from ${EXPORTED.activities(unitId, year)}
       join org_unit u on u.id = a.unit_id
       left join programme p on p.id = a.programme_id
      order by a.occurred_on, u.code, a.id`,
  );
}

/** The months of a year of the grassroots unions under the unit (the tree of 31 December). */
export function collectionsForExport(
  em: EntityManager,
  unitId: number,
  year: number,
): AsyncGenerator<Record<string, string>> {
  return streamRows(
    em,
    'bulk.exportCollections',
    sql`select u.code, to_char(f.month, 'YYYY-MM') as month, f.employer_kind, f.members_paying, f.salary_base,
              f.payroll, f.dues_collected, f.funding_paid
         from ${EXPORTED.collections(unitId, year)}
         join org_unit u on u.id = f.unit_id
        order by u.code, f.month`,
  );
}
