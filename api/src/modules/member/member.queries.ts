import type { EntityManager } from '@mikro-orm/postgresql';

import { type KeysetQuery, pageOf } from '../../shared/keyset-pages';
import type { Cursor, Page } from '../../shared/pagination';
import { escapeLike, runPrepared, runSql, type Sql, sql } from '../../shared/sql';
import { unitsUnder } from '../org-unit/org-unit.queries';
import type { Gender } from './member.entity';

export interface MemberRow {
  id: number;
  full_name: string;
  gender: Gender;
  birth_date: string | null;
  phone: string | null;
  national_id: string | null;
  card_number: string | null;
}

export interface MembershipRow {
  member_id: number;
  unit_id: number;
  joined_on: string;
  left_on: string | null;
  leave_reason: string | null;
  admission: boolean;
}

export interface MemberListKey {
  ownerId: number;
  asOf: string;
  search: string | null;
  first: number;
  after: Cursor | null;
  /**
   * The owner is a grassroots union: no unit stands under one (the kinds' parent rules), so its subtree
   * is itself, read whole without counting it first.
   */
  leaf?: boolean;
}

/** What a count of members depends on: the unit (as `unitId`, a units loader's key), the date, the text. */
export interface MemberCountKey {
  unitId: number;
  asOf: string;
  search: string | null;
}

/** A page of members; its total counted when the read counted it anyway (a whole subtree). */
export type MemberPage = Omit<Page<MemberRow & { id: number }>, 'totalCount'> & { totalCount: number | null };

/**
 * The memberships of the grassroots unions under the unit `root` (an expression of the outer statement)
 * on a date, read unit by unit from the unit index (it carries the member, the period and the member's
 * search name), with `condition`, if any, on each membership `ms`. Unit by unit whatever the estimates: the
 * membership policy's scope is one hashed set per statement, and planned as a plain join the reads of a
 * province's members once became a sequential scan of every membership in the country (1.7 s).
 */
export function membershipsOfSubtree(
  root: Sql,
  asOf: string,
  columns: Sql,
  condition: Sql | null = null,
): Sql {
  return sql`(${unitsUnder(root, asOf)}) g
    cross join lateral (
      select ${columns} from membership ms
       where ms.unit_id = g.unit_id and ms.period @> ${asOf}::date ${condition ? sql`and (${condition})` : sql.empty}
      offset 0) ms`;
}

/**
 * Members of the owner `o.owner_id`'s subtree on a date, optionally those with a name word starting with
 * a text (without diacritics). The text is the user's: its % and _ are letters, not wildcards. A search
 * sorts the names in which the text is whole words first (member_search_rank), then by name.
 */
function membersOfSubtree(asOf: string, search: string | null): Sql {
  const text = search === null ? null : escapeLike(search);
  const named =
    text === null
      ? null
      : sql`ms.search_name like search_normalize(${text}) || '%'
    or ms.search_name like '% ' || search_normalize(${text}) || '%'`;
  const sortKey =
    search === null
      ? sql`ms.search_name`
      : sql`member_search_rank(ms.search_name, ${search}) || ms.search_name`;
  return sql`
  select ms.id, ms.sort_key
    from ${membershipsOfSubtree(sql`o.owner_id`, asOf, sql`ms.member_id as id, ${sortKey} as sort_key`, named)}`;
}

/**
 * The page's members, read for the page alone: the name of every member whose membership is read, the
 * personal data only of those held by a union the viewer stands over (row-level security on member).
 */
const MEMBER_ROWS = sql`
  select p.id, p.sort_key, n.full_name, n.gender, m.birth_date, m.phone, m.national_id, m.card_number
    from p join member_names(array(select p.id from p)) n on n.id = p.id left join member m on m.id = p.id`;

/** The units under the owner `o.owner_id` on a date. */
function ownerSubtreeUnits(asOf: string): Sql {
  return unitsUnder(sql`o.owner_id`, asOf);
}

/** How many units stand under each owner on a date, counted up to `limit`. */
export async function subtreeSizes(
  em: EntityManager,
  unitIds: number[],
  asOf: string,
  limit: number,
): Promise<Array<{ owner_id: number; units: number }>> {
  return runSql(
    em,
    'member.readPlan',
    sql`select o.owner_id,
            (select count(*)::integer from (${ownerSubtreeUnits(asOf)} limit ${limit}) x) as units
       from unnest(${unitIds}::integer[]) as o(owner_id)`,
  );
}

/**
 * The membership `ms` is in a unit under the owner `o.owner_id` on a date. Wrapped in IS TRUE, the
 * subquery stays a set built once per owner and hashed; as a bare IN the planner joins the subtree's units
 * to their memberships, reading every one of them.
 */
function inOwnerSubtree(asOf: string): Sql {
  return sql`(ms.unit_id in (${ownerSubtreeUnits(asOf)})) is true`;
}

/**
 * One page per owner of a large subtree, in name order, reading about what the page shows through the
 * name index (`membership_by_name`): the names starting with the text are ranges of it; the names in
 * which the text starts a later word come from the name dictionary, each name's memberships then looked
 * up. A search lists the names in which the text is whole words first (the order membersOfSubtree gives):
 * each rank's names are read apart, from ranges that hold no other rank's (the text and a space, the
 * text and any later character), so that each part still arrives in name order. Each part stops at the
 * page's size after the cursor; the page is the first of their union. The planner reads the dictionary's
 * few names for a rare text and sorts them, or walks it in name order for a common one (which fills a
 * page soon).
 */
export async function pagesByName(
  em: EntityManager,
  ownerIds: number[],
  { asOf, search, first, after }: MemberListKey,
): Promise<Map<number, MemberPage>> {
  const inSubtree = sql`ms.period @> ${asOf}::date and ${inOwnerSubtree(asOf)}`;
  const limit = first + 1;
  /**
   * The rows of `source` (ending in a WHERE clause) after the cursor, sorted by `name`: the side the rows
   * arrive sorted by, so that nothing past the page is read. With a search, `rank` leads the sort key and
   * a part ranked before the cursor's rank has nothing after it.
   */
  const part = (name: Sql, source: Sql, rank: string | null = null): Sql | null => {
    const cursorRank = after && rank !== null ? after.sortKey.slice(0, 1) : null;
    if (cursorRank !== null && rank !== null && cursorRank > rank) {
      return null;
    }
    const cursorName =
      cursorRank === null ? after?.sortKey : cursorRank === rank ? after!.sortKey.slice(1) : null;
    const key = rank === null ? name : sql`${rank} || ${name}`;
    return sql`(select ms.member_id as id, ${key} as sort_key from ${source}
          ${after && cursorName != null ? sql`and (${name}, ms.member_id) > (${cursorName}::text, ${after.id}::bigint)` : sql.empty}
          order by ${name}, ms.member_id limit ${limit})`;
  };
  const text = sql`search_normalize(${search})`;
  const ranked = (rank: string) => sql`member_search_rank(ms.search_name, ${search}) = ${rank}`;
  /** Names of the dictionary whose later words start as `suffixes` says, each name's memberships looked up. */
  const fromDictionary = (suffixes: Sql, rank: string) =>
    part(
      sql`n.search_name`,
      // Lateral, so that each name is one index lookup (joined, the planner once scanned all 14 million
      // memberships).
      sql`(select distinct s.search_name from member_name_suffix s where ${suffixes}) n
          cross join lateral (
            select ms.member_id, ms.search_name from membership ms
             where ms.search_name = n.search_name and ${inSubtree} offset 0) ms
          where ${ranked(rank)}`,
      rank,
    );
  const candidates =
    search === null
      ? [part(sql`ms.search_name`, sql`membership ms where ${inSubtree}`)]
      : [
          // Whole words at the start: the name is the text, or starts with it and a space.
          part(sql`ms.search_name`, sql`membership ms where ms.search_name = ${text} and ${inSubtree}`, '0'),
          part(
            sql`ms.search_name`,
            sql`membership ms
                 where ms.search_name >= ${text} || ' ' and ms.search_name < ${text} || ' ' || chr(1114111)
                   and ${inSubtree}`,
            '0',
          ),
          // Whole words later: a later word starts the text, which ends the name or a word.
          fromDictionary(sql`(s.suffix = ${text} or s.suffix ^@ (${text} || ' '))`, '0'),
          // The start of a word only: the text and any later character than a space.
          part(
            sql`ms.search_name`,
            sql`membership ms
                 where ms.search_name >= ${text} || '!' and ms.search_name < ${text} || chr(1114111)
                   and ${ranked('1')} and ${inSubtree}`,
            '1',
          ),
          fromDictionary(sql`s.suffix >= ${text} || '!' and s.suffix < ${text} || chr(1114111)`, '1'),
        ];
  const parts = candidates.filter((p): p is Sql => p !== null);
  if (parts.length === 0) {
    // A cursor past every rank (only a made-up one is): nothing follows it.
    return new Map(ownerIds.map((ownerId) => [ownerId, pageOf([], first, after, null)]));
  }
  const rows = await runSql<{ owner_id: number; rows: Array<MemberRow & { sort_key: string }> }>(
    em,
    'member.pageByName',
    sql`select o.owner_id, coalesce(t.rows, '[]'::json) as rows
       from unnest(${ownerIds}::integer[]) as o(owner_id)
       cross join lateral (
         select json_agg(r order by r.sort_key, r.id) as rows from (
           with p as (select x.id, x.sort_key from (${sql.join(parts, sql` union `)}) x
                       order by x.sort_key, x.id limit ${limit})
           ${MEMBER_ROWS}) r) t`,
  );
  return new Map(rows.map((row) => [row.owner_id, pageOf(row.rows, first, after, null)]));
}

/** The number of members a text finds under each owner (all of them without a text). */
export async function countsOf(
  em: EntityManager,
  ownerIds: number[],
  { asOf, search }: Omit<MemberCountKey, 'unitId'>,
): Promise<Map<number, number>> {
  // Prepared without a text (its plan is the subtree's units and their memberships whatever the owner);
  // with one, planned for it, as the whole subtree's page is.
  const rows = await (search === null ? runPrepared : runSql)<{ owner_id: number; total: number }>(
    em,
    'member.count',
    sql`select o.owner_id, (select count(*)::integer from (${membersOfSubtree(asOf, search)}) c) as total
       from unnest(${ownerIds}::integer[]) as o(owner_id)`,
  );
  return new Map(rows.map((row) => [row.owner_id, row.total]));
}

/** A whole subtree's page, counted with it. */
export function wholeSubtreePage({ asOf, search, first, after }: MemberListKey): KeysetQuery {
  return {
    name: 'member.membersOfSubtree',
    candidates: membersOfSubtree(asOf, search),
    rows: MEMBER_ROWS,
    filter: null,
    // The text's pattern folded into the plan (prepared, the normalisation ran for every membership: a
    // sectoral union's 113 units were searched in 65 ms, not 25).
    plannedForValues: search !== null,
    first,
    after,
  };
}

/** The memberships of each member, in the order they were held. */
export function membershipsOf(em: EntityManager, memberIds: readonly number[]): Promise<MembershipRow[]> {
  return runSql<MembershipRow>(
    em,
    'member.memberships',
    sql`select member_id, unit_id, joined_on, left_on, leave_reason, admission
       from membership where member_id = any(${memberIds}::bigint[]) order by member_id, joined_on`,
  );
}

/** New members and their first memberships, in three statements whatever their number; how many. */
export async function admitMany(
  em: EntityManager,
  members: Array<{
    full_name: string;
    gender: Gender;
    birth_date: string | null;
    phone: string | null;
    national_id: string | null;
    card_number: string | null;
    provenance: string;
    unit_id: number;
    joined_on: string;
    /** The union's last day when it has closed (the membership ends with it), else null. */
    left_on: string | null;
  }>,
): Promise<number> {
  const ids = await runSql<{ id: string }>(
    em,
    'member.allocateIds',
    sql`select nextval(pg_get_serial_sequence('member', 'id')) as id from generate_series(1, ${members.length})`,
  );
  const json = JSON.stringify(members.map((member, i) => ({ ...member, id: Number(ids[i].id) })));
  await runPrepared(
    em,
    'member.admitMany',
    sql`insert into member (id, full_name, gender, birth_date, phone, national_id, card_number, provenance, holder_unit_id)
       select id, full_name, gender, birth_date, phone, national_id, card_number, provenance, unit_id
         from json_to_recordset(${json}::json) as x(id bigint, full_name text, gender text, birth_date date, phone text,
              national_id text, card_number text, provenance text, unit_id integer)`,
  );
  await runPrepared(
    em,
    'member.admitManyMemberships',
    sql`insert into membership (member_id, unit_id, joined_on, left_on, leave_reason, admission)
       select id, unit_id, joined_on, left_on, case when left_on is not null then 'UNIT_CLOSED' end, true
         from json_to_recordset(${json}::json) as x(id bigint, unit_id integer, joined_on date, left_on date)`,
  );
  return members.length;
}
