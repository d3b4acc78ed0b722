import { useDatabase } from './support/graphql';

/**
 * The reporting cycle (modules/reporting, sql/reporting.sql): a grassroots union submits, the level above
 * returns it with a reason, it is corrected and approved; while submitted or approved its figures are
 * locked in PostgreSQL, for every write path; an upper level submits only once its children are approved.
 */
describe('the reporting cycle', () => {
  const { api, db } = useDatabase('demo');
  const owner = () => db().orm.em.fork().getConnection();
  const PERIOD = '2025';

  /** A grassroots union directly under QN throughout the period, and its parent. */
  async function grassrootsUnderQn(): Promise<string> {
    const [row] = await owner().execute<Array<{ code: string }>>(
      `select u.code from org_unit u join org_unit_parent l on l.unit_id = u.id
         join org_unit p on p.id = l.parent_id and p.code = 'QN'
        where u.kind = 'GRASSROOTS_UNION' and l.period @> '2025-12-31'::date
        order by u.code desc limit 1`,
    );
    return row.code;
  }

  const REPORT = `query($code: String!, $period: String!) { orgUnit(code: $code) { report(period: $period) {
      state form { code } lockReason fields { key computed type value } history { fromState toState reason onBehalf }
      changesSinceApproval { key approved current difference } } } }`;

  it('goes draft → submitted → returned → submitted → approved, and locks what it counts', async () => {
    const code = await grassrootsUnderQn();
    const own = await api().as([{ code, role: 'ADMIN' }]);
    const qn = await api().as([{ code: 'QN', role: 'OFFICER' }]);

    const saved = await own(
      `mutation($code: String!) { saveReport(unitCode: $code, period: "${PERIOD}", values: [{ key: "remarks", value: "Hoàn thành" }]) { state fields { key value } } }`,
      { code },
    );
    expect(saved.errors).toBeUndefined();
    const bad = await own(
      `mutation($code: String!) { saveReport(unitCode: $code, period: "${PERIOD}", values: [{ key: "members", value: "5" }]) { state } }`,
      { code },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    const submitted = await own(
      `mutation($code: String!) { submitReport(unitCode: $code, period: "${PERIOD}") { state } }`,
      { code },
    );
    expect(submitted.data).toEqual({ submitReport: { state: 'SUBMITTED' } });

    // Its own officers cannot approve it.
    const self = await own(
      `mutation($code: String!) { approveReport(unitCode: $code, period: "${PERIOD}") { state } }`,
      { code },
    );
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Locked: an activity dated in the period is refused, through the API and in SQL.
    const locked = await qn(
      `mutation($code: String!) { recordActivity(input: { unitCode: $code, kind: SUPPORT, occurredOn: "2025-08-01", quantity: 1 }) { id } }`,
      { code },
    );
    expect(locked.errors?.[0].extensions).toMatchObject({
      code: 'PERIOD_LOCKED',
      period: PERIOD,
      unitCode: code,
      state: 'SUBMITTED',
    });
    expect(locked.errors?.[0].message).toMatch(/QN/);
    await expect(
      owner().execute(
        `insert into activity (unit_id, kind, occurred_on, quantity, amount, provenance)
         select id, 'SUPPORT', '2025-08-01', 1, 0, 'script' from org_unit where code = ?`,
        [code],
      ),
    ).rejects.toThrow(/locked/);
    // Outside the period, nothing is locked.
    const later = await qn(
      `mutation($code: String!) { recordActivity(input: { unitCode: $code, kind: SUPPORT, occurredOn: "2026-02-01", quantity: 1 }) { id } }`,
      { code },
    );
    expect(later.errors).toBeUndefined();

    const returned = await qn(
      `mutation($code: String!) { returnReport(unitCode: $code, period: "${PERIOD}", reason: "Thiếu số lao động") { state } }`,
      { code },
    );
    expect(returned.data).toEqual({ returnReport: { state: 'RETURNED' } });
    const fixed = await own(
      `mutation($code: String!) { saveReport(unitCode: $code, period: "${PERIOD}", values: [{ key: "remarks", value: "Đã bổ sung" }]) { state } }`,
      { code },
    );
    expect(fixed.data).toEqual({ saveReport: { state: 'RETURNED' } });
    await own(`mutation($code: String!) { submitReport(unitCode: $code, period: "${PERIOD}") { state } }`, {
      code,
    });
    const approved = await qn(
      `mutation($code: String!) { approveReport(unitCode: $code, period: "${PERIOD}") { state } }`,
      { code },
    );
    expect(approved.data).toEqual({ approveReport: { state: 'APPROVED' } });

    const read = await own(REPORT, { code, period: PERIOD });
    const report = (read.data as { orgUnit: { report: Record<string, unknown> } }).orgUnit.report;
    expect(report.state).toBe('APPROVED');
    expect(report.form).toEqual({ code: 'TK-CS' });
    expect(report.lockReason).toMatch(/Approved/);
    expect(report.history).toEqual([
      { fromState: 'DRAFT', toState: 'SUBMITTED', reason: null, onBehalf: false },
      { fromState: 'SUBMITTED', toState: 'RETURNED', reason: 'Thiếu số lao động', onBehalf: false },
      { fromState: 'RETURNED', toState: 'SUBMITTED', reason: null, onBehalf: false },
      { fromState: 'SUBMITTED', toState: 'APPROVED', reason: null, onBehalf: false },
    ]);
    // The members field equals the unit's members on 31 December, counted from the memberships.
    const [{ members }] = await owner().execute<Array<{ members: string }>>(
      `select count(*)::text as members from membership m join org_unit u on u.id = m.unit_id
        where u.code = ? and m.period @> '2025-12-31'::date`,
      [code],
    );
    expect(
      (report.fields as Array<{ key: string; value: string }>).find((f) => f.key === 'members')?.value,
    ).toBe(members);

    // Reopened by QN with a reason: live again, and what changes shows against the approved figures.
    const reopened = await qn(
      `mutation($code: String!) { reopenReport(unitCode: $code, period: "${PERIOD}", reason: "Sửa số liệu") { state } }`,
      { code },
    );
    expect(reopened.data).toEqual({ reopenReport: { state: 'REOPENED' } });
    await qn(
      `mutation($code: String!) { recordActivity(input: { unitCode: $code, kind: INITIATIVE, occurredOn: "2025-08-01", quantity: 3 }) { id } }`,
      { code },
    );
    const after = await own(REPORT, { code, period: PERIOD });
    const changes = (after.data as { orgUnit: { report: { changesSinceApproval: unknown[] } } }).orgUnit
      .report.changesSinceApproval;
    expect(changes).toContainEqual(expect.objectContaining({ key: 'initiatives', difference: '3' }));
  });

  it('lets an upper level submit only when every child is approved or marked as not reported', async () => {
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const early = await qn(`mutation { submitReport(unitCode: "QN", period: "2025-H1") { state } }`);
    expect(early.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0].message).toMatch(/no approved report/);
  });

  it('shows completeness under a unit, and nothing of another province', async () => {
    const qn = await api().as([{ code: 'QN', role: 'VIEWER' }]);
    const mine = await qn(
      `{ orgUnit(code: "QN") { completeness(period: "2025") { total { expected } missing(first: 3) { unit { code } } } } }`,
    );
    expect(mine.errors).toBeUndefined();
    const total = (mine.data as { orgUnit: { completeness: { total: { expected: number } } } }).orgUnit
      .completeness.total;
    expect(total.expected).toBeGreaterThan(0);
    const theirs = await qn(
      `{ orgUnit(code: "TH") { completeness(period: "2025") { total { expected } } report(period: "2025") { state } } }`,
    );
    expect(theirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const submit = await qn(`mutation { submitReport(unitCode: "TH", period: "2025") { state } }`);
    expect(submit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("ships the source documents' annual reports approved, with the records' figures, and the current half-year part-way", async () => {
    const vn = await api().as([{ code: 'VN', role: 'VIEWER' }]);
    for (const [code, period] of [
      ['QN-CDVC', '2022'],
      ['TH', '2022'],
      ['P001-CDVC', '2024'],
      ['TB-CDVC', '2020'],
      ['HT-CDVC', '2021'],
    ]) {
      const read = await vn(
        `query($code: String!, $period: String!, $year: Int!) { orgUnit(code: $code) {
           stats(year: $year) { members newMembers grassrootsUnits welfareAmount supportCases giftPackages initiatives awardsCollective }
           report(period: $period) { state fields { key computed value } history { toState at }
             unit { completeness(period: $period) { total { expected approved onTime completeness } } } } } }`,
        { code, period, year: Number(period) },
      );
      expect(read.errors).toBeUndefined();
      const unit = (
        read.data as {
          orgUnit: {
            stats: Record<string, number | string>;
            report: {
              state: string;
              fields: Array<{ key: string; value: string | null }>;
              history: Array<{ toState: string }>;
              unit: { completeness: { total: Record<string, number> } };
            };
          };
        }
      ).orgUnit;
      expect(unit.report.state).toBe('APPROVED');
      expect(unit.report.history.map((h) => h.toState)).toEqual(['SUBMITTED', 'APPROVED']);
      // Every figure the article gives (the year's stats) is the approved report's.
      const figures = new Map(unit.report.fields.map((f) => [f.key, f.value]));
      const compared = Object.entries(unit.stats).filter(([metric]) => figures.has(metric));
      expect(compared.length).toBeGreaterThanOrEqual(6);
      for (const [metric, value] of compared) {
        expect([metric, figures.get(metric)]).toEqual([metric, String(value)]);
      }
      expect(Number(figures.get('grassrootsUnits'))).toBeGreaterThan(0);
      // Its whole subtree reported, on time.
      const total = unit.report.unit.completeness.total;
      expect(total).toEqual({
        expected: total.expected,
        approved: total.expected,
        onTime: total.expected,
        completeness: 1,
      });
      expect(total.expected).toBeGreaterThan(code === 'TH' ? 150 : 30);
    }

    const current = await vn(
      `{ qn: orgUnit(code: "QN") { completeness(period: "2026-H2") { total { expected approved submitted returned draft notStarted } } }
         ht: orgUnit(code: "HT") { completeness(period: "2026-H2") { total { expected approved submitted returned draft notStarted } }
           report(period: "2026-H2") { state } } }`,
    );
    expect(current.data).toEqual({
      qn: {
        completeness: {
          total: { expected: 16, approved: 4, submitted: 2, returned: 1, draft: 2, notStarted: 7 },
        },
      },
      ht: {
        completeness: {
          total: { expected: 9, approved: 2, submitted: 1, returned: 1, draft: 1, notStarted: 4 },
        },
        report: { state: 'DRAFT' },
      },
    });
  });

  it('reads figures on the approved basis: approved reports only, a unit not approved missing, never zero', async () => {
    const vn = await api().as([{ code: 'VN', role: 'ANALYST' }]);
    const read = await vn(`{
      cdvc: orgUnit(code: "QN-CDVC") {
        live: stats(year: 2022) { members welfareAmount }
        approved: stats(year: 2022, basis: APPROVED) { members welfareAmount }
        statsSeries(fromYear: 2020, toYear: 2022, basis: APPROVED) { year members }
      }
      qn: orgUnit(code: "QN") {
        stats(year: 2022, basis: APPROVED) { members }
        childrenStats(year: 2022, basis: APPROVED) { rank unit { code } stats { members } }
      }
    }`);
    expect(read.errors).toBeUndefined();
    const data = read.data as {
      cdvc: { live: object; approved: object; statsSeries: Array<{ year: number } | null> };
      qn: {
        stats: null;
        childrenStats: Array<{ rank: number | null; unit: { code: string }; stats: object | null }>;
      };
    };
    expect(data.cdvc.approved).toEqual(data.cdvc.live);
    expect(data.cdvc.statsSeries.map((s) => s?.year ?? null)).toEqual([null, null, 2022]);
    expect(data.qn.stats).toBeNull();
    const cdvc = data.qn.childrenStats.find((c) => c.unit.code === 'QN-CDVC')!;
    expect(cdvc).toEqual({
      rank: 1,
      unit: { code: 'QN-CDVC' },
      stats: { members: (data.cdvc.live as { members: number }).members },
    });
    const unranked = data.qn.childrenStats.filter((c) => c.rank === null);
    expect(unranked.length).toBe(data.qn.childrenStats.length - 1);
    expect(unranked.every((c) => c.stats === null)).toBe(true);
  });
  it('publishes a new version of a form (national body only): later reports take it, reports begun keep theirs', async () => {
    const FORM = `mutation($input: ReportFormInput!) { publishReportForm(input: $input) {
      code version validFrom level periodKind fields { key metric type min max sums } } }`;
    const field = (key: string, extra: object) => ({
      key,
      section: 'Tài chính',
      label: key,
      labelEn: key,
      ...extra,
    });
    const input = {
      code: '1-HĐCĐ',
      name: 'Báo cáo hoạt động công đoàn cơ sở (sửa đổi)',
      periodKind: 'HALF_YEAR',
      level: 'GRASSROOTS',
      validFrom: '2026-06-01',
      source: 'Test: a revision by the national body',
      fields: [
        field('members', { metric: 'MEMBERS' }),
        field('duesPaid', { type: 'VND' }),
        field('womenShare', { type: 'PERCENT' }),
      ],
    };
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const refused = await qn(FORM, { input });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const vn = await api().as([{ code: 'VN', role: 'ADMIN' }]);
    const bad = async (change: object) =>
      (await vn(FORM, { input: { ...input, ...change } })).errors?.[0].extensions;
    expect(await bad({ fields: [field('x', { metric: 'MEMBERS', type: 'COUNT' })] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fields.0',
    });
    expect(
      await bad({ fields: [field('dues', { type: 'VND' }), field('dues', { type: 'COUNT' })] }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fields.1.key',
    });
    expect(await bad({ fields: [field('members', { type: 'COUNT' })] })).toMatchObject({
      field: 'fields.0.key',
    });
    expect(await bad({ fields: [field('share', { type: 'PERCENT', max: 120 })] })).toMatchObject({
      field: 'fields.0.max',
    });
    expect(await bad({ level: 'UPPER' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });

    // A unit that has begun its 2026-H2 report, and one that has not.
    const [begun] = await owner().execute<Array<{ code: string }>>(
      `select u.code from report r join org_unit u on u.id = r.unit_id
        where r.period_code = '2026-H2' and u.kind = 'GRASSROOTS_UNION' order by u.code limit 1`,
    );
    const [fresh] = await owner().execute<Array<{ code: string }>>(
      `select u.code from org_unit u join org_unit_parent l on l.unit_id = u.id and l.period @> '2026-11-30'::date
        where u.kind = 'GRASSROOTS_UNION' and u.valid_to is null
          and not exists (select 1 from report r where r.unit_id = u.id and r.period_code = '2026-H2')
        order by u.code limit 1`,
    );
    const published = await vn(FORM, { input });
    expect(published.errors).toBeUndefined();
    expect(published.data).toEqual({
      publishReportForm: {
        code: '1-HĐCĐ',
        version: 2,
        validFrom: '2026-06-01',
        level: 'GRASSROOTS',
        periodKind: 'HALF_YEAR',
        fields: [
          { key: 'members', metric: 'MEMBERS', type: 'COUNT', min: null, max: null, sums: true },
          { key: 'duesPaid', metric: null, type: 'VND', min: 0, max: null, sums: true },
          { key: 'womenShare', metric: null, type: 'PERCENT', min: 0, max: 100, sums: false },
        ],
      },
    });
    const versions = await vn(`{ reportForms(code: "1-HĐCĐ") { version validFrom } }`);
    expect(versions.data).toEqual({
      reportForms: [
        { version: 1, validFrom: '2020-01-01' },
        { version: 2, validFrom: '2026-06-01' },
      ],
    });
    // Without a code: every form's versions (the argument left out arrives undefined, not null).
    const every = await vn(`{ reportForms { code version } }`);
    expect(
      (every.data as { reportForms: Array<{ code: string; version: number }> }).reportForms.filter(
        (form) => form.code === '1-HĐCĐ',
      ),
    ).toEqual([
      { code: '1-HĐCĐ', version: 1 },
      { code: '1-HĐCĐ', version: 2 },
    ]);
    const formOf = async (code: string, period: string) =>
      (
        (
          await vn(
            `query($code: String!) { orgUnit(code: $code) { report(period: "${period}") { form { version } fields { key } } } }`,
            { code },
          )
        ).data as { orgUnit: { report: { form: { version: number }; fields: Array<{ key: string }> } } }
      ).orgUnit.report;
    expect(await formOf(fresh.code, '2026-H2')).toEqual({
      form: { version: 2 },
      fields: [{ key: 'members' }, { key: 'duesPaid' }, { key: 'womenShare' }],
    });
    expect((await formOf(begun.code, '2026-H2')).form.version).toBe(1);
    expect((await formOf(fresh.code, '2026-H1')).form.version).toBe(1);

    const [audit] = await owner().execute<Array<{ action: string; code: string; version: string }>>(
      `select action, after ->> 'code' as code, after ->> 'version' as version
         from audit_log where entity = 'report_form' order by id desc limit 1`,
    );
    expect(audit).toEqual({ action: 'INSERT', code: '1-HĐCĐ', version: '2' });
  });
});
