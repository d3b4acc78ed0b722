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
 * (63 provinces in 2022, 34 today), rollups equal to the records they sum, the 2025 restructuring applied.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'cdvn-national-'));
let server: RunningServer;
let token = '';

before(async () => {
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
    ],
    { stdio: 'inherit', env: { ...process.env, DATABASE_URL: '' } },
  );
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
