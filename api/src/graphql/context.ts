import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { type ActivityLoaders, createActivityLoaders } from '../modules/activity/activity.loaders';
import { type AwardLoaders, createAwardLoaders } from '../modules/award/award.loaders';
import { createMemberLoaders, type MemberLoaders } from '../modules/member/member.loaders';
import { createOrgUnitLoaders, type OrgUnitLoaders } from '../modules/org-unit/org-unit.loaders';
import { createStatisticsLoaders, type StatisticsLoaders } from '../modules/statistics/statistics.loaders';
import { todayIn } from '../shared/dates';

/** What every resolver of one request gets: its own entity manager, its own loaders, and its date. */
export interface Context {
  em: EntityManager;
  loaders: {
    orgUnit: OrgUnitLoaders;
    statistics: StatisticsLoaders;
    member: MemberLoaders;
    activity: ActivityLoaders;
    award: AwardLoaders;
  };
  /** Today in the application's time zone, fixed for the whole request. */
  today: string;
}

export function createContext(orm: MikroORM, timeZone: string): Context {
  const em = orm.em.fork();
  const today = todayIn(timeZone);
  return {
    em,
    loaders: {
      orgUnit: createOrgUnitLoaders(em),
      statistics: createStatisticsLoaders(em),
      member: createMemberLoaders(em),
      activity: createActivityLoaders(em),
      award: createAwardLoaders(em),
    },
    today,
  };
}
