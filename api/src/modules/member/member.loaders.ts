import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { ownerPagesLoader } from '../../shared/keyset-pages';
import type { Cursor } from '../../shared/pagination';
import { escapeLike, intArray, runSql } from '../../shared/sql';
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
}

/**
 * The memberships of the grassroots unions under unit `top` on a date, read unit by unit from the unit
 * index (it carries the member, the period and the member's search name), with `condition` on each
 * membership `ms`. Unit by unit whatever the estimates: the membership policy's scope is one hashed set
 * per statement, and planned as a plain join the reads of a province's members once became a sequential
 * scan of every membership in the country (1.7 s).
 */
export function membershipsOfSubtree(columns: string, condition = 'true'): string {
  return `org_unit_path top
    join org_unit_path g on g.path <@ top.path and g.period @> ?::date
    cross join lateral (
      select ${columns} from membership ms
       where ms.unit_id = g.unit_id and ms.period @> ?::date and (${condition})
      offset 0) ms`;
}

/**
 * Members of a subtree on a date, optionally those with a name word starting with a text (without
 * diacritics; the text escaped for LIKE).
 */
const MEMBERS_OF_SUBTREE = `
  select ms.id, ms.sort_key
    from ${membershipsOfSubtree(
      'ms.member_id as id, ms.search_name as sort_key',
      `?::text is null or ms.search_name like search_normalize(?) || '%' or ms.search_name like '% ' || search_normalize(?) || '%'`,
    )}
   where top.unit_id = o.owner_id and top.period @> ?::date`;

/** The page's members, read for the page alone. */
const MEMBER_ROWS = `
  select p.id, p.sort_key, m.full_name, m.gender, m.birth_date, m.phone, m.national_id, m.card_number
    from p join member m on m.id = p.id`;

export function createMemberLoaders(em: EntityManager) {
  return {
    membersByOwnerId: ownerPagesLoader<MemberListKey, MemberRow>(em, ({ asOf, search, first, after }) => {
      // The text is the user's: its % and _ are letters, not wildcards.
      const text = search === null ? null : escapeLike(search);
      return {
        name: 'member.membersOfSubtree',
        candidates: MEMBERS_OF_SUBTREE,
        rows: MEMBER_ROWS,
        // A name matches when one of its words starts with the text, within the units' reads.
        params: [asOf, asOf, text, text, text, asOf],
        filter: 'true',
        filterParams: [],
        first,
        after,
      };
    }),

    membershipsByMemberId: new DataLoader<number, MembershipRow[]>(async (ids) => {
      const rows = await runSql<MembershipRow>(
        em,
        'member.memberships',
        `select member_id, unit_id, joined_on, left_on, leave_reason, admission
           from membership where member_id = any(?::bigint[]) order by member_id, joined_on`,
        [intArray(ids)],
      );
      return ids.map((id) => rows.filter((row) => Number(row.member_id) === id));
    }),
  };
}

export type MemberLoaders = ReturnType<typeof createMemberLoaders>;
