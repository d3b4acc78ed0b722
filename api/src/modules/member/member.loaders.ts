import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { groupByArguments, keyOf, unitsLoader } from '../../shared/batching';
import { keysetPages, pageOf } from '../../shared/keyset-pages';
import {
  countsOf,
  type MemberCountKey,
  type MemberListKey,
  type MemberPage,
  type MemberRow,
  membershipsOf,
  type MembershipRow,
  pagesByName,
  subtreeSizes,
  wholeSubtreePage,
} from './member.queries';

export type { MemberCountKey, MemberListKey, MemberPage, MemberRow, MembershipRow } from './member.queries';

/** Subtrees of at most this many units are read whole: a few thousand members cost little. */
const WHOLE_SUBTREE_UNITS = 200;

/**
 * How a page of a subtree's members is found. A small subtree is read whole (unit by unit), which also
 * counts it. A large one reads about what the page shows, in name order (`byName`, see pagesByName).
 */
type MemberRead = 'whole' | 'byName';

function readsOf(em: EntityManager, wholeSubtreeUnits: number) {
  return unitsLoader<{ asOf: string }, MemberRead>(
    async (unitIds, { asOf }) => {
      const rows = await subtreeSizes(em, unitIds, asOf, wholeSubtreeUnits + 1);
      return new Map(rows.map((row) => [row.owner_id, row.units <= wholeSubtreeUnits ? 'whole' : 'byName']));
    },
    () => 'whole',
  );
}

/** The loaders of one request; `wholeSubtreeUnits` lets tests choose how pages are read. */
export function createMemberLoaders(em: EntityManager, wholeSubtreeUnits = WHOLE_SUBTREE_UNITS) {
  const reads = readsOf(em, wholeSubtreeUnits);

  return {
    /** A page of the members under a unit on a date, by name, optionally of those a text finds. */
    membersByOwnerId: new DataLoader<MemberListKey, MemberPage, string>(
      async (keys) => {
        const how = await Promise.all(
          keys.map((key) =>
            key.leaf ? ('whole' as const) : reads.load({ unitId: key.ownerId, asOf: key.asOf }),
          ),
        );
        // Keys that differ only by their owner, and are read the same way, share one statement.
        const tagged = keys.map(({ leaf: _leaf, ...key }, index) => ({ ...key, read: how[index] }));
        const pages = new Map<string, MemberPage>();
        for (const group of groupByArguments(tagged).values()) {
          const { read, ...args } = group[0];
          const ownerIds = group.map((key) => key.ownerId);
          const found: Map<number, MemberPage> =
            read === 'whole'
              ? await keysetPages<MemberRow>(em, ownerIds, wholeSubtreePage(args))
              : await pagesByName(em, ownerIds, args);
          for (const key of group) {
            pages.set(
              keyOf(key),
              found.get(key.ownerId) ??
                pageOf<MemberRow & { id: number; sort_key: string }, number>([], key.first, key.after, 0),
            );
          }
        }
        return tagged.map((key) => pages.get(keyOf(key))!);
      },
      { cacheKeyFn: keyOf },
    ),

    /** How many members a text finds under a unit on a date (all of them without a text). */
    memberCounts: unitsLoader<Omit<MemberCountKey, 'unitId'>, number>(
      (unitIds, args) => countsOf(em, unitIds, args),
      () => 0,
    ),

    membershipsByMemberId: new DataLoader<number, MembershipRow[]>(async (ids) => {
      const rows = await membershipsOf(em, ids);
      return ids.map((id) => rows.filter((row) => Number(row.member_id) === id));
    }),
  };
}

export type MemberLoaders = ReturnType<typeof createMemberLoaders>;
