import type { OrgUnitKind } from '@cdvn/seeds';
import type { EntityManager } from '@mikro-orm/postgresql';

import { type Cursor, encodeCursor, type Page } from '../../shared/pagination';
import { intArray, likeContains, runSql } from '../../shared/sql';
import type { OrgUnitRecord } from './org-unit.record';

/** The lists hanging off a unit. Tree relations read the tree of a date; the others do not. */
export type OrgUnitRelation = 'children' | 'descendants' | 'ancestors' | 'successors' | 'predecessors';

export interface RelationFilter {
  asOf: string;
  kind: OrgUnitKind | null;
  search: string | null;
  first: number;
  after: Cursor | null;
}

const UNIT_COLUMNS = 'u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to, u.search_text';

/**
 * The candidate rows of each relation, for the owner `o.owner_id`, each with a `sort_key`. Units sort by
 * name without diacritics; ancestors run from the national federation down to the parent.
 */
const CANDIDATES: Record<OrgUnitRelation, { sql: string; usesDate: boolean }> = {
  children: {
    usesDate: true,
    sql: `select ${UNIT_COLUMNS}, u.sort_name as sort_key
            from org_unit_parent l join org_unit u on u.id = l.unit_id
           where l.parent_id = o.owner_id and l.period @> ?::date`,
  },
  descendants: {
    usesDate: true,
    sql: `select ${UNIT_COLUMNS}, u.sort_name as sort_key
            from org_unit_path top
            join org_unit_path d on d.path <@ top.path and d.period @> ?::date and d.unit_id <> top.unit_id
            join org_unit u on u.id = d.unit_id
           where top.unit_id = o.owner_id and top.period @> ?::date`,
  },
  ancestors: {
    usesDate: true,
    sql: `select ${UNIT_COLUMNS}, lpad(a.depth::text, 4, '0') as sort_key
            from org_unit_path top
            cross join lateral unnest(string_to_array(ltree2text(subpath(top.path, 0, nlevel(top.path) - 1)), '.'))
                 with ordinality as a(unit_id, depth)
            join org_unit u on u.id = a.unit_id::integer
           where top.unit_id = o.owner_id and top.period @> ?::date`,
  },
  successors: {
    usesDate: false,
    sql: `select ${UNIT_COLUMNS}, u.sort_name as sort_key
            from org_unit_succession s join org_unit u on u.id = s.successor_id
           where s.predecessor_id = o.owner_id`,
  },
  predecessors: {
    usesDate: false,
    sql: `select ${UNIT_COLUMNS}, u.sort_name as sort_key
            from org_unit_succession s join org_unit u on u.id = s.predecessor_id
           where s.successor_id = o.owner_id`,
  },
};

interface PageRow {
  owner_id: number;
  total_count: number;
  rows: Array<{
    id: number;
    code: string;
    name: string;
    kind: OrgUnitKind;
    valid_from: string;
    valid_to: string | null;
    sort_key: string;
  }>;
}

/**
 * One page of a relation for many owners in one statement, whatever their number: a lateral count and a
 * lateral keyset page per owner, each served by the (parent, date) or (path, period) indexes.
 */
export async function relationPages(
  em: EntityManager,
  relation: OrgUnitRelation,
  ownerIds: readonly number[],
  filter: RelationFilter,
): Promise<Map<number, Page<OrgUnitRecord>>> {
  const candidates = CANDIDATES[relation];
  const dateParams = (candidates.sql.match(/\?::date/g) ?? []).map(() => filter.asOf);
  const where = `(?::text is null or c.kind = ?) and (?::text is null or c.search_text like search_normalize(?))`;
  const search = filter.search === null ? null : likeContains(filter.search);
  const whereParams = [filter.kind, filter.kind, search, search];
  const afterParams = filter.after ? [filter.after.sortKey, filter.after.id] : [null, null];
  const rows = await runSql<PageRow>(
    em,
    `orgUnit.${relation}`,
    `select o.owner_id, t.total_count, coalesce(p.rows, '[]'::json) as rows
       from unnest(?::integer[]) as o(owner_id)
       cross join lateral (
         select count(*)::integer as total_count from (${candidates.sql}) c where ${where}
       ) t
       cross join lateral (
         select json_agg(c order by c.sort_key, c.id) as rows from (
           select c.* from (${candidates.sql}) c
            where ${where} and (?::text is null or (c.sort_key, c.id) > (?::text, ?::integer))
            order by c.sort_key, c.id
            limit ?
         ) c
       ) p`,
    [
      intArray(ownerIds),
      ...dateParams,
      ...whereParams,
      ...dateParams,
      ...whereParams,
      afterParams[0],
      ...afterParams,
      filter.first + 1,
    ],
  );
  const pages = new Map<number, Page<OrgUnitRecord>>();
  for (const row of rows) {
    const page = row.rows.slice(0, filter.first);
    pages.set(row.owner_id, {
      totalCount: row.total_count,
      nodes: page.map(toRecord),
      cursors: page.map((item) => encodeCursor({ sortKey: item.sort_key, id: item.id })),
      hasNextPage: row.rows.length > filter.first,
      hasPreviousPage: filter.after !== null,
    });
  }
  return pages;
}

function toRecord(row: PageRow['rows'][number]): OrgUnitRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

/** The parent of each unit on a date, in one statement. */
export async function parentsOf(
  em: EntityManager,
  unitIds: readonly number[],
  asOf: string,
): Promise<Map<number, OrgUnitRecord>> {
  const rows = await runSql<PageRow['rows'][number] & { child_id: number }>(
    em,
    'orgUnit.parentsOf',
    `select l.unit_id as child_id, u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to
       from org_unit_parent l join org_unit u on u.id = l.parent_id
      where l.unit_id = any(?::integer[]) and l.period @> ?::date`,
    [intArray(unitIds), asOf],
  );
  return new Map(rows.map((row) => [row.child_id, toRecord(row)]));
}

export async function unitsByCode(
  em: EntityManager,
  codes: readonly string[],
): Promise<Map<string, OrgUnitRecord>> {
  const rows = await runSql<PageRow['rows'][number]>(
    em,
    'orgUnit.byCode',
    `select u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to
       from org_unit u where u.code = any(?::text[])`,
    [`{${codes.map((code) => JSON.stringify(code)).join(',')}}`],
  );
  return new Map(rows.map((row) => [row.code, toRecord(row)]));
}

export async function unitsById(em: EntityManager, ids: readonly number[]): Promise<Map<number, OrgUnitRecord>> {
  const rows = await runSql<PageRow['rows'][number]>(
    em,
    'orgUnit.byId',
    `select u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to from org_unit u where u.id = any(?::integer[])`,
    [intArray(ids)],
  );
  return new Map(rows.map((row) => [row.id, toRecord(row)]));
}
