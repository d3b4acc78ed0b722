import { demoTree, type TreeEvent } from '@cdvn/seeds';
import type { EntityManager } from '@mikro-orm/postgresql';

import { OrgUnit } from '../modules/org-unit/org-unit.entity';
import {
  closeUnit,
  createUnits,
  mergeUnits,
  moveUnit,
  renameUnit,
} from '../modules/org-unit/org-unit.service';

async function apply(em: EntityManager, event: TreeEvent): Promise<void> {
  switch (event.op) {
    case 'move':
      return moveUnit(em, event.code, event.parentCode, event.date, event.provenance);
    case 'close':
      return closeUnit(em, event.code, event.date, {
        successorCode: event.successorCode,
        provenance: event.provenance,
      });
    case 'merge':
      return mergeUnits(em, event.sourceCodes, event.targetCode, event.date, event.provenance);
    case 'rename':
      return renameUnit(em, event.code, event.name);
  }
}

/**
 * Loads the demo data into an empty database, in one transaction, through the same services the API
 * uses. Returns false (and changes nothing) when the database already holds units.
 */
export async function loadDemoData(em: EntityManager): Promise<boolean> {
  if ((await em.count(OrgUnit, {})) > 0) {
    return false;
  }
  const tree = demoTree();
  await em.transactional(async (tx) => {
    await createUnits(tx, tree.units);
    for (const event of tree.events) {
      await apply(tx, event);
    }
  });
  return true;
}
