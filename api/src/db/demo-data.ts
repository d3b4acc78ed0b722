import { demoAccounts, demoCollections, demoRecords, demoTree, type TreeEvent } from '@cdvn/seeds';
import type { EntityManager } from '@mikro-orm/postgresql';

import { Scope } from '../auth/scope';
import { Account } from '../modules/account/account.entity';
import { createAccount } from '../modules/account/account.service';
import { Programme } from '../modules/activity/activity.entity';
import { recordActivities } from '../modules/activity/activity.service';
import { grantAwards } from '../modules/award/award.service';
import { admitMembers } from '../modules/member/member.service';
import {
  appointOfficer,
  recordCongressTerm,
  setAnnualTheme,
  setClusterMembers,
} from '../modules/organisation/organisation.service';
import { OrgUnit } from '../modules/org-unit/org-unit.entity';
import {
  closeUnit,
  createUnits,
  mergeUnits,
  moveUnit,
  renameUnit,
} from '../modules/org-unit/org-unit.service';
import { rateUnit, setTarget } from '../modules/target/target.service';
import { recordCollections } from '../modules/finance/finance.service';
import { todayIn } from '../shared/dates';
import { loadDemoReports } from './demo-reports';
import { rebuildRollups } from '../modules/rollups/rollups.queries';

const SYSTEM = Scope.SYSTEM;

/** Applies a change of the tree; the loader recounts the rollups once at the end. */
export async function applyTreeEvent(em: EntityManager, event: TreeEvent, today: string): Promise<void> {
  const options = { today, recount: false };
  switch (event.op) {
    case 'move':
      return moveUnit(em, SYSTEM, event.code, event.parentCode, event.date, event.provenance, options);
    case 'close':
      return closeUnit(
        em,
        SYSTEM,
        event.code,
        event.date,
        { successorCode: event.successorCode, provenance: event.provenance },
        options,
      );
    case 'merge':
      return mergeUnits(
        em,
        SYSTEM,
        event.sourceCodes,
        event.targetCode,
        event.date,
        event.provenance,
        options,
      );
    case 'rename':
      return renameUnit(em, SYSTEM, event.code, event.name, {
        date: event.date,
        provenance: event.provenance,
        today,
      });
  }
}

/**
 * Loads the demo data into an empty database, in one transaction, through the same services the API
 * uses. Returns false (and changes nothing) when the database already holds units.
 */
export async function loadDemoData(em: EntityManager): Promise<boolean> {
  if ((await em.count(OrgUnit, {})) > 0) {
    await loadDemoAccounts(em);
    return false;
  }
  const tree = demoTree();
  const records = demoRecords();
  // The records of 2020-2024 are written before the 2025 restructuring, which closes and moves units.
  const today = todayIn('Asia/Ho_Chi_Minh');
  await em.transactional(async (tx) => {
    await createUnits(tx, SYSTEM, tree.units);
    for (const programme of records.programmes) {
      const launchedBy = programme.launchedByCode
        ? await tx.findOneOrFail(OrgUnit, { code: programme.launchedByCode })
        : null;
      tx.create(Programme, {
        code: programme.code,
        name: programme.name,
        launchedBy,
        provenance: programme.provenance,
      });
    }
    await tx.flush();
    await admitMembers(tx, SYSTEM, records.members, today);
    await recordActivities(tx, SYSTEM, records.activities, today);
    tx.clear();
    await grantAwards(tx, SYSTEM, records.awards, today);
    tx.clear();
    for (const target of records.targets) {
      await setTarget(tx, SYSTEM, target, today);
    }
    for (const rating of records.ratings) {
      await rateUnit(tx, SYSTEM, rating.unitCode, rating.year, rating.rating, today, rating.provenance);
    }
    for (const officer of records.officers) {
      await appointOfficer(tx, SYSTEM, officer);
    }
    for (const term of records.congressTerms) {
      await recordCongressTerm(tx, SYSTEM, term);
    }
    for (const theme of records.themes) {
      await setAnnualTheme(tx, SYSTEM, theme, today);
    }
    for (const cluster of records.clusters) {
      await setClusterMembers(tx, SYSTEM, cluster, today);
    }
    for (const event of tree.events) {
      // Each change loads what it needs; a growing identity map would make every flush slower.
      tx.clear();
      await applyTreeEvent(tx, event, today);
    }
    tx.clear();
    await loadDemoCollections(tx, today);
    // Fold everything into the rollups of every year, so that the first reads are fast.
    await rebuildRollups(tx, null, today);
    tx.clear();
    await loadDemoReports(tx, today);
    await loadDemoAccounts(tx);
  });
  return true;
}

/**
 * Synthetic months of dues and union funding for every grassroots union of the tree, from January 2024 to
 * the last whole month, recorded through the service (so each month is computed under the rules), before
 * the demo reports lock their periods.
 */
async function loadDemoCollections(em: EntityManager, today: string): Promise<void> {
  const units = await em.find(
    OrgUnit,
    { kind: 'GRASSROOTS_UNION' },
    { fields: ['code', 'name', 'validFrom', 'validTo'], orderBy: { code: 'asc' } },
  );
  const [year, month] = today.split('-').map(Number);
  const lastMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const rows = demoCollections(
    units.map((unit) => ({
      code: unit.code,
      name: unit.name,
      validFrom: unit.validFrom,
      validTo: unit.validTo,
    })),
    '2024-01',
    lastMonth,
  );
  for (let i = 0; i < rows.length; i += 2_000) {
    await recordCollections(em, SYSTEM, rows.slice(i, i + 2_000), today);
  }
  em.clear();
}

/**
 * One ADMIN per seeded unit (DOMAIN.md), created with the demo data; also added to a demo database
 * that was loaded before accounts existed. Never created where the demo units are absent.
 */
async function loadDemoAccounts(em: EntityManager): Promise<void> {
  if ((await em.count(Account, {})) > 0 || (await em.count(OrgUnit, { code: 'QN-CDVC' })) === 0) {
    return;
  }
  for (const account of demoAccounts()) {
    await createAccount(em, SYSTEM, {
      ...account,
      displayName: `Quản trị ${account.unitCode}`,
    });
  }
}
