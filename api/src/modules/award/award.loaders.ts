import type { EntityManager } from '@mikro-orm/postgresql';

import { ownerPagesLoader } from '../../shared/keyset-pages';
import { awardsOfSubtree, type AwardListKey, type AwardRow } from './award.queries';

export type { AwardListKey, AwardRow } from './award.queries';

/** Awards counted in a unit's rollup for a year (by the year they honour), latest first. */
export function createAwardLoaders(em: EntityManager) {
  return {
    awardsByOwnerId: ownerPagesLoader<AwardListKey, AwardRow>(em, awardsOfSubtree),
  };
}

export type AwardLoaders = ReturnType<typeof createAwardLoaders>;
