import type { OrgUnitKind } from '@cdvn/domain';

/** A name a unit bore before `until`, the first day of the name after it. */
export interface FormerName {
  until: string;
  name: string;
}

/** A unit as the read paths return it. */
export interface OrgUnitRecord {
  id: number;
  code: string;
  /** The latest name. */
  name: string;
  kind: OrgUnitKind;
  validFrom: string;
  validTo: string | null;
  /** The earlier names, oldest first; empty for a unit that has borne one name. */
  formerNames: FormerName[];
}

/** The name a unit bore on a date: the first earlier name still in force then, else the latest. */
export function nameOn(record: OrgUnitRecord, day: string): string {
  return record.formerNames.find((former) => day < former.until)?.name ?? record.name;
}
