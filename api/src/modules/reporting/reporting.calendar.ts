import {
  type PeriodKind,
  periodDates,
  type ReportFieldType,
  type ReportingLevel,
  REPORTING_LEVELS,
} from '@cdvn/domain';
import { escapeLiteral } from 'pg';

import { METRIC_BY_FIELD } from '../statistics/metrics';

/**
 * The reporting calendar and the forms as the platform first ships them: reference rows, inserted when
 * missing (db/repeatable.ts) and then the national body's to change. A form changes by a new version, a
 * deadline by its row; nothing here overwrites a row that exists.
 */

/** A field of a form: computed from the records (a metric of the catalogue), or declared by the unit. */
export interface ComputedField {
  key: string;
  section: string;
  label: string;
  labelEn: string;
  metric: string;
}
export interface DeclaredField {
  key: string;
  section: string;
  label: string;
  labelEn: string;
  type: ReportFieldType;
  min?: number;
  max?: number;
  /** Whether an upper level's figure is its own plus its children's (counts and amounts): default yes. */
  sums?: boolean;
}
export type FormField = ComputedField | DeclaredField;

export interface FormDefinition {
  code: string;
  version: number;
  name: string;
  periodKind: PeriodKind;
  level: 'GRASSROOTS' | 'UPPER';
  validFrom: string;
  source: string;
  fields: FormField[];
}

/** The type a field's values have: a computed field's from its metric (amounts in VND). */
export function fieldType(field: FormField): ReportFieldType {
  return 'metric' in field ? (METRIC_BY_FIELD.get(field.metric)?.money ? 'VND' : 'COUNT') : field.type;
}

/** Whether an upper level's figure of a declared field adds up its children's (counts and amounts). */
export function fieldSums(field: DeclaredField): boolean {
  return (field.type === 'COUNT' || field.type === 'VND') && field.sums !== false;
}

const computed = (section: string, metric: string, label: string, labelEn: string): FormField => {
  if (!METRIC_BY_FIELD.has(metric)) {
    throw new Error(`A form names ${metric}, which is not a metric of the catalogue.`);
  }
  return { key: metric, section, label, labelEn, metric };
};
const declared = (
  section: string,
  key: string,
  label: string,
  labelEn: string,
  type: ReportFieldType,
  options: { max?: number; sums?: boolean } = {},
): FormField => ({
  key,
  section,
  label,
  labelEn,
  type,
  min: 0,
  ...(type === 'PERCENT' ? { max: 100 } : {}),
  ...options,
});

/**
 * The rows of Mẫu 1-HĐCĐ and 2-HĐCĐ that the excerpts we have show (research/reporting-finance-rating.md:
 * labour, of whom women; average wage; wage arrears; labour contracts and social insurance; collective
 * agreements, disputes and strikes), declared by the unit because the records here do not hold them; and
 * the member rows, computed from the memberships. 2-HĐCĐ adds the grassroots unions it covers.
 */
function halfYearFields(level: 'GRASSROOTS' | 'UPPER'): FormField[] {
  return [
    declared('Lao động', 'workers', 'Tổng số lao động', 'Workers', 'COUNT'),
    declared('Lao động', 'womenWorkers', 'Trong đó lao động nữ', 'of whom women', 'COUNT'),
    declared(
      'Lao động',
      'contractWorkers',
      'Lao động có hợp đồng lao động',
      'Workers with a labour contract',
      'COUNT',
    ),
    declared(
      'Lao động',
      'insuredWorkers',
      'Lao động tham gia BHXH',
      'Workers with social insurance',
      'COUNT',
    ),
    declared(
      'Lao động',
      'averageWage',
      'Tiền lương bình quân (đồng/tháng)',
      'Average monthly wage (VND)',
      'VND',
      {
        sums: false,
      },
    ),
    declared('Lao động', 'wageArrears', 'Tiền lương bị nợ (đồng)', 'Wage arrears (VND)', 'VND'),
    ...(level === 'UPPER'
      ? [
          computed('Tổ chức công đoàn', 'grassrootsUnits', 'Số công đoàn cơ sở', 'Grassroots unions'),
          computed(
            'Tổ chức công đoàn',
            'newGrassrootsUnits',
            'CĐCS thành lập mới',
            'Grassroots unions founded',
          ),
        ]
      : []),
    computed('Đoàn viên', 'members', 'Tổng số đoàn viên', 'Members'),
    declared('Đoàn viên', 'womenMembers', 'Trong đó đoàn viên nữ', 'of whom women', 'COUNT'),
    computed('Đoàn viên', 'newMembers', 'Kết nạp đoàn viên mới', 'New members admitted'),
    declared(
      'Quan hệ lao động',
      'collectiveAgreements',
      'Số thỏa ước lao động tập thể',
      'Collective agreements',
      'COUNT',
    ),
    declared('Quan hệ lao động', 'labourDisputes', 'Số vụ tranh chấp lao động', 'Labour disputes', 'COUNT'),
    declared('Quan hệ lao động', 'strikes', 'Số cuộc ngừng việc tập thể, đình công', 'Strikes', 'COUNT'),
  ];
}

/** The catalogue's metrics in the words of the conference reports. */
const METRIC_LABELS: Record<string, string> = {
  grassrootsUnits: 'Số công đoàn cơ sở',
  newGrassrootsUnits: 'Công đoàn cơ sở thành lập mới',
  members: 'Số đoàn viên',
  womenMembers: 'Trong đó đoàn viên nữ',
  newMembers: 'Kết nạp đoàn viên mới',
  welfareParticipants: 'Chương trình Phúc lợi đoàn viên (lượt)',
  welfareAmount: 'Chương trình Phúc lợi đoàn viên (đồng)',
  supportCases: 'Thăm hỏi, hỗ trợ đoàn viên khó khăn (lượt)',
  supportAmount: 'Thăm hỏi, hỗ trợ đoàn viên khó khăn (đồng)',
  giftPackages: 'Suất quà',
  giftAmount: 'Giá trị suất quà (đồng)',
  charityAmount: 'Đóng góp quỹ, từ thiện, thiên tai (đồng)',
  housesBuilt: 'Mái ấm công đoàn (nhà)',
  housingAmount: 'Mái ấm công đoàn (đồng)',
  initiatives: 'Sáng kiến',
  awardsCollective: 'Khen thưởng tập thể',
  awardsIndividual: 'Khen thưởng cá nhân',
  partyReferrals: 'Giới thiệu đoàn viên ưu tú cho Đảng',
  partyAdmissions: 'Đoàn viên được kết nạp Đảng',
  duesCollected: 'Đoàn phí đã thu (đồng)',
  duesExpected: 'Đoàn phí phải thu (đồng)',
  fundingPaid: 'Kinh phí công đoàn đã nộp (đồng)',
  fundingDue: 'Kinh phí công đoàn phải nộp (đồng)',
  financeArrears: 'Số còn nợ đọng (đồng)',
  financeKept: 'Phần công đoàn cơ sở được sử dụng (đồng)',
  financeToDirectUpper: 'Phần nộp công đoàn cấp trên trực tiếp (đồng)',
  financeToProvince: 'Phần nộp LĐLĐ tỉnh (đồng)',
  financeToNational: 'Phần nộp Tổng Liên đoàn (đồng)',
};

/**
 * The year's report: every metric of the catalogue, computed, and the unit's own remarks; the first
 * version without the finance figures, which came later (issue 23).
 */
function yearFields(level: 'GRASSROOTS' | 'UPPER', version: 1 | 2): FormField[] {
  const section = (metric: string) =>
    METRIC_BY_FIELD.get(metric)!.finance
      ? 'Tài chính công đoàn'
      : metric.startsWith('award')
        ? 'Thi đua, khen thưởng'
        : ['members', 'womenMembers', 'newMembers', 'grassrootsUnits', 'newGrassrootsUnits'].includes(metric)
          ? 'Tổ chức và đoàn viên'
          : metric.startsWith('party')
            ? 'Giới thiệu đoàn viên ưu tú cho Đảng'
            : 'Chăm lo, hỗ trợ đoàn viên';
  return [
    ...[...METRIC_BY_FIELD.values()]
      .filter((m) => level === 'UPPER' || !['grassrootsUnits', 'newGrassrootsUnits'].includes(m.field))
      .filter((m) => version === 2 || !m.finance)
      .map((m) => computed(section(m.field), m.field, METRIC_LABELS[m.field] ?? m.field, m.description)),
    declared('Ghi chú', 'remarks', 'Đánh giá, kiến nghị', 'Assessment and proposals', 'TEXT', {
      sums: false,
    }),
  ];
}

const FINANCE_SOURCE =
  'the year’s dues and union funding as the finance settlement (B07-TLĐ) counts them: collected, due, arrears and the shares between levels';

const HALF_YEAR_SOURCE =
  'Mẫu 1-HĐCĐ / 2-HĐCĐ (Quyết định 1454/QĐ-TLĐ, 28/11/2014): rows as far as the published excerpts show them';

export const FORMS: readonly FormDefinition[] = [
  {
    code: '1-HĐCĐ',
    version: 1,
    name: 'Báo cáo hoạt động công đoàn cơ sở',
    periodKind: 'HALF_YEAR',
    level: 'GRASSROOTS',
    validFrom: '2020-01-01',
    source: HALF_YEAR_SOURCE,
    fields: halfYearFields('GRASSROOTS'),
  },
  {
    code: '2-HĐCĐ',
    version: 1,
    name: 'Báo cáo tổng hợp số liệu về hoạt động công đoàn',
    periodKind: 'HALF_YEAR',
    level: 'UPPER',
    validFrom: '2020-01-01',
    source: HALF_YEAR_SOURCE,
    fields: halfYearFields('UPPER'),
  },
  {
    code: 'TK-CS',
    version: 1,
    name: 'Báo cáo tổng kết năm của công đoàn cơ sở',
    periodKind: 'YEAR',
    level: 'GRASSROOTS',
    validFrom: '2020-01-01',
    source: 'The year-end figures of the annual conference reports (the metric catalogue, DOMAIN.md)',
    fields: yearFields('GRASSROOTS', 1),
  },
  {
    code: 'TK-CS',
    version: 2,
    name: 'Báo cáo tổng kết năm của công đoàn cơ sở',
    periodKind: 'YEAR',
    level: 'GRASSROOTS',
    validFrom: '2020-01-01',
    source: `The year-end figures of the annual conference reports (the metric catalogue, DOMAIN.md), with ${FINANCE_SOURCE}`,
    fields: yearFields('GRASSROOTS', 2),
  },
  {
    code: 'TK-CT',
    version: 1,
    name: 'Báo cáo tổng kết năm của công đoàn cấp trên',
    periodKind: 'YEAR',
    level: 'UPPER',
    validFrom: '2020-01-01',
    source: 'The year-end figures of the annual conference reports (the metric catalogue, DOMAIN.md)',
    fields: yearFields('UPPER', 1),
  },
  {
    code: 'TK-CT',
    version: 2,
    name: 'Báo cáo tổng kết năm của công đoàn cấp trên',
    periodKind: 'YEAR',
    level: 'UPPER',
    validFrom: '2020-01-01',
    source: `The year-end figures of the annual conference reports (the metric catalogue, DOMAIN.md), with ${FINANCE_SOURCE}`,
    fields: yearFields('UPPER', 2),
  },
];

export const FIRST_PERIOD_YEAR = 2020;
export const LAST_SEEDED_PERIOD_YEAR = 2026;

/** Days after the period's date by which each level reports: an assumption, none is published. */
const DEADLINE_DAYS: Record<ReportingLevel, number> = { GRASSROOTS: 10, UPPER_DIRECT: 20, PROVINCE: 30 };
/** Entry opens this many days before the period's date. */
const OPENS_DAYS_BEFORE = 15;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function periodCodes(from = FIRST_PERIOD_YEAR, to = LAST_SEEDED_PERIOD_YEAR): string[] {
  const codes: string[] = [];
  for (let year = from; year <= to; year++) {
    codes.push(`${year}-H1`, `${year}-H2`, `${year}`);
  }
  return codes;
}

export function reportingCalendarSql(): string {
  const periods = periodCodes().map((code) => {
    const { kind, startsOn, asAt } = periodDates(code)!;
    return `(${escapeLiteral(code)}, '${kind}', '${startsOn}', '${asAt}', '${addDays(asAt, -OPENS_DAYS_BEFORE)}')`;
  });
  const deadlines = periodCodes().flatMap((code) =>
    REPORTING_LEVELS.map(
      (level) =>
        `(${escapeLiteral(code)}, '${level}', '${addDays(periodDates(code)!.asAt, DEADLINE_DAYS[level])}')`,
    ),
  );
  const forms = FORMS.map(
    (f) =>
      `(${escapeLiteral(f.code)}, ${f.version}, ${escapeLiteral(f.name)}, '${f.periodKind}', '${f.level}', '${f.validFrom}', ${escapeLiteral(JSON.stringify(f.fields))}, ${escapeLiteral(f.source)})`,
  );
  return `-- Generated by api/src/modules/reporting/reporting.calendar.ts: rows added when missing, never rewritten.
insert into report_period (code, kind, starts_on, as_at, opens_on) values
  ${periods.join(',\n  ')}
on conflict do nothing;
insert into report_deadline (period_code, level, due_on, assumption, source)
select d.period_code, d.level, cast(d.due_on as date), true,
  'assumption: no published deadline; ${DEADLINE_DAYS.GRASSROOTS}, ${DEADLINE_DAYS.UPPER_DIRECT} and ${DEADLINE_DAYS.PROVINCE} days after the period''s date'
from (values
  ${deadlines.join(',\n  ')}
) d(period_code, level, due_on)
on conflict do nothing;
insert into report_form (code, version, name, period_kind, level, valid_from, fields, source) values
  ${forms.join(',\n  ')}
on conflict do nothing;
`;
}
