import type { OrgUnitKind } from '@cdvn/domain';

/**
 * Where a seeded fact comes from: a source document's file name followed by the phrase it rests on,
 * or a sentence starting with "assumption:" where no source gives the fact.
 */
export type Provenance = string;

export interface SeedUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  /** null only for the national federation. */
  parentCode: string | null;
  /** ISO date (YYYY-MM-DD) of the first day the unit exists. */
  validFrom: string;
  provenance: Provenance;
}

/** A change to the tree, applied in order after the units are created. `date` is the first day it holds. */
export type TreeEvent =
  | { op: 'move'; code: string; parentCode: string; date: string; provenance: Provenance }
  | { op: 'close'; code: string; date: string; successorCode?: string; provenance: Provenance }
  | { op: 'merge'; sourceCodes: string[]; targetCode: string; date: string; provenance: Provenance }
  | { op: 'rename'; code: string; name: string; date: string; provenance: Provenance };

export interface SeedTree {
  /** Parents always come before their children. */
  units: SeedUnit[];
  /** In the order they must be applied. */
  events: TreeEvent[];
}
