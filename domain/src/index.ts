/**
 * The platform's vocabulary, each list defined once. The API's types, GraphQL enums and database checks
 * (api/src/db/vocabulary.sql.ts), the seeds and, through the generated GraphQL types, the web client all
 * derive from these lists; a test in the API compares the database's constraints with them.
 */

/** The kinds of union unit; the same names are the GraphQL enum `OrgUnitKind`. */
export const ORG_UNIT_KINDS = [
  'NATIONAL_FEDERATION',
  'PROVINCIAL_FEDERATION',
  'PUBLIC_SERVANT_UNION',
  'SECTORAL_UNION',
  'DISTRICT_FEDERATION',
  'COMMUNE_UNION',
  'INDUSTRIAL_ZONE_UNION',
  'GRASSROOTS_UNION',
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** What an activity record counts; the GraphQL enum `ActivityKind`. */
export const ACTIVITY_KINDS = [
  'WELFARE',
  'SUPPORT',
  'GIFT',
  'CHARITY',
  'UNION_HOME',
  'INITIATIVE',
  'PARTY_REFERRAL',
  'PARTY_ADMISSION',
  'WORKER_CONFERENCE',
  'TOTAL_CARE',
  'OTHER',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** How an article qualifies an approximate figure: "gần" (almost), "hơn" (more than), "trên" (over). */
export const QUALIFIERS = ['gần', 'hơn', 'trên'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/**
 * The own-totals columns summed from activities: each from one kind's quantity or amount. Kinds not
 * listed (WORKER_CONFERENCE, TOTAL_CARE, OTHER) are kept but counted in no metric.
 */
export const ACTIVITY_METRIC_SOURCES = [
  { column: 'welfare_participants', kind: 'WELFARE', figure: 'quantity' },
  { column: 'welfare_amount', kind: 'WELFARE', figure: 'amount' },
  { column: 'support_cases', kind: 'SUPPORT', figure: 'quantity' },
  { column: 'support_amount', kind: 'SUPPORT', figure: 'amount' },
  { column: 'gift_packages', kind: 'GIFT', figure: 'quantity' },
  { column: 'gift_amount', kind: 'GIFT', figure: 'amount' },
  { column: 'charity_amount', kind: 'CHARITY', figure: 'amount' },
  { column: 'houses_built', kind: 'UNION_HOME', figure: 'quantity' },
  { column: 'housing_amount', kind: 'UNION_HOME', figure: 'amount' },
  { column: 'initiatives', kind: 'INITIATIVE', figure: 'quantity' },
  { column: 'party_referrals', kind: 'PARTY_REFERRAL', figure: 'quantity' },
  { column: 'party_admissions', kind: 'PARTY_ADMISSION', figure: 'quantity' },
] as const satisfies ReadonlyArray<{ column: string; kind: ActivityKind; figure: 'quantity' | 'amount' }>;

/** Distinctions (khen thưởng); the GraphQL enum `AwardKind`. */
export const AWARD_KINDS = [
  'EMULATION_FLAG',
  'CERTIFICATE_OF_MERIT',
  'LETTER_OF_COMMENDATION',
  'COMMEMORATIVE_MEDAL',
  'CREATIVE_LABOUR_CERTIFICATE',
  'TITLE',
] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];

const INTERMEDIATE: readonly OrgUnitKind[] = [
  'PUBLIC_SERVANT_UNION',
  'SECTORAL_UNION',
  'DISTRICT_FEDERATION',
  'COMMUNE_UNION',
  'INDUSTRIAL_ZONE_UNION',
];
const UPPER: readonly OrgUnitKind[] = ['PROVINCIAL_FEDERATION', 'SECTORAL_UNION', 'NATIONAL_FEDERATION'];

/**
 * Which levels may grant which award: Giấy khen from grassroots and intermediate unions; Bằng khen, Cờ
 * thi đua and titles from provinces, sectoral unions and VN; Bằng Lao động sáng tạo and Kỷ niệm chương
 * from VN.
 */
export const AWARD_ISSUERS: Readonly<Record<AwardKind, readonly OrgUnitKind[]>> = {
  LETTER_OF_COMMENDATION: ['GRASSROOTS_UNION', ...INTERMEDIATE],
  CERTIFICATE_OF_MERIT: UPPER,
  EMULATION_FLAG: UPPER,
  TITLE: UPPER,
  CREATIVE_LABOUR_CERTIFICATE: ['NATIONAL_FEDERATION'],
  COMMEMORATIVE_MEDAL: ['NATIONAL_FEDERATION'],
};

export const GENDERS = ['FEMALE', 'MALE'] as const;
export type Gender = (typeof GENDERS)[number];

/** A unit's yearly rating (xếp loại). */
export const RATINGS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
export type Rating = (typeof RATINGS)[number];

export const OFFICER_ROLES = ['CHAIR', 'STANDING_VICE_CHAIR', 'VICE_CHAIR'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** A citizen identity number: 12 digits (CCCD), or the 9 of an older identity card (CMND). */
export const NATIONAL_ID_PATTERN = '^[0-9]{9}([0-9]{3})?$';
const NATIONAL_ID = new RegExp(NATIONAL_ID_PATTERN);
export function isNationalId(value: string): boolean {
  return NATIONAL_ID.test(value);
}

/** The error codes clients can rely on (DOMAIN.md), in every error's `extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'RATE_LIMITED',
  'TIMEOUT',
  'UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'PERIOD_LOCKED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The reporting cycle. A report moves DRAFT → SUBMITTED → APPROVED; the level above may send it back
 * (RETURNED) or reopen an approved one (REOPENED); both are edited and submitted again. A submitted or
 * approved report locks its figures: the GraphQL enum `ReportState`.
 */
export const REPORT_STATES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'REOPENED'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
/** The states whose figures may no longer change. */
/** Which figures a statistic reads: the records as they stand, or only the approved annual reports. */
export const FIGURE_BASES = ['LIVE', 'APPROVED'] as const;
export type FigureBasis = (typeof FIGURE_BASES)[number];

export const LOCKING_REPORT_STATES: readonly ReportState[] = ['SUBMITTED', 'APPROVED'];

/** Half-year periods (as at 31 May and 30 November, Mẫu 1-HĐCĐ and 2-HĐCĐ) and the year (31 December). */
export const PERIOD_KINDS = ['HALF_YEAR', 'YEAR'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Who reports on which form, and whose deadline applies. */
export const REPORTING_LEVELS = ['GRASSROOTS', 'UPPER_DIRECT', 'PROVINCE'] as const;
export type ReportingLevel = (typeof REPORTING_LEVELS)[number];

/** The level a unit of a kind reports at (the national federation reports to nobody). */
export function reportingLevelOf(kind: OrgUnitKind): ReportingLevel | null {
  if (kind === 'NATIONAL_FEDERATION') {
    return null;
  }
  if (kind === 'GRASSROOTS_UNION') {
    return 'GRASSROOTS';
  }
  return kind === 'PROVINCIAL_FEDERATION' ? 'PROVINCE' : 'UPPER_DIRECT';
}

/** What a declared field of a form holds: a count, whole VND, a percentage, or text. */
export const REPORT_FIELD_TYPES = ['COUNT', 'VND', 'PERCENT', 'TEXT'] as const;
export type ReportFieldType = (typeof REPORT_FIELD_TYPES)[number];

/** A period's code: `2024` (the year, as at 31 December), `2024-H1` (as at 31 May), `2024-H2` (30 November). */
export const PERIOD_CODE_PATTERN = '^[0-9]{4}(-H[12])?$';
const PERIOD_CODE = new RegExp(PERIOD_CODE_PATTERN);

export interface PeriodDates {
  kind: PeriodKind;
  /** The first day whose flows (admissions, activities, awards) the period counts. */
  startsOn: string;
  /** The day its stocks (members, grassroots unions) are counted on. */
  asAt: string;
}

/**
 * The dates of a period, from its code. The half-years of the union's statistics run from 1 December to
 * 31 May and from 1 June to 30 November (Mẫu 1-HĐCĐ and 2-HĐCĐ take figures as at 31/5 and 30/11).
 */
export function periodDates(code: string): PeriodDates | null {
  if (!PERIOD_CODE.test(code)) {
    return null;
  }
  const year = Number(code.slice(0, 4));
  const half = code.slice(5);
  if (half === 'H1') {
    return { kind: 'HALF_YEAR', startsOn: `${year - 1}-12-01`, asAt: `${year}-05-31` };
  }
  if (half === 'H2') {
    return { kind: 'HALF_YEAR', startsOn: `${year}-06-01`, asAt: `${year}-11-30` };
  }
  return { kind: 'YEAR', startsOn: `${year}-01-01`, asAt: `${year}-12-31` };
}

export { MESSAGES, type MessageCode, messageOf } from './messages';
export * from './finance';
export * from './sheets';
