import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { groupByArguments, keyOf } from '../../shared/batching';
import { keysetPages } from '../../shared/keyset-pages';
import type { Cursor, Page } from '../../shared/pagination';
import { yearSubtreeSql } from '../statistics/statistics.queries';

export interface ActivityRow {
  id: number;
  unit_id: number;
  kind: string;
  occurred_on: string;
  quantity: number;
  quantity_qualifier: string | null;
  amount: string;
  amount_qualifier: string | null;
  programme_code: string | null;
  programme_name: string | null;
  programme_phase: number | null;
  note: string | null;
  provenance: string;
}

export interface ActivityListKey {
  ownerId: number;
  year: number;
  kind: string | null;
  first: number;
  after: Cursor | null;
}

const EMPTY_PAGE: Page<never> = {
  totalCount: 0,
  nodes: [],
  cursors: [],
  hasNextPage: false,
  hasPreviousPage: false,
};

/** Activities of a year in the subtree of that year, latest first: the same units the rollup counts. */
export function createActivityLoaders(em: EntityManager) {
  return {
    activitiesByOwnerId: new DataLoader<ActivityListKey, Page<ActivityRow>, string>(
      async (keys) => {
        const results = new Map<string, Page<ActivityRow>>();
        for (const group of groupByArguments(keys).values()) {
          const { year, kind, first, after } = group[0];
          const subtree = yearSubtreeSql(year);
          const pages = await keysetPages<ActivityRow>(
            em,
            group.map((key) => key.ownerId),
            {
              name: 'activity.ofSubtree',
              candidates: `select a.id, a.unit_id, a.kind, a.occurred_on, a.quantity, a.quantity_qualifier, a.amount::text as amount,
                                a.amount_qualifier, p.code as programme_code, p.name as programme_name, a.programme_phase, a.note,
                                a.provenance, a.occurred_on::text as sort_key
                           from (${subtree.sql}) s
                           join activity a on a.unit_id = s.unit_id and a.occurred_on between ?::date and ?::date
                           left join programme p on p.id = a.programme_id`,
              params: [...subtree.params, `${year}-01-01`, `${year}-12-31`],
              filter: '(?::text is null or c.kind = ?)',
              filterParams: [kind, kind],
              first,
              after,
              descending: true,
            },
          );
          for (const key of group) {
            results.set(keyOf(key), pages.get(key.ownerId) ?? EMPTY_PAGE);
          }
        }
        return keys.map((key) => results.get(keyOf(key)) ?? EMPTY_PAGE);
      },
      { cacheKeyFn: keyOf },
    ),
  };
}

export type ActivityLoaders = ReturnType<typeof createActivityLoaders>;
