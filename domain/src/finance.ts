/**
 * Union finance under dated rules (issue 23): member dues (đoàn phí), the employer's union funding (kinh
 * phí công đoàn) and how each is shared between the levels of the tree. The rules are data: each has its
 * legal source, the days it applies on and, where the source is not certain, says so. The national body
 * edits them in the database; `DEFAULT_FINANCE_RULES` is what the platform starts with. One function,
 * `financeRulesOn`, answers what applies to a grassroots union on a day; `expectedAmounts` and
 * `shareAmount` do the arithmetic, in whole đồng, with no floating point.
 */

/** What a rule sets. */
export const FINANCE_RULE_KINDS = [
  /** The base salary (lương cơ sở), the base of the dues' cap. */
  'BASE_SALARY',
  /** The dues' rate on the social-insurance salary, and the cap per member as a share of the base salary. */
  'DUES_RATE',
  /** The union funding's rate on the employer's social-insurance payroll. */
  'FUNDING_RATE',
  /** Neither dues nor union funding collected, for the employers it names. */
  'COLLECTION_STOP',
  /** How the dues collected are shared between the grassroots union and the levels above it. */
  'DUES_SHARING',
  /** How the union funding paid is shared. */
  'FUNDING_SHARING',
] as const;
export type FinanceRuleKind = (typeof FINANCE_RULE_KINDS)[number];

/** The kind of employer a grassroots union is in: what decides whether it collects at all. */
export const EMPLOYER_KINDS = [
  /** Cơ quan hành chính nhà nước. */
  'ADMINISTRATIVE_AGENCY',
  /** Đơn vị sự nghiệp công lập do ngân sách bảo đảm toàn bộ chi thường xuyên. */
  'STATE_FUNDED_PUBLIC_UNIT',
  /** Lực lượng vũ trang. */
  'ARMED_FORCES',
  /** Other public-service units (partly or wholly self-financed). */
  'SELF_FINANCED_PUBLIC_UNIT',
  'STATE_ENTERPRISE',
  'PRIVATE_ENTERPRISE',
  'FOREIGN_INVESTED_ENTERPRISE',
  /** Cooperatives, associations and other employers. */
  'OTHER',
] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

/** The levels an amount is shared between, from the grassroots union up. */
export const SHARE_LEVELS = ['grassroots', 'directUpper', 'province', 'national'] as const;
export type ShareLevel = (typeof SHARE_LEVELS)[number];

/** Per 10,000 (basis points): 1% is 100, 75% is 7,500. Shares of a sharing rule add up to 10,000. */
export type Shares = Record<ShareLevel, number>;

export interface FinanceRule {
  kind: FinanceRuleKind;
  /** The first day it applies on, YYYY-MM-DD. */
  validFrom: string;
  /** The last day it applies on, or null while it stands. */
  validTo: string | null;
  /** The employers it applies to; null for every employer. A rule naming the employer beats one that does not. */
  employerKinds: readonly EmployerKind[] | null;
  /** BASE_SALARY: whole đồng a month. */
  amount: bigint | null;
  /** DUES_RATE, FUNDING_RATE: per 10,000 of the salary or payroll. */
  rate: number | null;
  /** DUES_RATE: the most a member pays a month, per 10,000 of the base salary. */
  cap: number | null;
  /** DUES_SHARING, FUNDING_SHARING. */
  shares: Shares | null;
  /** The legal text it comes from (number, date, issuer). */
  source: string;
  /** What is uncertain or assumed about it, for the national body to correct. */
  note: string | null;
  /** False where the figure comes from a secondary source or is an assumption. */
  certain: boolean;
}

export const BASIS_POINTS = 10_000;

const rule = (r: Partial<FinanceRule> & Pick<FinanceRule, 'kind' | 'validFrom' | 'source'>): FinanceRule => ({
  validTo: null,
  employerKinds: null,
  amount: null,
  rate: null,
  cap: null,
  shares: null,
  note: null,
  certain: true,
  ...r,
});

// Written in Vietnamese: the national body reads these beside the figures.
const UPPER_ASSUMED =
  'Văn bản quy định phần công đoàn cơ sở được giữ lại; phần còn lại chia giữa các cấp trên theo phân cấp ' +
  'thu, chi hằng năm, tạm ghi toàn bộ cho LĐLĐ tỉnh (đơn vị thu): giả định, Tổng Liên đoàn điều chỉnh khi cần.';

/** The rules the platform starts with (shared/research/reporting-finance-rating.md, section 2). */
export const DEFAULT_FINANCE_RULES: readonly FinanceRule[] = [
  rule({
    kind: 'BASE_SALARY',
    validFrom: '2019-07-01',
    validTo: '2023-06-30',
    amount: 1_490_000n,
    source: 'Nghị định 38/2019/NĐ-CP (lương cơ sở 1.490.000 đ từ 1/7/2019)',
  }),
  rule({
    kind: 'BASE_SALARY',
    validFrom: '2023-07-01',
    validTo: '2024-06-30',
    amount: 1_800_000n,
    source: 'Nghị định 24/2023/NĐ-CP (lương cơ sở 1.800.000 đ từ 1/7/2023)',
  }),
  rule({
    kind: 'BASE_SALARY',
    validFrom: '2024-07-01',
    amount: 2_340_000n,
    source: 'Nghị định 73/2024/NĐ-CP (lương cơ sở 2.340.000 đ từ 1/7/2024)',
  }),
  rule({
    kind: 'DUES_RATE',
    validFrom: '2020-01-01',
    validTo: '2025-06-30',
    rate: 100,
    cap: 1_000,
    source:
      'Điều lệ Công đoàn Việt Nam; hướng dẫn thu đoàn phí của Tổng Liên đoàn (1% tiền lương đóng BHXH, tối đa 10% lương cơ sở)',
    note: 'Áp dụng từ trước năm 2020; hệ thống ghi nhận số thu từ năm 2020.',
  }),
  rule({
    kind: 'DUES_RATE',
    validFrom: '2025-07-01',
    rate: 50,
    cap: 1_000,
    source: 'Quyết định 61/QĐ-TLĐ ngày 29/7/2025 (0,5% từ 1/7/2025, tối đa 10% lương cơ sở)',
    note: 'Theo nguồn thứ cấp, chưa đối chiếu văn bản gốc; các trường hợp riêng (đóng theo tiền lương thực tế, mức cao hơn được chấp thuận) chưa được mô hình hoá.',
    certain: false,
  }),
  rule({
    kind: 'FUNDING_RATE',
    validFrom: '2020-01-01',
    validTo: '2025-06-30',
    rate: 200,
    source: 'Luật Công đoàn 2012, Điều 26; Nghị định 191/2013/NĐ-CP (2% quỹ tiền lương đóng BHXH)',
  }),
  rule({
    kind: 'FUNDING_RATE',
    validFrom: '2025-07-01',
    rate: 200,
    source: 'Luật Công đoàn 50/2024/QH15 (hiệu lực 1/7/2025), giữ mức 2%',
    note: 'Điều 30 cho phép miễn, giảm, tạm dừng đóng tối đa 12 tháng: ghi theo từng tháng ở số đã nộp.',
  }),
  rule({
    kind: 'COLLECTION_STOP',
    validFrom: '2025-06-01',
    employerKinds: ['ADMINISTRATIVE_AGENCY', 'STATE_FUNDED_PUBLIC_UNIT', 'ARMED_FORCES'],
    source: 'Công văn 4133/TLĐ-ToC ngày 23/5/2025 (dừng thu kinh phí và đoàn phí từ 1/6/2025)',
  }),
  rule({
    kind: 'FUNDING_SHARING',
    validFrom: '2020-01-01',
    validTo: '2022-02-28',
    shares: { grassroots: 7_100, directUpper: 0, province: 2_900, national: 0 },
    source: 'Thực tế trước Quyết định 4290/QĐ-TLĐ (CĐCS giữ 71% kinh phí công đoàn)',
    note: `Theo giải đáp của một công ty luật năm 2021, không phải văn bản gốc. ${UPPER_ASSUMED}`,
    certain: false,
  }),
  rule({
    kind: 'FUNDING_SHARING',
    validFrom: '2022-03-01',
    shares: { grassroots: 7_500, directUpper: 0, province: 2_500, national: 0 },
    source: 'Quyết định 4290/QĐ-TLĐ ngày 01/3/2022 (CĐCS giữ 75% kinh phí công đoàn)',
    note: UPPER_ASSUMED,
    certain: false,
  }),
  rule({
    kind: 'DUES_SHARING',
    validFrom: '2020-01-01',
    validTo: '2022-02-28',
    shares: { grassroots: 6_000, directUpper: 0, province: 4_000, national: 0 },
    source: 'Quy định trước Quyết định 4290/QĐ-TLĐ (CĐCS giữ 60% đoàn phí)',
    note: `Quy định cũ, chưa rõ năm ban hành. ${UPPER_ASSUMED}`,
    certain: false,
  }),
  rule({
    kind: 'DUES_SHARING',
    validFrom: '2022-03-01',
    validTo: '2022-12-31',
    shares: { grassroots: 6_000, directUpper: 0, province: 4_000, national: 0 },
    source: 'Quyết định 4290/QĐ-TLĐ ngày 01/3/2022 (CĐCS giữ 60% đoàn phí)',
    note: UPPER_ASSUMED,
    certain: false,
  }),
  rule({
    kind: 'DUES_SHARING',
    validFrom: '2023-01-01',
    shares: { grassroots: 7_000, directUpper: 0, province: 3_000, national: 0 },
    source: 'Quyết định 8108/QĐ-TLĐ ngày 16/10/2023, từ năm ngân sách 2023 (CĐCS giữ 70% đoàn phí)',
    note: UPPER_ASSUMED,
    certain: false,
  }),
];

/** What applies to one grassroots union on one day: one rule of each kind (the stop only where it applies). */
export interface AppliedFinanceRules<R extends FinanceRule = FinanceRule> {
  baseSalary: R;
  dues: R;
  funding: R;
  stop: R | null;
  duesSharing: R;
  fundingSharing: R;
}

const REQUIRED_KINDS = [
  'BASE_SALARY',
  'DUES_RATE',
  'FUNDING_RATE',
  'DUES_SHARING',
  'FUNDING_SHARING',
] as const;

function covers(r: FinanceRule, day: string, employer: EmployerKind): boolean {
  return (
    r.validFrom <= day &&
    (r.validTo === null || day <= r.validTo) &&
    (r.employerKinds === null || r.employerKinds.includes(employer))
  );
}

/** Of the rules of a kind covering the day: one naming the employer before a general one, then the latest. */
function chosen<R extends FinanceRule>(
  rules: readonly R[],
  kind: FinanceRuleKind,
  day: string,
  employer: EmployerKind,
): R | null {
  const candidates = rules.filter((r) => r.kind === kind && covers(r, day, employer));
  candidates.sort(
    (a, b) =>
      Number(b.employerKinds !== null) - Number(a.employerKinds !== null) ||
      b.validFrom.localeCompare(a.validFrom),
  );
  return candidates[0] ?? null;
}

/**
 * What applies to a grassroots union whose employer is `employer`, on `day`; or the kinds of rule that
 * nothing covers on that day.
 */
export function financeRulesOn<R extends FinanceRule>(
  rules: readonly R[],
  day: string,
  employer: EmployerKind,
): { applied: AppliedFinanceRules<R> } | { missing: FinanceRuleKind[] } {
  const missing = REQUIRED_KINDS.filter((kind) => chosen(rules, kind, day, employer) === null);
  if (missing.length > 0) {
    return { missing: [...missing] };
  }
  return {
    applied: {
      baseSalary: chosen(rules, 'BASE_SALARY', day, employer)!,
      dues: chosen(rules, 'DUES_RATE', day, employer)!,
      funding: chosen(rules, 'FUNDING_RATE', day, employer)!,
      stop: chosen(rules, 'COLLECTION_STOP', day, employer),
      duesSharing: chosen(rules, 'DUES_SHARING', day, employer)!,
      fundingSharing: chosen(rules, 'FUNDING_SHARING', day, employer)!,
    },
  };
}

/** amount × parts / 10,000, rounded half up to the đồng (amounts are never negative). */
export function partOf(amount: bigint, parts: number): bigint {
  return (amount * BigInt(parts) * 2n + BigInt(BASIS_POINTS)) / (2n * BigInt(BASIS_POINTS));
}

/** What a grassroots union's month gives to compute what was due. */
export interface MonthBase {
  /** Members who paid dues in the month. */
  membersPaying: number;
  /** The social-insurance salaries of those members, summed, whole đồng. */
  salaryBase: bigint;
  /** The employer's social-insurance payroll for the month, whole đồng. */
  payroll: bigint;
}

/**
 * The dues expected and the union funding due for a month under the rules that apply. The cap is a
 * member's: with the month's salaries given as one sum, it is applied to their average (exact when every
 * paying member is on the same side of the cap, and never more than the members could owe).
 */
export function expectedAmounts(
  applied: AppliedFinanceRules,
  base: MonthBase,
): { duesExpected: bigint; fundingDue: bigint } {
  if (applied.stop) {
    return { duesExpected: 0n, fundingDue: 0n };
  }
  const capPerMember = partOf(applied.baseSalary.amount ?? 0n, applied.dues.cap ?? BASIS_POINTS);
  const uncapped = partOf(base.salaryBase, applied.dues.rate ?? 0);
  const cap = capPerMember * BigInt(base.membersPaying);
  return {
    duesExpected: uncapped < cap ? uncapped : cap,
    fundingDue: partOf(base.payroll, applied.funding.rate ?? 0),
  };
}

/**
 * An amount shared between the levels: each level's part is the rounded cumulative share less the one
 * before it, so the parts always add back to the amount and none is off by more than one đồng.
 */
export function shareAmount(amount: bigint, shares: Shares): Record<ShareLevel, bigint> {
  let before = 0n;
  let cumulative = 0;
  const parts = {} as Record<ShareLevel, bigint>;
  for (const level of SHARE_LEVELS) {
    cumulative += shares[level];
    const upTo = partOf(amount, cumulative);
    parts[level] = upTo - before;
    before = upTo;
  }
  return parts;
}

/** Whether the shares are whole, not negative and add up to 10,000. */
export function sharesAreWhole(shares: Shares): boolean {
  return (
    SHARE_LEVELS.every((level) => Number.isInteger(shares[level]) && shares[level] >= 0) &&
    SHARE_LEVELS.reduce((sum, level) => sum + shares[level], 0) === BASIS_POINTS
  );
}
