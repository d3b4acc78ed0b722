import type {
  ActivityKind,
  AwardKind,
  Gender,
  OfficerRole,
  OrgUnitKind,
  Qualifier,
  Rating,
} from '@cdvn/domain';

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

export interface SeedProgramme {
  code: string;
  name: string;
  launchedByCode: string | null;
  provenance: string;
}

export interface SeedActivity {
  unitCode: string;
  kind: ActivityKind;
  occurredOn: string;
  quantity?: number;
  amount?: bigint;
  quantityQualifier?: Qualifier;
  amountQualifier?: Qualifier;
  programmeCode?: string;
  programmePhase?: number;
  note?: string;
  provenance: string;
}

export interface SeedAward {
  kind: AwardKind;
  issuerCode?: string;
  issuerName?: string;
  unitCode: string;
  collective: boolean;
  recipientName?: string;
  awardedOn: string;
  forYear?: number;
  reason?: string;
  provenance: string;
}

export interface SeedTarget {
  unitCode: string;
  year: number;
  metric: string;
  value: bigint;
  setByCode: string;
  provenance: string;
}

export interface SeedRating {
  unitCode: string;
  year: number;
  rating: Rating;
  provenance: string;
}

export interface SeedMember {
  fullName: string;
  gender: Gender;
  birthDate: string;
  cardNumber: string;
  unitCode: string;
  joinedOn: string;
  provenance: string;
}

export interface SeedOfficer {
  unitCode: string;
  fullName: string;
  role: OfficerRole;
  termFrom: string;
  termTo: string | null;
  provenance: string;
}

export interface SeedCongressTerm {
  unitCode: string;
  number: string | null;
  fromYear: number;
  toYear: number;
  provenance: string;
}

export interface SeedTheme {
  unitCode: string;
  year: number;
  theme: string;
  provenance: string;
}

export interface SeedCluster {
  code: string;
  name: string;
  year: number;
  unitCodes: string[];
  provenance: string;
}

export interface SeedRecords {
  programmes: SeedProgramme[];
  activities: SeedActivity[];
  awards: SeedAward[];
  targets: SeedTarget[];
  ratings: SeedRating[];
  members: SeedMember[];
  officers: SeedOfficer[];
  congressTerms: SeedCongressTerm[];
  themes: SeedTheme[];
  clusters: SeedCluster[];
}

/**
 * The facts of one source document, by kind. Awards name their synthetic recipients from one random
 * stream shared by the documents, in their order, so that every run seeds the same names.
 */
export interface SourceDocument {
  file: string;
  programmes?: () => SeedProgramme[];
  activities?: () => SeedActivity[];
  awards?: (random: () => number) => SeedAward[];
  targets?: () => SeedTarget[];
  ratings?: () => SeedRating[];
  members?: () => SeedMember[];
  officers?: () => SeedOfficer[];
  congressTerms?: () => SeedCongressTerm[];
  themes?: () => SeedTheme[];
  clusters?: () => SeedCluster[];
}
