import type { EntityManager } from '@mikro-orm/postgresql';

import { ownerPagesLoader } from '../../shared/keyset-pages';
import { activitiesOfSubtree, type ActivityListKey, type ActivityRow } from './activity.queries';

export type { ActivityListKey, ActivityRow } from './activity.queries';

/** Activities of a year in the subtree of that year, latest first: the same units the rollup counts. */
export function createActivityLoaders(em: EntityManager) {
  return {
    activitiesByOwnerId: ownerPagesLoader<ActivityListKey, ActivityRow>(em, activitiesOfSubtree),
  };
}

export type ActivityLoaders = ReturnType<typeof createActivityLoaders>;
