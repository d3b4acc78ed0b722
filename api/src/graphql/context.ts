import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { createOrgUnitLoaders, type OrgUnitLoaders } from '../modules/org-unit/org-unit.loaders';
import { todayIn } from '../shared/dates';

/** What every resolver of one request gets: its own entity manager, its own loaders, and its date. */
export interface Context {
  em: EntityManager;
  loaders: { orgUnit: OrgUnitLoaders };
  /** Today in the application's time zone, fixed for the whole request. */
  today: string;
}

export function createContext(orm: MikroORM, timeZone: string): Context {
  const em = orm.em.fork();
  return { em, loaders: { orgUnit: createOrgUnitLoaders(em) }, today: todayIn(timeZone) };
}
