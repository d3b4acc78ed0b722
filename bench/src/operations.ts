import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { ask, login } from './graphql';

/**
 * The operations, on whatever dataset the server holds: the harness first asks the API for a large
 * province, some of its grassroots unions and a member's name, then builds Q1-Q5 and W1 around them.
 */
export interface Operation {
  name: string;
  /**
   * A request body; called for every request, so that writers can vary their unit. With `token`, the
   * request is made with that session (another officer's) instead of the harness's.
   */
  body: () => { query: string; variables?: Record<string, unknown>; token?: string };
  /** A path to GET instead of posting `body` to /graphql (a file the API makes). */
  get?: string;
  connections?: number;
  /** Headers of each request, when they are not the harness's session. */
  headers?: () => Record<string, string>;
  /** Writes sent at this rate by one more connection while the operation runs (not measured). */
  alongside?: { body: Operation['body']; perSecond: number };
  /** SQL run as the database's owner before the operation and after it (to measure without a trigger). */
  database?: { before: string; after: string };
}

/** The year whose reports the national dataset holds (seed:national): its half-years and the year. */
const REPORT_PERIOD = '2024-H2';

/** A document of the web client, as it sends it. */
const clientDocument = (name: string) =>
  readFileSync(resolve(__dirname, '..', '..', 'schema', 'documents', `${name}.graphql`), 'utf8');

const LOCKING = ['SUBMITTED', 'APPROVED'];
type CycleStep = 'submitReport' | 'approveReport' | 'reopenReport';
const NEXT_STEP: Record<string, CycleStep> = {
  DRAFT: 'submitReport',
  RETURNED: 'submitReport',
  REOPENED: 'submitReport',
  SUBMITTED: 'approveReport',
  APPROVED: 'reopenReport',
};
const AFTER: Record<CycleStep, string> = {
  submitReport: 'SUBMITTED',
  approveReport: 'APPROVED',
  reopenReport: 'REOPENED',
};

/**
 * The reporting cycle's writes on grassroots unions' reports of the open half-year: each request takes a
 * unit's report one step (submit, approve, reopen with a reason, in turn), round the units, so that every
 * request is a real transition. Units whose parent's report is locked are left out (their approval would be
 * refused), and each starts at the step its report is at.
 */
async function reportCycle(url: string, token: string, candidates: string[]) {
  const { reportPeriods } = await ask<{
    reportPeriods: Array<{ code: string; kind: string; opensOn: string }>;
  }>(url, '{ reportPeriods { code kind opensOn } }', {}, token);
  const today = new Date().toISOString().slice(0, 10);
  const period = reportPeriods.filter((p) => p.kind === 'HALF_YEAR' && p.opensOn <= today).at(-1)!.code;
  const states = await Promise.all(
    candidates.map((code) =>
      ask<{
        orgUnit: { report: { state: string } | null; parent: { report: { state: string } | null } | null };
      }>(
        url,
        'query ($code: String!, $period: String!) { orgUnit(code: $code) { report(period: $period) { state } parent { report(period: $period) { state } } } }',
        { code, period },
        token,
      ).then((r) => ({ code, ...r.orgUnit })),
    ),
  );
  const units = states
    .filter((u) => u.report && !LOCKING.includes(u.parent?.report?.state ?? 'DRAFT'))
    .map((u) => ({ code: u.code, step: NEXT_STEP[u.report!.state] }));
  if (units.length < 32) {
    throw new Error(`Only ${units.length} grassroots unions can go through the ${period} cycle.`);
  }
  let next = 0;
  return {
    period,
    units: units.length,
    body: () => {
      const unit = units[next++ % units.length];
      const step = unit.step;
      unit.step = NEXT_STEP[AFTER[step]];
      return {
        query: `mutation ($code: String!, $period: String!${step === 'reopenReport' ? ', $reason: String!' : ''}) {
          ${step}(unitCode: $code, period: $period${step === 'reopenReport' ? ', reason: $reason' : ''}) { state } }`,
        variables: {
          code: unit.code,
          period,
          ...(step === 'reopenReport' ? { reason: 'benchmark: sửa số liệu' } : {}),
        },
      };
    },
  };
}

const STATS = `year grassrootsUnits members newMembers welfareParticipants welfareAmount supportCases supportAmount
  giftPackages giftAmount charityAmount housesBuilt housingAmount initiatives awardsCollective awardsIndividual
  partyReferrals partyAdmissions`;

/** The year before this one: the year annual conferences report, after the 2025 merger. */
const YEAR = new Date().getFullYear() - 1;
const PRE_MERGER_YEAR = 2022;
/** Activities recorded per second alongside the mixed dashboard operation. */
const WRITES_ALONGSIDE = 5;
/** The activities' rollup triggers (api/sql/rollups.sql), and the note of the writes made without them. */
const ROLLUP_TRIGGERS = ['activity_stat_insert', 'activity_stat_update', 'activity_stat_delete'];
const WITHOUT_ROLLUPS = 'benchmark without the rollup upkeep';
/** Activities recorded per second in another province alongside M1. */
const MIXED_WRITES = 20;

const NATIONAL = (year: number) => ({
  query: `query National($year: Int!) {
    orgUnit(code: "VN") {
      stats(year: $year) { ${STATS} }
      childrenStats(year: $year, orderBy: INITIATIVES) { rank unit { code name } stats { ${STATS} } }
    }
  }`,
  variables: { year },
});

/** "Nguyễn Thị Ánh Tuyết" → "tuy": the first letters of the given name, without diacritics. */
function namePrefix(fullName: string): string {
  const given = fullName.trim().split(/\s+/).at(-1) ?? fullName;
  return given.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').slice(0, 3).toLowerCase();
}

/**
 * A session of an officer of the unit (its ADMIN by default): the account is created through the API the
 * first time, as the unit's upper level would create it.
 */
async function officerOf(url: string, token: string, unit: string, role = 'ADMIN'): Promise<string> {
  const email = `${role.toLowerCase()}-${unit.toLowerCase()}@bench.example`;
  const password = 'bench-password';
  // Created first (refused when it exists from an earlier run): a login tried first and failed would
  // count against the address's failed logins, which lock out after 30.
  const created = await ask(
    url,
    'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
    { input: { email, displayName: `${unit} ${role} (benchmark)`, password, unitCode: unit, role } },
    token,
  ).then(
    () => null,
    (error: unknown) => error,
  );
  return login(url, email, password).catch((error: unknown) => {
    throw new Error(`No session for ${email}: ${String(created ?? error)}`);
  });
}

/** Officers of the units, a few at a time (each login hashes a password): each unit's code and session. */
async function officers(url: string, token: string, units: string[], role: string) {
  const sessions: Array<{ code: string; token: string }> = [];
  for (let i = 0; i < units.length; i += 8) {
    const batch = units.slice(i, i + 8);
    const tokens = await Promise.all(batch.map((code) => officerOf(url, token, code, role)));
    sessions.push(...batch.map((code, j) => ({ code, token: tokens[j] })));
  }
  return sessions;
}

/** Round the list, one after another. */
function roundRobin<T>(items: T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

const RANKED_BY_MEMBERS = `query ($year: Int!) {
  orgUnit(code: "VN") { childrenStats(year: $year, orderBy: MEMBERS) { unit { code } } }
}`;

const RANKED_BY_COLLECTION = `query ($year: Int!) {
  orgUnit(code: "VN") { childrenByCollectionRate(year: $year) { rank collectionRate unit { code name }
    stats { duesCollected duesExpected fundingPaid fundingDue financeArrears } } }
}`;

/** VN's provinces of a year, on its own tree (day null) or on the tree of a day (today's map). */
const PROVINCES_ON = `query Provinces($year: Int!, $day: Date) {
  orgUnit(code: "VN") {
    childrenStats(year: $year, orderBy: MEMBERS, onTreeOf: $day) { rank unit { code name } stats { ${STATS} } }
  }
}`;

interface Discovered {
  orgUnit: {
    childrenStats: Array<{ unit: { code: string } }>;
  };
}

export async function operations(
  url: string,
  token: string,
  { smoke, sessions }: { smoke: boolean; sessions: string[] },
) {
  // The provinces of the year by members (the first is drilled into), and how many stood in 2022.
  const ranked = await ask<Discovered>(url, RANKED_BY_MEMBERS, { year: YEAR }, token);
  const pre = await ask<Discovered>(url, RANKED_BY_MEMBERS, { year: PRE_MERGER_YEAR }, token);
  const provinces = ranked.orgUnit.childrenStats.map((c) => c.unit.code);
  const province = provinces[0];
  const below = await ask<{
    orgUnit: {
      descendants: { edges: Array<{ node: { code: string } }> };
      members: { edges: Array<{ node: { fullName: string } }> };
    };
  }>(
    url,
    `query ($code: String!) { orgUnit(code: $code) {
      descendants(kind: GRASSROOTS_UNION, first: 64) { edges { node { code } } }
      members(first: 1) { edges { node { fullName } } }
    } }`,
    { code: province },
    token,
  );
  const grassroots = below.orgUnit.descendants.edges.map((e) => e.node.code);
  const member = below.orgUnit.members.edges[0]?.node.fullName ?? 'Nguyễn Văn An';
  // A fixed text, so that runs compare (the first member by name changes as W2 imports more), unless the
  // province holds no such name.
  const fixed = process.env.BENCH_SEARCH ?? 'lan';
  const found = await ask<{ orgUnit: { members: { edges: unknown[] } } }>(
    url,
    'query ($code: String!, $search: String!) { orgUnit(code: $code) { members(search: $search, first: 1) { edges { cursor } } } }',
    { code: province, search: fixed },
    token,
  );
  const term = found.orgUnit.members.edges.length > 0 ? fixed : namePrefix(member);
  if (grassroots.length === 0) {
    throw new Error(`${province} has no grassroots union today: nothing to write to.`);
  }
  console.log(
    `dataset: ${provinces.length} provinces in ${YEAR}, ${pre.orgUnit.childrenStats.length} in ${PRE_MERGER_YEAR}; ` +
      `drilling into ${province}, writing to ${grassroots.length} of its grassroots unions, searching "${term}"`,
  );

  const admin = await officerOf(url, token, province);
  // Officers of many units, each reading its own unit: no two requests in a row share an answer. And the
  // grassroots unions of another province, where M1's writers record activities.
  const many = smoke ? 4 : 64;
  const grassrootsOfficers = await officers(url, token, grassroots.slice(0, many), 'OFFICER');
  // Provinces that stand today (the year's ranking also holds those that merged into others in 2025).
  const standing = await ask<{ orgUnit: { children: { edges: Array<{ node: { code: string } }> } } }>(
    url,
    `{ orgUnit(code: "VN") { children(kind: PROVINCIAL_FEDERATION, first: 100) { edges { node { code } } } } }`,
    {},
    token,
  );
  const provincesToday = standing.orgUnit.children.edges.map((e) => e.node.code);
  const provinceOfficers = await officers(url, token, provincesToday.slice(0, many), 'ADMIN');
  // The first other province today with grassroots unions of its own (the demo data's have few).
  let other = '';
  let otherGrassroots: string[] = [];
  for (const code of provincesToday.filter((c) => c !== province)) {
    const found = await ask<{ orgUnit: { descendants: { edges: Array<{ node: { code: string } }> } } }>(
      url,
      `query ($code: String!) { orgUnit(code: $code) { descendants(kind: GRASSROOTS_UNION, first: 64) { edges { node { code } } } } }`,
      { code },
      token,
    );
    otherGrassroots = found.orgUnit.descendants.edges.map((e) => e.node.code);
    if (otherGrassroots.length > 0) {
      other = code;
      break;
    }
  }
  if (!other) {
    throw new Error(`No province but ${province} has grassroots unions today: nowhere to write for M1.`);
  }
  const cycle = await reportCycle(url, token, grassroots);
  const completeness = clientDocument('unit-completeness');
  const unitFinance = clientDocument('unit-finance');
  const missing = clientDocument('unit-missing-reporters');
  const drillDownOf = (code: string) => ({
    query: `query Province($code: String!, $year: Int!) {
      orgUnit(code: $code) {
        name stats(year: $year) { ${STATS} }
        childrenStats(year: $year) { rank unit { code name } stats { ${STATS} } }
        ancestors { edges { node { code name } } }
      }
    }`,
    variables: { code, year: YEAR },
  });
  const drillDown = drillDownOf(province);
  const search = {
    query: `query Search($code: String!, $search: String!) {
      orgUnit(code: $code) { members(search: $search, first: 50) { edges { node { id fullName } } } }
    }`,
    variables: { code: province, search: term },
  };
  const asAdmin = () => ({ authorization: `Bearer ${admin}` });

  let next = 0;
  const today = new Date().toISOString().slice(0, 10);
  const recordAt = (unitCode: string, note = 'benchmark') => ({
    query: `mutation Record($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
    variables: {
      input: {
        unitCode,
        kind: 'SUPPORT',
        occurredOn: today,
        quantity: 1,
        amount: '500000',
        note,
      },
    },
  });
  const record = () => recordAt(grassroots[next++ % grassroots.length]);
  const nextElsewhere = roundRobin(otherGrassroots);
  const grassrootsPageOf = (code: string) => ({
    query: `query Grassroots($code: String!, $year: Int!) {
      orgUnit(code: $code) {
        name stats(year: $year) { ${STATS} }
        members(first: 50) { edges { node { id fullName gender birthDate } } }
        activities(year: $year, first: 10) { edges { node { kind occurredOn quantity amount } } }
      }
    }`,
    variables: { code, year: YEAR },
  });
  const nextGrassrootsOfficer = roundRobin(grassrootsOfficers);
  const grassrootsOfficerPage = () => {
    const officer = nextGrassrootsOfficer();
    return { ...grassrootsPageOf(officer.code), token: officer.token };
  };
  const nextProvinceOfficer = roundRobin(provinceOfficers);
  const load: Operation[] = [
    // The least a request costs: HTTP, the session, the scope's transaction opened and closed, no field read.
    { name: 'Q0 the smallest request ({ __typename })', body: () => ({ query: '{ __typename }' }) },
    { name: `Q1 national dashboard ${YEAR}`, body: () => NATIONAL(YEAR) },
    {
      name: `Q2 province drill-down (${province})`,
      body: () => drillDown,
    },
    {
      // The province's own officer on its dashboard: every unit checked against the province's scope.
      name: `Q2 province drill-down (${province}) as its ADMIN`,
      body: () => drillDown,
      headers: asAdmin,
    },
    { name: `Q3 member search in ${province}`, body: () => search },
    {
      // The same search by the province's own officer: row-level security checks each membership
      // against the province's units instead of letting the whole country through.
      name: `Q3 member search in ${province} as its ADMIN`,
      body: () => search,
      headers: asAdmin,
    },
    {
      // Each request from another province's ADMIN, on its own province.
      name: `Q2 province drill-down as ${provinceOfficers.length} province officers`,
      body: () => {
        const officer = nextProvinceOfficer();
        return { ...drillDownOf(officer.code), token: officer.token };
      },
    },
    { name: 'Q4 grassroots page', body: () => grassrootsPageOf(grassroots[next++ % grassroots.length]) },
    {
      // Each request from another grassroots union's officer, on its own union's page.
      name: `Q4 grassroots page as ${grassrootsOfficers.length} grassroots officers`,
      body: grassrootsOfficerPage,
    },
    {
      // The same officers while activities are recorded in another province: with the cache, a write
      // there leaves these answers standing.
      name: `M1 ${grassrootsOfficers.length} grassroots officers of ${province} on their pages while ${MIXED_WRITES} activities/s are recorded in ${other}`,
      body: grassrootsOfficerPage,
      alongside: { body: () => recordAt(nextElsewhere()), perSecond: MIXED_WRITES },
    },
    { name: `Q5 national dashboard ${PRE_MERGER_YEAR}`, body: () => NATIONAL(PRE_MERGER_YEAR) },
    {
      // Many officers opening the same dashboard while activities are recorded across the country: each
      // write changes the data version, so the answer is computed again after it.
      name: `Q1 national dashboard ${YEAR} while ${WRITES_ALONGSIDE} activities/s are recorded`,
      body: () => NATIONAL(YEAR),
      alongside: { body: record, perSecond: WRITES_ALONGSIDE },
    },
    {
      // The same, each request from one of 16 sessions: viewers never share answers, so each computes
      // its own after every write.
      name: `Q1 national dashboard ${YEAR} as ${sessions.length} viewers while ${WRITES_ALONGSIDE} activities/s are recorded`,
      body: () => NATIONAL(YEAR),
      headers: () => ({ authorization: `Bearer ${sessions[next++ % sessions.length]}` }),
      alongside: { body: record, perSecond: WRITES_ALONGSIDE },
    },
    { name: 'W1 record an activity (16 writers)', body: record },
    {
      // The baseline of the rollup upkeep's cost, in the same run: the same writes with the activities'
      // rollup triggers off; they are deleted afterwards with the triggers still off, so the rollups stay
      // true.
      name: 'W1 record an activity (16 writers), without the rollup upkeep',
      body: () => recordAt(grassroots[next++ % grassroots.length], WITHOUT_ROLLUPS),
      database: {
        before: ROLLUP_TRIGGERS.map((t) => `alter table activity disable trigger ${t}`).join('; '),
        after: [
          `delete from activity where note = '${WITHOUT_ROLLUPS}'`,
          ...ROLLUP_TRIGGERS.map((t) => `alter table activity enable trigger ${t}`),
        ].join('; '),
      },
    },
    {
      // The same writes without the report-lock check of activities (its statement trigger disabled), then
      // with it again: the first W1 of a run also warms the server up.
      name: 'W1 record an activity (16 writers), without the report-lock check',
      body: record,
      database: {
        before: 'alter table activity disable trigger activity_report_lock_insert',
        after: 'alter table activity enable trigger activity_report_lock_insert',
      },
    },
    { name: 'W1 record an activity (16 writers), with the report-lock check again', body: record },
    {
      name: `R1 completeness of VN (${REPORT_PERIOD})`,
      body: () => ({ query: completeness, variables: { code: 'VN', period: REPORT_PERIOD } }),
    },
    {
      name: `R2 inbox of ${province} (${REPORT_PERIOD}) as its ADMIN`,
      body: () => ({ query: completeness, variables: { code: province, period: REPORT_PERIOD } }),
      headers: asAdmin,
    },
    {
      name: `R3 missing reporters of ${province} (${REPORT_PERIOD}) as its ADMIN`,
      body: () => ({ query: missing, variables: { code: province, period: REPORT_PERIOD } }),
      headers: asAdmin,
    },
    {
      name: `C1 VN's provinces ${PRE_MERGER_YEAR} on the tree of ${PRE_MERGER_YEAR}`,
      body: () => ({ query: PROVINCES_ON, variables: { year: PRE_MERGER_YEAR, day: null } }),
    },
    {
      name: `C1 VN's provinces ${PRE_MERGER_YEAR} on today's map`,
      body: () => ({ query: PROVINCES_ON, variables: { year: PRE_MERGER_YEAR, day: today } }),
    },
    {
      name: `C2 ${province} 2020-${YEAR} on today's map`,
      body: () => ({
        query: `query Series($code: String!, $from: Int!, $to: Int!, $day: Date!) {
          orgUnit(code: $code) { statsSeries(fromYear: $from, toYear: $to, onTreeOf: $day) { ${STATS} } }
        }`,
        variables: { code: province, from: 2020, to: YEAR, day: today },
      }),
    },
    ...(['docx', 'pdf'] as const).map((format) => ({
      // One at a time: the time to make one province's report, and the memory it takes.
      name: `C3 annual report of ${province} ${YEAR} as ${format.toUpperCase()} (one at a time)`,
      body: () => ({ query: '' }),
      get: `/reports/annual?unitCode=${province}&year=${YEAR}&format=${format}`,
      connections: 1,
    })),
    {
      name: `W3 submit, approve, reopen ${cycle.period} reports in turn (16 writers, ${cycle.units} units)`,
      body: cycle.body,
    },
    {
      // The province's finance rollup for the year, as its ADMIN.
      name: `F1 finance rollup of ${province} ${YEAR} as its ADMIN`,
      body: () => ({
        query: `query ($code: String!, $year: Int!) { orgUnit(code: $code) { stats(year: $year) {
          duesCollected duesExpected fundingPaid fundingDue financeArrears financeKept financeToDirectUpper
          financeToProvince financeToNational } } }`,
        variables: { code: province, year: YEAR },
      }),
      headers: asAdmin,
    },
    {
      // The finance tab of a province, as its ADMIN: the year's rollup, the rules in force, the children
      // ranked by collection rate.
      name: `F1 finance tab of ${province} ${YEAR} as its ADMIN`,
      body: () => ({ query: unitFinance, variables: { code: province, year: YEAR, asOf: `${YEAR}-12-31` } }),
      headers: asAdmin,
    },
    {
      // The months of the finance tab: every grassroots union's months of the year summed by month.
      name: `F4 ${province}'s months of ${YEAR} (the finance tab's, every union's summed) as its ADMIN`,
      body: () => ({
        query: `query ($code: String!, $year: Int!) { orgUnit(code: $code) { financeMonths(year: $year) {
          month unionsRecorded duesCollected duesExpected fundingPaid fundingDue arrears kept sentUp } } }`,
        variables: { code: province, year: YEAR },
      }),
      headers: asAdmin,
    },
    {
      name: `F4 VN's months of ${YEAR} (every union's summed)`,
      body: () => ({
        query: `query ($year: Int!) { orgUnit(code: "VN") { financeMonths(year: $year) {
          month unionsRecorded duesCollected duesExpected fundingPaid fundingDue arrears kept sentUp } } }`,
        variables: { year: YEAR },
      }),
    },
    {
      name: `F2 VN's provinces ${YEAR} ranked by collection rate`,
      body: () => ({ query: RANKED_BY_COLLECTION, variables: { year: YEAR } }),
    },
  ];

  /** F3: a month of every grassroots union of the province from CSV, timed end to end (a month recorded again is replaced). */
  const importFinanceMonth = async () => {
    const codes: string[] = [];
    let after: string | null = null;
    do {
      const page: {
        orgUnit: {
          descendants: {
            edges: Array<{ node: { code: string } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
      } = await ask(
        url,
        `query ($code: String!, $after: String) { orgUnit(code: $code) {
          descendants(kind: GRASSROOTS_UNION, first: 200, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } } }`,
        { code: province, after },
        token,
      );
      codes.push(...page.orgUnit.descendants.edges.map((e) => e.node.code));
      after = page.orgUnit.descendants.pageInfo.hasNextPage
        ? page.orgUnit.descendants.pageInfo.endCursor
        : null;
    } while (after && !smoke);
    const month = `12/${YEAR}`;
    const csv = [
      'Mã công đoàn cơ sở,Tháng,Số đoàn viên đóng đoàn phí,Tiền lương đóng BHXH của đoàn viên (đồng),Quỹ tiền lương đóng BHXH (đồng),Đoàn phí đã thu (đồng),Kinh phí công đoàn đã nộp (đồng)',
      ...codes.map((code, i) => {
        const members = 20 + (i % 80);
        const salaries = members * 8_000_000;
        return `${code},${month},${members},${salaries},${Math.round(salaries * 1.15)},${Math.round(salaries * 0.004)},${Math.round(salaries * 0.021)}`;
      }),
    ].join('\n');
    const started = Date.now();
    const response = await fetch(`${url}/import/collections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const lines = (await response.text()).trim().split('\n');
    const last = JSON.parse(lines.at(-1) ?? '{}') as { result?: { imported?: number } };
    if (last.result?.imported !== codes.length) {
      throw new Error(`F3 import did not record ${codes.length} months: ${lines.at(-1)?.slice(0, 300)}`);
    }
    return { rows: codes.length, seconds: (Date.now() - started) / 1000 };
  };

  /**
   * E1: the province's members on today as CSV, as the national body downloads them: read to the last
   * byte, timed from the request to the end.
   */
  const exportMembers = async () => {
    const started = Date.now();
    const response = await fetch(`${url}/export/members?unitCode=${province}&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok || !response.body) {
      throw new Error(`E1 export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
    let bytes = 0;
    let rows = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      rows += chunk.reduce((lines, byte) => lines + (byte === 10 ? 1 : 0), 0);
    }
    // The header's line is not a member.
    return { rows: rows - 1, megabytes: bytes / 1_000_000, seconds: (Date.now() - started) / 1000 };
  };

  /** W2: members from CSV into the province's grassroots unions, timed end to end. */
  const importMembers = async () => {
    const rows = smoke ? 1_000 : 100_000;
    const day = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
    const csv = [
      'Họ và tên,Giới tính,Ngày sinh,Số điện thoại,Số CCCD/CMND,Số thẻ đoàn viên,Mã công đoàn cơ sở,Ngày kết nạp',
      ...Array.from(
        { length: rows },
        (_, i) =>
          `Đoàn viên thử ${Date.now()}-${i},${i % 2 ? 'Nam' : 'Nữ'},01/0${(i % 9) + 1}/19${70 + (i % 30)},,,,${grassroots[i % grassroots.length]},${day}`,
      ),
    ].join('\n');
    const started = Date.now();
    const response = await fetch(`${url}/import/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const lines = (await response.text()).trim().split('\n');
    const last = JSON.parse(lines.at(-1) ?? '{}') as { result?: { imported?: number } };
    if (last.result?.imported !== rows) {
      throw new Error(`W2 import did not create ${rows} members: ${lines.at(-1)?.slice(0, 300)}`);
    }
    return { rows, seconds: (Date.now() - started) / 1000 };
  };

  return {
    load,
    importMembers,
    importFinanceMonth,
    exportMembers,
    targets: { province, grassroots, year: YEAR, preMergerYear: PRE_MERGER_YEAR, today },
  };
}
