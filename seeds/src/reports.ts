import { seededRandom } from './random';
import { SOURCES } from './sources';

/**
 * The reports of the demo data (DOMAIN.md, "Reports"). Each source document is the report a union gave
 * its conference for a year: that unit's annual report for the year, and those of every unit under it on
 * 31 December, are approved (bottom up, on the deadlines of their levels), so that the article's figures
 * are approved figures. The current half-year under two province federations is left part-way, so that an
 * inbox and the completeness view show something real; its declared values are synthetic.
 */

export interface SeedApprovedReport {
  unitCode: string;
  period: string;
  source: string;
}

export const DEMO_APPROVED_REPORTS: readonly SeedApprovedReport[] = [
  { unitCode: 'TB-CDVC', period: '2020', source: SOURCES.thaiBinhCdvc2020 },
  { unitCode: 'HT-CDVC', period: '2021', source: SOURCES.haTinhCdvc2021 },
  { unitCode: 'QN-CDVC', period: '2022', source: SOURCES.qnCdvc2022 },
  { unitCode: 'TH', period: '2022', source: SOURCES.thanhHoa2022 },
  { unitCode: 'P001-CDVC', period: '2024', source: SOURCES.p001Cdvc2024 },
];

export type SeedReportState = 'APPROVED' | 'SUBMITTED' | 'RETURNED' | 'DRAFT';

export interface SeedCurrentReports {
  /** The units directly under it on the period's date, by code descending, take the states in turn. */
  parentCode: string;
  states: readonly SeedReportState[];
  returnReason: string;
}

/** Units beyond the states listed have not started. */
export const DEMO_CURRENT_REPORTS: readonly SeedCurrentReports[] = [
  {
    parentCode: 'QN',
    states: [
      'APPROVED',
      'APPROVED',
      'APPROVED',
      'APPROVED',
      'SUBMITTED',
      'SUBMITTED',
      'RETURNED',
      'DRAFT',
      'DRAFT',
    ],
    returnReason: 'Số lao động nữ lớn hơn tổng số lao động; đề nghị kiểm tra lại.',
  },
  {
    parentCode: 'HT',
    states: ['APPROVED', 'APPROVED', 'SUBMITTED', 'RETURNED', 'DRAFT'],
    returnReason: 'Chưa khai số lao động tham gia bảo hiểm xã hội.',
  },
];

/** Synthetic declared values of a grassroots union's half-year form (seeded by its code). */
export function demoDeclaredValues(unitCode: string): Record<string, string> {
  const random = seededRandom([...unitCode].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) >>> 0);
  const workers = 40 + Math.floor(random() * 400);
  const women = Math.floor(workers * (0.3 + random() * 0.5));
  const insured = Math.floor(workers * (0.85 + random() * 0.15));
  return {
    workers: String(workers),
    womenWorkers: String(women),
    contractWorkers: String(Math.max(insured, Math.floor(workers * 0.95))),
    insuredWorkers: String(insured),
    averageWage: String((70 + Math.floor(random() * 60)) * 100_000),
    wageArrears: '0',
    womenMembers: String(Math.floor(women * 0.9)),
    collectiveAgreements: random() < 0.6 ? '1' : '0',
    labourDisputes: '0',
    strikes: '0',
  };
}
