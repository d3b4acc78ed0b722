import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { type RunningServer, startServer } from '../../api/test/support/server-process';
import { NATIONAL_ACCOUNT } from '../src/accounts';
import { ask, login } from '../src/graphql';

/**
 * The national generator at a small scale, read back through the API as its national ADMIN: both trees
 * (63 provinces in 2022, 34 today), rollups equal to the records they sum, the 2025 restructuring applied,
 * the reports of 2024 (written twice: `--only-reports` replaces them).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'cdvn-national-'));
let server: RunningServer;
let token = '';

before(async () => {
  const seed = (...options: string[]) =>
    execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        join(__dirname, '..', 'src', 'seed-national.ts'),
        '--scale',
        '0.005',
        '--data-dir',
        dataDir,
        ...options,
      ],
      { stdio: 'inherit', env: { ...process.env, DATABASE_URL: '' } },
    );
  seed();
  // The reports written again over the first ones, as after a change of their SQL: the tests below read
  // what the second run left.
  seed('--only-reports');
  server = await startServer({ dataDir, env: { DEMO_DATA: 'false', TRUSTED_DOCUMENTS: 'allow' } });
  token = await login(server.url, NATIONAL_ACCOUNT.email, NATIONAL_ACCOUNT.password);
});

after(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('holds both trees: 63 provinces with 18 unions each in 2022, 34 provinces and no district or public-servant union today', async () => {
  const data = await ask<{
    before: { children: { totalCount: number } };
    today: { children: { totalCount: number } };
    th: { children: { totalCount: number } };
    thToday: { children: { edges: Array<{ node: { kind: string } }> } };
  }>(
    server.url,
    `{
    before: orgUnit(code: "VN", asOf: "2022-12-31") { children { totalCount } }
    today: orgUnit(code: "VN") { children { totalCount } }
    th: orgUnit(code: "TH", asOf: "2022-12-31") { children(kind: GRASSROOTS_UNION) { totalCount } }
    thToday: orgUnit(code: "TH") { children(first: 500) { edges { node { kind } } } }
  }`,
    {},
    token,
  );
  assert.equal(data.before.children.totalCount, 63);
  assert.equal(data.today.children.totalCount, 34);
  // Before 2025 grassroots unions stand under the intermediate unions, not the province itself.
  assert.equal(data.th.children.totalCount, 0);
  const kinds = new Set(data.thToday.children.edges.map((e) => e.node.kind));
  assert.ok(
    kinds.has('COMMUNE_UNION') && kinds.has('SECTORAL_UNION') && kinds.has('GRASSROOTS_UNION'),
    [...kinds].join(),
  );
  assert.ok(!kinds.has('DISTRICT_FEDERATION') && !kinds.has('PUBLIC_SERVANT_UNION'), [...kinds].join());
});

test('rolls up exactly what it recorded: the provinces of 2022 add up to the national figures', async () => {
  const data = await ask<{
    orgUnit: {
      stats: { members: number; grassrootsUnits: number; supportCases: number; initiatives: number };
      childrenStats: Array<{
        stats: { members: number; grassrootsUnits: number; supportCases: number; initiatives: number };
      }>;
    };
  }>(
    server.url,
    `{ orgUnit(code: "VN") {
    stats(year: 2022) { members grassrootsUnits supportCases initiatives }
    childrenStats(year: 2022) { stats { members grassrootsUnits supportCases initiatives } }
  } }`,
    {},
    token,
  );
  const { stats, childrenStats } = data.orgUnit;
  assert.equal(childrenStats.length, 63);
  for (const field of ['members', 'grassrootsUnits', 'supportCases', 'initiatives'] as const) {
    assert.equal(
      childrenStats.reduce((sum, c) => sum + c.stats[field], 0),
      stats[field],
      field,
    );
  }
  // 0.005 of 127,000 is under the floor of one union per province slot: 1,134 unions, ~93 members each.
  assert.ok(stats.grassrootsUnits > 1000 && stats.grassrootsUnits <= 1134, String(stats.grassrootsUnits));
  assert.ok(
    stats.members > 60 * stats.grassrootsUnits && stats.members < 130 * stats.grassrootsUnits,
    String(stats.members),
  );
});

type Counts = {
  expected: number;
  approved: number;
  submitted: number;
  notStarted: number;
  notReported: number;
};

test("reports 2024 as offices do: the year closed, the second half-year's last reports coming in", async () => {
  const COUNTS = 'expected approved submitted notStarted notReported onTime completeness';
  const data = await ask<{
    orgUnit: Record<'year' | 'h2', { total: Counts & { onTime: number; completeness: number } }>;
  }>(
    server.url,
    `{ orgUnit(code: "VN") {
      year: completeness(period: "2024") { total { ${COUNTS} } }
      h2: completeness(period: "2024-H2") { total { ${COUNTS} } }
    } }`,
    {},
    token,
  );
  const { year, h2 } = data.orgUnit;
  assert.equal(year.total.completeness, 1);
  assert.equal(year.total.approved + year.total.notReported, year.total.expected);
  assert.ok(year.total.notReported > 0, 'some unions did not report');
  const late = 1 - year.total.onTime / year.total.approved;
  assert.ok(late > 0.02 && late < 0.2, `late share ${late}`);
  assert.ok(h2.total.approved / h2.total.expected > 0.6, JSON.stringify(h2.total));
  assert.ok(h2.total.submitted > 0 && h2.total.notStarted > 0, JSON.stringify(h2.total));
});

test('freezes the figures the services would have: a grassroots union’s approved year is its records’, a province submitted again reports the same', async () => {
  const FIGURES = 'members newMembers supportCases supportAmount initiatives awardsIndividual';
  const units = await ask<{
    orgUnit: { descendants: { edges: Array<{ node: { approved: object | null; live: object } }> } };
  }>(
    server.url,
    `{ orgUnit(code: "TH", asOf: "2024-12-31") { descendants(kind: GRASSROOTS_UNION, first: 20) { edges { node {
      approved: stats(year: 2024, basis: APPROVED) { ${FIGURES} } live: stats(year: 2024) { ${FIGURES} } } } } } }`,
    {},
    token,
  );
  const approved = units.orgUnit.descendants.edges.filter((e) => e.node.approved);
  assert.ok(approved.length >= 15, String(approved.length));
  for (const { node } of approved) {
    assert.deepEqual(node.approved, node.live);
  }

  const provinces = await ask<{
    orgUnit: { completeness: { children: Array<{ state: string | null; unit: { code: string } }> } };
  }>(
    server.url,
    '{ orgUnit(code: "VN") { completeness(period: "2024-H2") { children { state unit { code } } } } }',
    {},
    token,
  );
  const waiting = provinces.orgUnit.completeness.children.find((c) => c.state === 'SUBMITTED');
  assert.ok(waiting, 'a province waits for the national federation');
  const step = (mutation: string) =>
    ask<Record<string, { state: string; fields: Array<{ key: string; value: string | null }> }>>(
      server.url,
      `mutation ($code: String!) { ${mutation} { state fields { key value } } }`,
      { code: waiting.unit.code },
      token,
    );
  const before = await ask<{ orgUnit: { report: { fields: Array<{ key: string; value: string | null }> } } }>(
    server.url,
    'query ($code: String!) { orgUnit(code: $code) { report(period: "2024-H2") { fields { key value } } } }',
    { code: waiting.unit.code },
    token,
  );
  const returned = await step('returnReport(unitCode: $code, period: "2024-H2", reason: "kiểm tra lại")');
  assert.equal(returned.returnReport.state, 'RETURNED');
  const again = await step('submitReport(unitCode: $code, period: "2024-H2")');
  assert.equal(again.submitReport.state, 'SUBMITTED');
  assert.deepEqual(again.submitReport.fields, before.orgUnit.report.fields);
  assert.ok(Number(before.orgUnit.report.fields.find((f) => f.key === 'members')?.value) > 0);
});

test('gives every grassroots union its months of 2024-2025, computed as the API computes them, and rolls them up', async () => {
  const FIELDS = `month employerKind membersPaying salaryBase payroll duesCollected fundingPaid duesExpected fundingDue
    duesShares { grassroots directUpper province national } fundingShares { grassroots directUpper province national }`;
  type Month = Record<string, unknown> & { month: string; employerKind: string };
  let months: Month[] = [];
  let code = '';
  for (let g = 1; g <= 40 && months.length < 12; g += 1) {
    code = `G${g}`;
    const found = await ask<{ orgUnit: { collections: Month[] } | null }>(
      server.url,
      `query($code: String!) { orgUnit(code: $code) { collections(year: 2025) { ${FIELDS} } } }`,
      { code },
      token,
    );
    months = found.orgUnit?.collections ?? [];
  }
  assert.equal(months.length, 12, `a union open through 2025 among G1..G40 (${code})`);
  // Recorded again through the API with the same figures: the same amounts due and the same shares.
  const again = await ask<{ recordCollections: Month[] }>(
    server.url,
    `mutation($input: [CollectionInput!]!) { recordCollections(input: $input) { ${FIELDS} } }`,
    {
      input: months.map((m) => ({
        unitCode: code,
        month: m.month,
        employerKind: m.employerKind,
        membersPaying: m.membersPaying,
        salaryBase: m.salaryBase,
        payroll: m.payroll,
        duesCollected: m.duesCollected,
        fundingPaid: m.fundingPaid,
      })),
    },
    token,
  );
  assert.deepEqual(again.recordCollections, months);
  // 0.5% from July 2025: a union's dues due halve (members and salaries vary by a few members a month).
  const due = (m: Month) => Number(m.duesExpected);
  if (due(months[5]) > 0) {
    assert.ok(due(months[6]) < due(months[5]) * 0.7, `${due(months[6])} after ${due(months[5])}`);
  }

  const data = await ask<{
    orgUnit: {
      stats: { duesCollected: string; fundingDue: string };
      childrenStats: Array<{ stats: { duesCollected: string; fundingDue: string } }>;
    };
  }>(
    server.url,
    `{ orgUnit(code: "VN") { stats(year: 2024) { duesCollected fundingDue }
        childrenStats(year: 2024) { stats { duesCollected fundingDue } } } }`,
    {},
    token,
  );
  const sum = (field: 'duesCollected' | 'fundingDue') =>
    data.orgUnit.childrenStats.reduce((total, child) => total + BigInt(child.stats[field]), 0n).toString();
  assert.ok(BigInt(data.orgUnit.stats.duesCollected) > 0n);
  assert.equal(sum('duesCollected'), data.orgUnit.stats.duesCollected);
  assert.equal(sum('fundingDue'), data.orgUnit.stats.fundingDue);
});
