import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { groupByArguments, keyOf } from './batching';

import { type Cursor, encodeCursor, type Page } from './pagination';
import { runPrepared, runSql, sql, type Sql } from './sql';

export interface KeysetQuery {
  /** Statement name for the logs. */
  name: string;
  /** The candidate rows of one owner `o.owner_id`, each with `id` and a text `sort_key`. */
  candidates: Sql;
  /**
   * A condition on the candidates `c`, or null. Written only when it applies (a kind asked for, a text
   * searched), not as `(value is null or ...)`: the statement is prepared, and a generic plan would test
   * that for every candidate.
   */
  filter: Sql | null;
  /**
   * Planned for its values each time instead of prepared: for a filter whose selectivity decides the plan
   * (the units of a kind under VN: from the kind's few units 20 ms, from the 123,000 paths 220 ms).
   */
  plannedForValues?: boolean;
  first: number;
  after: Cursor | null;
  descending?: boolean;
  /**
   * The rows of the page `p` (the candidates' `id` and `sort_key` and whatever else they carry), when
   * they need more than the candidates: lets the candidates stay narrow (index-only) and the rest be read
   * for the page alone.
   */
  rows?: Sql;
}

interface PageRow<T> {
  owner_id: number;
  total_count: number;
  rows: Array<T & { id: number; sort_key: string }>;
}

/**
 * One page of a list for many owners in one statement: per owner, the candidates are found once
 * (materialised), then counted and paged, so a list nested under a list costs one statement whatever the
 * number of owners. Found once: written as two subqueries, the page's copy was planned apart and, at
 * national scale, scanned every unit's path (a grassroots union's 33 members took 33 ms, now 1 ms; a
 * province's members page 0.96-2.7 s, now 0.5 s; the benchmark harness's Q4).
 *
 * Prepared unless the query says otherwise: the owners come from an array, so the plan cannot depend on
 * whose list it is, and planning cost more than running for a grassroots union's page (activities 1.3 ms
 * against 0.4, members 0.6 against 0.9).
 */
export async function keysetPages<T>(
  em: EntityManager,
  ownerIds: readonly number[],
  query: KeysetQuery,
): Promise<Map<number, Page<T & { id: number }>>> {
  const order = query.descending ? sql`desc` : sql`asc`;
  const comparison = query.descending ? sql`<` : sql`>`;
  const after = query.after
    ? sql`where (c.sort_key, c.id) ${comparison} (${query.after.sortKey}::text, ${query.after.id}::bigint)`
    : sql.empty;
  const rows = await (query.plannedForValues ? runSql : runPrepared)<PageRow<T>>(
    em,
    query.name,
    sql`select o.owner_id, t.total_count, coalesce(t.rows, '[]'::json) as rows
       from unnest(${ownerIds}::integer[]) as o(owner_id)
       cross join lateral (
         with c as materialized (select c.* from (${query.candidates}) c ${query.filter ? sql`where ${query.filter}` : sql.empty}),
              p as (select c.* from c ${after}
                     order by c.sort_key ${order}, c.id ${order}
                     limit ${query.first + 1})
         select (select count(*)::integer from c) as total_count,
                (select json_agg(r order by r.sort_key ${order}, r.id ${order})
                   from (${query.rows ?? sql`select p.* from p`}) r) as rows
       ) t`,
  );
  return new Map(
    rows.map((row) => [row.owner_id, pageOf(row.rows, query.first, query.after, row.total_count)]),
  );
}

/** A page from the rows read after the cursor (one more than the page, when there is a next page). */
export function pageOf<T extends { id: number; sort_key: string }, C>(
  rows: T[],
  first: number,
  after: Cursor | null,
  totalCount: C,
): Omit<Page<T>, 'totalCount'> & { totalCount: C } {
  const page = rows.slice(0, first);
  return {
    totalCount,
    nodes: page,
    cursors: page.map((item) => encodeCursor({ sortKey: item.sort_key, id: Number(item.id) })),
    hasNextPage: rows.length > first,
    hasPreviousPage: after !== null,
  };
}

const EMPTY_PAGE: Page<never> = {
  totalCount: 0,
  nodes: [],
  cursors: [],
  hasNextPage: false,
  hasPreviousPage: false,
};

/**
 * A request-scoped loader of one page per owner: keys that differ only by owner share one statement,
 * built by `query` from the first key of the group.
 */
export function ownerPagesLoader<K extends { ownerId: number }, T>(
  em: EntityManager,
  query: (key: K) => KeysetQuery,
): DataLoader<K, Page<T & { id: number }>, string> {
  return new DataLoader<K, Page<T & { id: number }>, string>(
    async (keys) => {
      const results = new Map<string, Page<T & { id: number }>>();
      for (const group of groupByArguments(keys).values()) {
        const pages = await keysetPages<T>(
          em,
          group.map((key) => key.ownerId),
          query(group[0]),
        );
        for (const key of group) {
          results.set(keyOf(key), pages.get(key.ownerId) ?? EMPTY_PAGE);
        }
      }
      return keys.map((key) => results.get(keyOf(key)) ?? EMPTY_PAGE);
    },
    { cacheKeyFn: keyOf },
  );
}
