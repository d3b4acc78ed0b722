import type { OrgUnitKind } from '@cdvn/domain';

/** A unit as the read paths return it. */
export interface OrgUnitRecord {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  validFrom: string;
  validTo: string | null;
}
