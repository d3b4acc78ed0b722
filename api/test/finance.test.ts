import { tree } from './support/builders';
import { useDatabase } from './support/graphql';

/**
 * Union finance through GraphQL: months recorded for grassroots unions are computed under the rules of
 * their month, shared between the levels, and summed into every ancestor's rollup at once; bad input
 * writes nothing; only the subtree's finance officers read the months, its analysts the sums, nobody
 * outside anything.
 */
describe('union finance', () => {
  const { db, api } = useDatabase('empty');

  beforeAll(async () => {
    await tree('2010-01-01')
      .national()
      .province('A')
      .province('B')
      .union('A-CDVC', 'A')
      .grassroots('A-G1', 'A-CDVC')
      .grassroots('A-G2', 'A')
      .grassroots('B-G1', 'B')
      .build(db().orm.em);
  });

  const RECORD = `mutation($input: [CollectionInput!]!) { recordCollections(input: $input) {
    month employerKind duesExpected fundingDue arrears unit { code }
    duesShares { grassroots directUpper province national } fundingShares { grassroots province }
    rules { kind source } } }`;

  const month = (unitCode: string, m: string, extra: Record<string, unknown> = {}) => ({
    unitCode,
    month: m,
    employerKind: 'PRIVATE_ENTERPRISE',
    membersPaying: 10,
    salaryBase: '100000000',
    payroll: '120000000',
    duesCollected: '900000',
    fundingPaid: '2400000',
    ...extra,
  });

  const count = async () =>
    Number(
      (await db().orm.em.getConnection().execute(`select count(*)::int as n from finance_collection`))[0].n,
    );

  async function stats(code: string, year: number) {
    const result = await api().run<{ orgUnit: { stats: Record<string, string> } }>(
      `query($code: String!, $year: Int!) { orgUnit(code: $code) { stats(year: $year) {
        duesCollected duesExpected fundingPaid fundingDue financeArrears financeKept financeToDirectUpper
        financeToProvince financeToNational } } }`,
      { code, year },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.orgUnit.stats;
  }

  it('computes a year in which the dues rate changed, and sums it into every ancestor at once', async () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      month('A-G1', `2025-${String(i + 1).padStart(2, '0')}`),
    );
    const result = await api().run<{
      recordCollections: Array<{ month: string; duesExpected: string; fundingDue: string; arrears: string }>;
    }>(RECORD, { input: months });
    expect(result.errors).toBeUndefined();
    const rows = result.data!.recordCollections;
    // 1% of 100 million until June, 0.5% from July (61/QĐ-TLĐ); 2% of the payroll throughout.
    expect(rows.map((r) => r.duesExpected)).toEqual([
      ...Array(6).fill('1000000'),
      ...Array(6).fill('500000'),
    ]);
    expect(new Set(rows.map((r) => r.fundingDue))).toEqual(new Set(['2400000']));
    // 900,000 collected against 1,000,000 until June: 100,000 in arrears; nothing from July.
    expect(rows.map((r) => r.arrears)).toEqual([...Array(6).fill('100000'), ...Array(6).fill('0')]);

    const dues = 12n * 900_000n;
    const funding = 12n * 2_400_000n;
    // 8108/QĐ-TLĐ: 70% of dues kept; 4290/QĐ-TLĐ: 75% of funding kept; the rest to the province.
    const kept = (dues * 7n) / 10n + (funding * 3n) / 4n;
    const expected = {
      duesCollected: dues.toString(),
      duesExpected: (6n * 1_000_000n + 6n * 500_000n).toString(),
      fundingPaid: funding.toString(),
      fundingDue: funding.toString(),
      financeArrears: '600000',
      financeKept: kept.toString(),
      financeToDirectUpper: '0',
      financeToProvince: (dues + funding - kept).toString(),
      financeToNational: '0',
    };
    for (const code of ['A-G1', 'A-CDVC', 'A', 'VN']) {
      expect({ code, stats: await stats(code, 2025) }).toEqual({ code, stats: expected });
    }
    expect((await stats('B', 2025)).duesCollected).toBe('0');
  });

  it('asks nothing of a state-funded agency from June 2025, and says which rule stopped it', async () => {
    const result = await api().run<{
      recordCollections: Array<{
        duesExpected: string;
        fundingDue: string;
        rules: Array<{ kind: string; source: string }>;
      }>;
    }>(RECORD, {
      input: [
        month('A-G2', '2025-05', { employerKind: 'ADMINISTRATIVE_AGENCY' }),
        month('A-G2', '2025-06', {
          employerKind: 'ADMINISTRATIVE_AGENCY',
          duesCollected: '0',
          fundingPaid: '0',
        }),
      ],
    });
    expect(result.errors).toBeUndefined();
    const [may, june] = result.data!.recordCollections;
    expect([may.duesExpected, may.fundingDue]).toEqual(['1000000', '2400000']);
    expect([june.duesExpected, june.fundingDue]).toEqual(['0', '0']);
    expect(june.rules.find((r) => r.kind === 'COLLECTION_STOP')?.source).toContain('4133/TLĐ-ToC');
    expect(may.rules.some((r) => r.kind === 'COLLECTION_STOP')).toBe(false);
  });

  it('shares dues at 60% under 4290/QĐ-TLĐ in 2022 and at 70% under 8108/QĐ-TLĐ from 2023', async () => {
    const result = await api().run<{
      recordCollections: Array<{
        duesShares: { grassroots: string; province: string };
        fundingShares: { grassroots: string };
      }>;
    }>(RECORD, {
      input: ['2022-06', '2023-06'].map((m) =>
        month('A-G2', m, { duesCollected: '1000000', fundingPaid: '1000000' }),
      ),
    });
    expect(result.errors).toBeUndefined();
    const [y2022, y2023] = result.data!.recordCollections;
    expect([y2022.duesShares.grassroots, y2022.duesShares.province]).toEqual(['600000', '400000']);
    expect([y2023.duesShares.grassroots, y2023.duesShares.province]).toEqual(['700000', '300000']);
    expect([y2022.fundingShares.grassroots, y2023.fundingShares.grassroots]).toEqual(['750000', '750000']);
  });

  it('takes the employer kind from the union’s latest month, and asks for it when there is none', async () => {
    const taken = await api().run<{ recordCollections: Array<{ employerKind: string }> }>(RECORD, {
      input: [month('A-G2', '2025-07', { employerKind: null, duesCollected: '0', fundingPaid: '0' })],
    });
    expect(taken.errors).toBeUndefined();
    expect(taken.data!.recordCollections[0].employerKind).toBe('ADMINISTRATIVE_AGENCY');
    const none = await api().run(RECORD, { input: [month('B-G1', '2025-07', { employerKind: null })] });
    expect(none.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      messageCode: 'FINANCE_EMPLOYER_KIND_REQUIRED',
    });
  });

  it('writes nothing of a batch with one bad month, and says what is wrong', async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>[], string]> = [
      [[month('B-G1', '2024-01'), month('A-CDVC', '2024-01')], 'FINANCE_GRASSROOTS_ONLY'],
      [[month('B-G1', '2024-02'), month('B-G1', '2099-01')], 'MONTH_IN_FUTURE'],
      [[month('B-G1', '2024-03'), month('B-G1', '2024-13')], 'MONTH_FORMAT'],
      [[month('B-G1', '2024-04'), month('B-G1', '2024-04')], 'FINANCE_MONTH_TWICE'],
      [[month('B-G1', '2024-05', { duesCollected: '-1' })], 'AMOUNT_NEGATIVE'],
      [[month('B-G1', '2024-05', { membersPaying: -3 })], 'FINANCE_MEMBERS_NEGATIVE'],
      [[month('B-G1', '2019-05')], 'FINANCE_RULE_MISSING'],
    ];
    for (const [input, messageCode] of cases) {
      const result = await api().run(RECORD, { input });
      expect({ messageCode, extensions: result.errors?.[0]?.extensions }).toMatchObject({
        messageCode,
        extensions: { code: 'BAD_USER_INPUT', messageCode },
      });
    }
    expect(await count()).toBe(before);
  });

  it('replaces a month recorded again, and the rollups follow', async () => {
    await api().run(RECORD, { input: [month('B-G1', '2024-03', { duesCollected: '500000' })] });
    await api().run(RECORD, { input: [month('B-G1', '2024-03', { duesCollected: '700000' })] });
    expect((await stats('B', 2024)).duesCollected).toBe('700000');
    expect((await stats('VN', 2024)).duesCollected).toBe('700000');
  });

  it('gives the months to the subtree’s finance officers, the sums to its analysts, nothing outside', async () => {
    const MONTHS = `{ orgUnit(code: "A") { financeMonths(year: 2025) { month unionsRecorded duesCollected arrears kept sentUp } } }`;
    const COLLECTIONS = `{ orgUnit(code: "A-G1") { collections(year: 2025) { month duesCollected } } }`;
    const SUMS = `{ orgUnit(code: "A") { stats(year: 2025) { duesCollected } } }`;

    const officer = await api().as([{ code: 'A', role: 'OFFICER' }]);
    const months = await officer<{ orgUnit: { financeMonths: Array<Record<string, unknown>> } }>(MONTHS);
    expect(months.errors).toBeUndefined();
    expect(months.data!.orgUnit.financeMonths[0]).toEqual({
      month: '2025-01',
      // A-G1's month and A-G2's (recorded in the tests above).
      unionsRecorded: 1,
      duesCollected: '900000',
      arrears: '100000',
      kept: String(630_000 + 1_800_000),
      sentUp: String(270_000 + 600_000),
    });
    expect(months.data!.orgUnit.financeMonths.find((m) => m.month === '2025-05')?.unionsRecorded).toBe(2);
    expect(
      (await officer<{ orgUnit: { collections: unknown[] } }>(COLLECTIONS)).data!.orgUnit.collections,
    ).toHaveLength(12);

    for (const role of ['ANALYST', 'VIEWER'] as const) {
      const reader = await api().as([{ code: 'A', role }]);
      expect((await reader(SUMS)).data).toEqual({
        orgUnit: { stats: { duesCollected: String(13 * 900_000) } },
      });
      for (const query of [MONTHS, COLLECTIONS]) {
        const refused = await reader(query);
        expect({ role, query, code: refused.errors?.[0]?.extensions?.code }).toEqual({
          role,
          query,
          code: 'FORBIDDEN',
        });
      }
    }

    const outsider = await api().as([{ code: 'B', role: 'ADMIN' }]);
    for (const query of [MONTHS, COLLECTIONS, SUMS]) {
      const refused = await outsider(query);
      expect({ query, code: refused.errors?.[0]?.extensions?.code, data: refused.data }).toEqual({
        query,
        code: 'FORBIDDEN',
        data: { orgUnit: null },
      });
    }
    const written = await outsider(RECORD, { input: [month('A-G1', '2024-01')] });
    expect(written.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a month that a submitted report counts, as any record in a locked period', async () => {
    const owner = db().orm.em.getConnection();
    await owner.execute(
      `insert into report (unit_id, period_code, as_at, form_id, state, submitted_at)
       select u.id, p.code, p.as_at, (select id from report_form where level = 'UPPER' and period_kind = 'HALF_YEAR' limit 1),
              'SUBMITTED', now()
         from org_unit u, report_period p where u.code = 'B' and p.code = '2023-H1'`,
    );
    const before = await count();
    // 2023-H1 runs to 31 May 2023: a month in it is locked under B, one after it is not.
    const locked = await api().run(RECORD, { input: [month('B-G1', '2023-03')] });
    expect(locked.errors?.[0]?.extensions).toMatchObject({
      code: 'PERIOD_LOCKED',
      period: '2023-H1',
      unitCode: 'B',
    });
    expect(await count()).toBe(before);
    const open = await api().run(RECORD, { input: [month('B-G1', '2023-07')] });
    expect(open.errors).toBeUndefined();
  });

  it('ranks the provinces by collection rate, those with nothing due last', async () => {
    const result = await api().run<{
      orgUnit: {
        childrenByCollectionRate: Array<{
          rank: number | null;
          unit: { code: string };
          collectionRate: number | null;
        }>;
      };
    }>(
      `{ orgUnit(code: "VN") { childrenByCollectionRate(year: 2025) { rank unit { code } collectionRate } } }`,
    );
    expect(result.errors).toBeUndefined();
    const ranked = result.data!.orgUnit.childrenByCollectionRate;
    expect(ranked.map((r) => [r.unit.code, r.rank])).toEqual([
      ['A', 1],
      ['B', null],
    ]);
    // A-G1: 10.8 million of dues against 9 million due, and all its funding; A-G2 paid in May, its last month owing.
    expect(ranked[0].collectionRate).toBeCloseTo(
      (12 * 900_000 + 12 * 2_400_000 + 900_000 + 2_400_000) /
        (9_000_000 + 12 * 2_400_000 + 1_000_000 + 2_400_000),
      10,
    );
  });

  it('lets only the national body set a rule, applies it to months recorded after, and keeps months recorded before', async () => {
    const RULE = `mutation($input: FinanceRuleInput!) { setFinanceRule(input: $input) { id kind validFrom shares { grassroots directUpper province national } } }`;
    const input = {
      kind: 'DUES_SHARING',
      validFrom: '2026-01-01',
      shares: { grassroots: 7000, directUpper: 1000, province: 1500, national: 500 },
      source: 'test: a later sharing guidance',
      certain: false,
    };
    const officer = await api().as([{ code: 'A', role: 'ADMIN' }]);
    expect((await officer(RULE, { input })).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      messageCode: 'FINANCE_RULE_NATIONAL',
    });
    const bad = await api().run(RULE, { input: { ...input, shares: { ...input.shares, national: 600 } } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ messageCode: 'FINANCE_SHARES_WHOLE' });
    const wrongFields = await api().run(RULE, { input: { ...input, rate: 50 } });
    expect(wrongFields.errors?.[0]?.extensions).toMatchObject({ messageCode: 'FINANCE_RULE_FIELDS' });

    const before = await stats('A', 2025);
    const set = await api().run(RULE, { input });
    expect(set.errors).toBeUndefined();
    expect(await stats('A', 2025)).toEqual(before);
    const january = await api().run<{
      recordCollections: Array<{ duesShares: Record<string, string> }>;
    }>(RECORD, { input: [month('A-G1', '2026-01', { duesCollected: '1000000' })] });
    expect(january.errors).toBeUndefined();
    expect(january.data!.recordCollections[0].duesShares).toEqual({
      grassroots: '700000',
      directUpper: '100000',
      province: '150000',
      national: '50000',
    });
    const audit = await db()
      .orm.em.getConnection()
      .execute(`select count(*)::int as n from audit_log where entity = 'finance_rule'`);
    expect(audit[0].n).toBe(1);
  });

  it('says which rules are in force for a union on a day, with their sources', async () => {
    const result = await api().run<{
      orgUnit: { financeRulesInForce: Record<string, { rate?: number; source: string } | string | null> };
    }>(
      `{ orgUnit(code: "A-G1") { financeRulesInForce(asOf: "2025-07-01") { employerKind
          dues { rate cap source } baseSalary { amount source } stop { source } duesSharing { source } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.orgUnit.financeRulesInForce).toMatchObject({
      employerKind: 'PRIVATE_ENTERPRISE',
      dues: { rate: 50, cap: 1000, source: expect.stringContaining('61/QĐ-TLĐ') },
      baseSalary: { amount: '2340000' },
      stop: null,
      duesSharing: { source: expect.stringContaining('8108/QĐ-TLĐ') },
    });
  });

  describe('spreadsheets', () => {
    let token = '';
    const HEADER =
      'Mã công đoàn cơ sở,Tháng,Loại hình đơn vị,Số đoàn viên đóng đoàn phí,Tiền lương đóng BHXH của đoàn viên (đồng),Quỹ tiền lương đóng BHXH (đồng),Đoàn phí đã thu (đồng),Kinh phí công đoàn đã nộp (đồng)';

    beforeAll(async () => {
      const created = await api().run(
        `mutation { createAccount(input: { email: "ke-toan@a.example", displayName: "Kế toán A", password: "finance-password", unitCode: "A", role: OFFICER }) { email } }`,
      );
      expect(created.errors).toBeUndefined();
      const login = await api().http({
        query: 'mutation { login(email: "ke-toan@a.example", password: "finance-password") { token } }',
      });
      token = (login.json.data as { login: { token: string } }).login.token;
    });

    async function upload(body: string) {
      const response = await fetch(await api().url('/import/collections'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body,
      });
      const lines = (await response.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      return lines.find((line) => line.result)?.result as {
        imported: number;
        problems: Array<{ row: number; column?: string; messageCode?: string }>;
      };
    }

    it('imports a month of every union, all or none, with each bad row’s reason', async () => {
      const before = await count();
      const bad = await upload(
        [
          HEADER,
          'A-G1,10/2024,Doanh nghiệp ngoài nhà nước,10,"100.000.000","120.000.000",900.000,2.400.000',
          'A-CDVC,10/2024,,10,1,1,1,1',
          'A-G2,13/2024,,10,1,1,1,1',
          'B-G1,10/2024,,10,1,1,1,1',
          'A-G1,10/2024,,10,1,1,1,1',
        ].join('\n'),
      );
      expect(bad.imported).toBe(0);
      expect(bad.problems.map((p) => [p.row, p.messageCode])).toEqual([
        [3, 'FINANCE_GRASSROOTS_ONLY'],
        [4, 'CELL_MONTH_FORMAT'],
        [5, 'UNIT_NOT_WRITABLE_ON'],
        [6, 'FINANCE_MONTH_TWICE'],
      ]);
      expect(await count()).toBe(before);

      const good = await upload(
        [
          HEADER,
          'A-G1,10/2024,Doanh nghiệp ngoài nhà nước,10,"100.000.000","120.000.000",900.000,2.400.000',
          'A-G2,10/2024,Cơ quan hành chính,20,"160.000.000","170.000.000",1.600.000,3.400.000',
        ].join('\n'),
      );
      expect(good).toEqual({ imported: 2, skipped: 0, problems: [] });
      expect(await stats('A', 2024)).toMatchObject({ duesExpected: '2600000', duesCollected: '2500000' });

      const exported = await fetch(await api().url('/export/collections?unitCode=A&year=2024&format=csv'), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(exported.status).toBe(200);
      const text = await exported.text();
      expect(text).toContain(
        'A-G1,10/2024,Doanh nghiệp ngoài nhà nước,10,100.000.000,120.000.000,900.000,2.400.000',
      );
      expect(text).toContain('A-G2,10/2024,Cơ quan hành chính,20');
    });

    it('gives the export only to the subtree’s finance officers', async () => {
      const sessions: Array<[string, string, number]> = [
        ['A', 'VIEWER', 403],
        ['A', 'ANALYST', 403],
        ['B', 'ADMIN', 403],
        ['A-CDVC', 'OFFICER', 200],
      ];
      for (const [unitCode, role, status] of sessions) {
        const email = `${role.toLowerCase()}.${unitCode.toLowerCase()}@finance.example`;
        const created = await api().run(
          `mutation($input: CreateAccountInput!) { createAccount(input: $input) { email } }`,
          { input: { email, displayName: email, password: 'finance-password', unitCode, role } },
        );
        expect(created.errors).toBeUndefined();
        const login = await api().http({
          query: `mutation { login(email: "${email}", password: "finance-password") { token } }`,
        });
        const session = (login.json.data as { login: { token: string } }).login.token;
        const response = await fetch(
          await api().url('/export/collections?unitCode=A-CDVC&year=2025&format=csv'),
          {
            headers: { authorization: `Bearer ${session}` },
          },
        );
        const body = await response.text();
        expect({ unitCode, role, status: response.status }).toEqual({ unitCode, role, status });
        expect(body.includes('A-G1')).toBe(status === 200);
      }
    });
  });
});
