import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import type { Authenticator } from '../auth/authenticate';
import { Scope } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import type { Changes } from '../db/data-version';
import type { Replica } from '../db/replicas';
import { type ActivityLoaders, createActivityLoaders } from '../modules/activity/activity.loaders';
import { type AwardLoaders, createAwardLoaders } from '../modules/award/award.loaders';
import { createMemberLoaders, type MemberLoaders } from '../modules/member/member.loaders';
import { createOrgUnitLoaders, type OrgUnitLoaders } from '../modules/org-unit/org-unit.loaders';
import {
  createOrganisationLoaders,
  type OrganisationLoaders,
} from '../modules/organisation/organisation.loaders';
import { createStatisticsLoaders, type StatisticsLoaders } from '../modules/statistics/statistics.loaders';
import { createSummaryLoaders, type SummaryLoaders } from '../modules/annual-report/summary.resolver';
import { todayIn } from '../shared/dates';

/**
 * What every resolver of one request gets: who asks, its scope, its own entity manager (on the
 * application's connection, which row-level security binds), its own loaders, and its date.
 */
export interface Context {
  em: EntityManager;
  viewer: Viewer;
  /** Set when execution starts, in the request's transaction (see request-transaction.ts). */
  scope: Scope;
  auth: Authenticator;
  /** The client's address, for login throttling. */
  address: string;
  loaders: {
    orgUnit: OrgUnitLoaders;
    statistics: StatisticsLoaders;
    member: MemberLoaders;
    activity: ActivityLoaders;
    award: AwardLoaders;
    organisation: OrganisationLoaders;
    summary: SummaryLoaders;
  };
  /** Today in the application's time zone, fixed for the whole request. */
  today: string;
  /**
   * The data version read as the request began (db/data-version.ts), before any of its SQL: what the
   * viewer and a cached answer are checked against. Null when unknown (nothing cached is used).
   */
  dataVersion: number | null;
  /** What the request's transaction changed, once it has committed (null: nothing). */
  changes: Changes | null;
  /**
   * Where the request reads: the replica it runs on (null: the primary), whether the replica failed
   * under it, and whether it is asked again after that (the primary only). One object, shared with the
   * copy of the context that Apollo hands to the plugins.
   */
  reads: { replica: Replica | null; failed: boolean; primaryOnly: boolean };
}

export function createContext(
  orm: MikroORM,
  options: {
    timeZone: string;
    viewer: Viewer;
    auth: Authenticator;
    address: string;
    dataVersion: number | null;
    primaryOnly?: boolean;
  },
): Context {
  const em = orm.em.fork();
  return {
    em,
    viewer: options.viewer,
    scope: Scope.NONE,
    auth: options.auth,
    address: options.address,
    loaders: loadersOf(em),
    today: todayIn(options.timeZone),
    dataVersion: options.dataVersion,
    changes: null,
    reads: { replica: null, failed: false, primaryOnly: options.primaryOnly ?? false },
  };
}

/**
 * Moves a request that has not begun to another database (a read replica, or back to the primary): its
 * own entity manager and loaders there.
 */
export function moveTo(ctx: Context, orm: MikroORM): void {
  ctx.em = orm.em.fork();
  ctx.loaders = loadersOf(ctx.em);
}

function loadersOf(em: EntityManager): Context['loaders'] {
  return {
    orgUnit: createOrgUnitLoaders(em),
    statistics: createStatisticsLoaders(em),
    member: createMemberLoaders(em),
    activity: createActivityLoaders(em),
    award: createAwardLoaders(em),
    organisation: createOrganisationLoaders(em),
    summary: createSummaryLoaders(em),
  };
}
