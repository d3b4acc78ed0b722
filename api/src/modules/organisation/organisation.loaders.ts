import type { EntityManager } from '@mikro-orm/postgresql';

import { unitsLoader } from '../../shared/batching';
import { congressTermsOf, officersOf, themesOf } from './organisation.queries';

/** What belongs to units besides their records, one statement per list of units. */
export function createOrganisationLoaders(em: EntityManager) {
  return {
    officersByUnitId: unitsLoader(
      (ids, args: { date: string }) => officersOf(em, ids, args),
      () => [],
    ),
    congressTermsByUnitId: unitsLoader(
      (ids) => congressTermsOf(em, ids),
      () => [],
    ),
    themeByUnitId: unitsLoader(
      (ids, args: { year: number }) => themesOf(em, ids, args),
      () => null,
    ),
  };
}

export type OrganisationLoaders = ReturnType<typeof createOrganisationLoaders>;
