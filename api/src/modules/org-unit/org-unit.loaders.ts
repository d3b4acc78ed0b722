import type { OrgUnitKind } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { groupByArguments } from '../../shared/batching';
import type { Cursor } from '../../shared/pagination';
import { ownerPagesLoader } from '../../shared/keyset-pages';
import {
  type OrgUnitRelation,
  parentsOf,
  relationQuery,
  type UnitRow,
  unitsByCode,
  unitsById,
} from './org-unit.queries';
import type { OrgUnitRecord } from './org-unit.record';

export interface RelationKey {
  relation: OrgUnitRelation;
  ownerId: number;
  asOf: string;
  kind: OrgUnitKind | null;
  search: string | null;
  first: number;
  after: Cursor | null;
}

/** The org-unit loaders of one request. They share the request's entity manager and die with it. */
export function createOrgUnitLoaders(em: EntityManager) {
  return {
    unitByCode: new DataLoader<string, OrgUnitRecord | null>(async (codes) => {
      const found = await unitsByCode(em, codes);
      return codes.map((code) => found.get(code) ?? null);
    }),

    unitById: new DataLoader<number, OrgUnitRecord | null>(async (ids) => {
      const found = await unitsById(em, ids);
      return ids.map((id) => found.get(id) ?? null);
    }),

    parentByUnitId: new DataLoader<{ unitId: number; asOf: string }, OrgUnitRecord | null, string>(
      async (keys) => {
        const results = new Map<string, OrgUnitRecord | null>();
        for (const group of groupByArguments(keys).values()) {
          const parents = await parentsOf(
            em,
            group.map((key) => key.unitId),
            group[0].asOf,
          );
          for (const key of group) {
            results.set(JSON.stringify(key), parents.get(key.unitId) ?? null);
          }
        }
        return keys.map((key) => results.get(JSON.stringify(key)) ?? null);
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),

    relationByOwnerId: ownerPagesLoader<RelationKey, UnitRow>(em, (key) => relationQuery(key.relation, key)),
  };
}

export type OrgUnitLoaders = ReturnType<typeof createOrgUnitLoaders>;
