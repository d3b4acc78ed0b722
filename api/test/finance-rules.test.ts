import {
  DEFAULT_FINANCE_RULES,
  type EmployerKind,
  expectedAmounts,
  financeRulesOn,
  type FinanceRule,
  shareAmount,
  SHARE_LEVELS,
  type Shares,
} from '@cdvn/domain';
import fc from 'fast-check';

/** The rules as the platform starts with them, against amounts computed by hand. */
function applied(day: string, employer: EmployerKind = 'PRIVATE_ENTERPRISE') {
  const found = financeRulesOn(DEFAULT_FINANCE_RULES, day, employer);
  if ('missing' in found) {
    throw new Error(`no rules on ${day}: ${found.missing.join(', ')}`);
  }
  return found.applied;
}

describe('what is due in a month, under the rules of its first day', () => {
  // [month's first day, employer, members paying, salary base, payroll, dues expected, funding due]
  const CASES: Array<[string, EmployerKind, number, bigint, bigint, bigint, bigint]> = [
    // 1% of 10 million, under the cap of 10% of 1,490,000 (149,000); 2% of the payroll.
    ['2023-05-01', 'PRIVATE_ENTERPRISE', 1, 10_000_000n, 10_000_000n, 100_000n, 200_000n],
    // 1% of 20 million is 200,000: capped at 149,000 with the base salary of 2019.
    ['2023-05-01', 'PRIVATE_ENTERPRISE', 1, 20_000_000n, 20_000_000n, 149_000n, 400_000n],
    // The same member from July 2023: the cap is 10% of 1,800,000.
    ['2023-07-01', 'PRIVATE_ENTERPRISE', 1, 20_000_000n, 20_000_000n, 180_000n, 400_000n],
    // From July 2024 the cap is 234,000: 200,000 is under it, 300,000 is not.
    ['2024-07-01', 'PRIVATE_ENTERPRISE', 1, 20_000_000n, 20_000_000n, 200_000n, 400_000n],
    ['2024-07-01', 'STATE_ENTERPRISE', 1, 30_000_000n, 30_000_000n, 234_000n, 600_000n],
    // Ten members earning 80 million in all: 1% until June 2025, 0.5% from July.
    ['2025-06-01', 'PRIVATE_ENTERPRISE', 10, 80_000_000n, 90_000_000n, 800_000n, 1_800_000n],
    ['2025-07-01', 'PRIVATE_ENTERPRISE', 10, 80_000_000n, 90_000_000n, 400_000n, 1_800_000n],
    // 0.5% of 50 million is 250,000: capped at 234,000.
    ['2025-07-01', 'FOREIGN_INVESTED_ENTERPRISE', 1, 50_000_000n, 50_000_000n, 234_000n, 1_000_000n],
    // The cap counts per paying member: three members' cap is 702,000.
    ['2025-01-01', 'PRIVATE_ENTERPRISE', 3, 90_000_000n, 90_000_000n, 702_000n, 1_800_000n],
    // State-funded employers: due in May 2025, nothing from June 2025.
    ['2025-05-01', 'ADMINISTRATIVE_AGENCY', 10, 80_000_000n, 90_000_000n, 800_000n, 1_800_000n],
    ['2025-06-01', 'ADMINISTRATIVE_AGENCY', 10, 80_000_000n, 90_000_000n, 0n, 0n],
    ['2025-06-01', 'STATE_FUNDED_PUBLIC_UNIT', 10, 80_000_000n, 90_000_000n, 0n, 0n],
    ['2026-03-01', 'ARMED_FORCES', 10, 80_000_000n, 90_000_000n, 0n, 0n],
    // A self-financed public unit still pays in June 2025.
    ['2025-06-01', 'SELF_FINANCED_PUBLIC_UNIT', 10, 80_000_000n, 90_000_000n, 800_000n, 1_800_000n],
    // Rounded half up to the đồng: 1% of 12,345,678 is 123,456.78; 2% of 12,345,675 is 246,913.5.
    ['2024-02-01', 'OTHER', 2, 12_345_678n, 12_345_675n, 123_457n, 246_914n],
    // Nobody paying: nothing due, whatever the salaries say.
    ['2024-02-01', 'OTHER', 0, 0n, 5_000_000n, 0n, 100_000n],
  ];

  it.each(CASES)(
    '%s, %s, %i paying: dues and funding',
    (day, employer, members, salaryBase, payroll, dues, funding) => {
      expect(
        expectedAmounts(applied(day, employer), { membersPaying: members, salaryBase, payroll }),
      ).toEqual({
        duesExpected: dues,
        fundingDue: funding,
      });
    },
  );

  it('adds up a year in which the rate changed: six months at 1%, six at 0.5%', () => {
    const month = { membersPaying: 10, salaryBase: 100_000_000n, payroll: 100_000_000n };
    const year = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01`)
      .map((day) => expectedAmounts(applied(day), month).duesExpected)
      .reduce((a, b) => a + b, 0n);
    expect(year).toBe(6n * 1_000_000n + 6n * 500_000n);
  });

  it('names the source of each rule in force', () => {
    expect(applied('2025-07-01').dues.source).toContain('61/QĐ-TLĐ');
    expect(applied('2025-06-30').dues.rate).toBe(100);
    expect(applied('2024-07-01').baseSalary.amount).toBe(2_340_000n);
    expect(applied('2024-06-30').baseSalary.amount).toBe(1_800_000n);
    expect(applied('2025-06-01', 'ADMINISTRATIVE_AGENCY').stop?.source).toContain('4133/TLĐ-ToC');
    expect(applied('2025-05-31', 'ADMINISTRATIVE_AGENCY').stop).toBeNull();
    expect(applied('2025-06-01', 'PRIVATE_ENTERPRISE').stop).toBeNull();
  });

  it('says which kinds of rule nothing covers', () => {
    expect(financeRulesOn(DEFAULT_FINANCE_RULES, '2019-01-01', 'OTHER')).toEqual({
      missing: ['BASE_SALARY', 'DUES_RATE', 'FUNDING_RATE', 'DUES_SHARING', 'FUNDING_SHARING'],
    });
  });

  it('prefers a rule that names the employer to a general one, then the latest', () => {
    const special: FinanceRule = {
      ...DEFAULT_FINANCE_RULES.find((r) => r.kind === 'FUNDING_RATE' && r.validTo === null)!,
      employerKinds: ['FOREIGN_INVESTED_ENTERPRISE'],
      validFrom: '2025-07-01',
      rate: 100,
      source: 'test',
    };
    const rules = [...DEFAULT_FINANCE_RULES, special];
    const pick = (employer: EmployerKind) => {
      const found = financeRulesOn(rules, '2025-08-01', employer);
      return 'applied' in found ? found.applied.funding.rate : null;
    };
    expect(pick('FOREIGN_INVESTED_ENTERPRISE')).toBe(100);
    expect(pick('PRIVATE_ENTERPRISE')).toBe(200);
  });
});

describe('sharing what was collected between the levels', () => {
  // [month's first day, dues collected, funding paid, dues kept, funding kept]
  const CASES: Array<[string, bigint, bigint, bigint, bigint]> = [
    // Before 4290/QĐ-TLĐ: 60% of dues, 71% of funding (uncertain, as the rules say).
    ['2022-02-01', 1_000_000n, 1_000_000n, 600_000n, 710_000n],
    // 4290/QĐ-TLĐ from 1 March 2022: 60% of dues, 75% of funding.
    ['2022-03-01', 1_000_000n, 1_000_000n, 600_000n, 750_000n],
    ['2022-12-01', 1_000_000n, 1_000_000n, 600_000n, 750_000n],
    // 8108/QĐ-TLĐ from the 2023 budget year: 70% of dues.
    ['2023-01-01', 1_000_000n, 1_000_000n, 700_000n, 750_000n],
    ['2025-07-01', 333_333n, 1_111_111n, 233_333n, 833_333n],
  ];

  it.each(CASES)('%s: %s dues and %s funding', (day, dues, funding, duesKept, fundingKept) => {
    const rules = applied(day);
    const duesParts = shareAmount(dues, rules.duesSharing.shares!);
    const fundingParts = shareAmount(funding, rules.fundingSharing.shares!);
    expect([duesParts.grassroots, fundingParts.grassroots]).toEqual([duesKept, fundingKept]);
    expect(duesParts.province).toBe(dues - duesKept);
    expect(fundingParts.province).toBe(funding - fundingKept);
  });

  const shares = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }).map((cuts) => {
    const [a, b, c] = [...cuts].sort((x, y) => x - y);
    return { grassroots: a, directUpper: b - a, province: c - b, national: 10_000 - c } as Shares;
  });

  it('always adds the parts back up to what was collected, none off by more than a đồng', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), shares, (amount, split) => {
        const parts = shareAmount(amount, split);
        const sum = SHARE_LEVELS.reduce((total, level) => total + parts[level], 0n);
        expect(sum).toBe(amount);
        for (const level of SHARE_LEVELS) {
          expect(parts[level] >= 0n).toBe(true);
          // |part - amount × share / 10,000| ≤ 1, multiplied out.
          const off = parts[level] * 10_000n - amount * BigInt(split[level]);
          expect(off <= 10_000n && off >= -10_000n).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
