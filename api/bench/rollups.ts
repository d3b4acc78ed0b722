import { randomBytes } from 'node:crypto';
import { Scope } from '../src/auth/scope';
import 'reflect-metadata';

import type { MikroORM } from '@mikro-orm/postgresql';

import { migrate, openAppOrm, openOrm } from '../src/db/database';
import { loadDemoData } from '../src/db/demo-data';
import { recordActivities } from '../src/modules/activity/activity.service';
import { todayIn } from '../src/shared/dates';
import { graphqlRunner } from '../test/support/graphql';
import { printLatencies, withBenchDatabase } from './measure';
import { foldRollups } from '../src/modules/rollups/rollups.queries';

/**
 * Rollups on the demo data: read latency through GraphQL (folded, and with deltas pending), and write
 * throughput of recording activities from 16 concurrent writers with and without the rollup upkeep.
 * Run: npm run bench:rollups -w @cdvn/api
 */
const WRITERS = 16;
const WRITES_PER_WRITER = 250;

async function timeQueries(orm: MikroORM, appOrm: MikroORM, label: string): Promise<void> {
  const api = await graphqlRunner({ orm, appOrm });
  const cases: Array<[string, string]> = [
    ['VN stats 2022', '{ orgUnit(code: "VN") { stats(year: 2022) { members initiatives supportAmount } } }'],
    [
      'VN childrenStats 2022 (63 ranked)',
      '{ orgUnit(code: "VN") { childrenStats(year: 2022, orderBy: INITIATIVES) { rank unit { code } stats { initiatives members } } } }',
    ],
    [
      'QN-CDVC stats 2022',
      '{ orgUnit(code: "QN-CDVC") { stats(year: 2022) { members welfareAmount awardsCollective } } }',
    ],
    ['TH targets 2022', '{ orgUnit(code: "TH") { targets(year: 2022) { metric ratio } } }'],
    [
      'VN statsSeries 2020-2026',
      '{ orgUnit(code: "VN") { statsSeries(fromYear: 2020, toYear: 2026) { year members } } }',
    ],
  ];
  console.log(`\n${label}`);
  await printLatencies(api, cases, 40);
  await api.stop();
}

async function writeThroughput(orm: MikroORM, codes: string[], label: string): Promise<void> {
  const today = todayIn();
  const started = Date.now();
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let i = 0; i < WRITES_PER_WRITER; i++) {
        const t0 = process.hrtime.bigint();
        await recordActivities(
          orm.em.fork(),
          Scope.SYSTEM,
          [
            {
              unitCode: codes[(writer * WRITES_PER_WRITER + i) % codes.length],
              kind: 'SUPPORT',
              occurredOn: '2026-01-15',
              quantity: 1,
              amount: 500_000n,
              provenance: 'benchmark',
            },
          ],
          today,
        );
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const total = WRITERS * WRITES_PER_WRITER;
  console.log(
    `| ${label} | ${(total / seconds).toFixed(0)} writes/s | p50 ${latencies[Math.floor(total / 2)].toFixed(1)} ms | p99 ${latencies[Math.floor(total * 0.99)].toFixed(1)} ms |`,
  );
}

async function main(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const orm = await openOrm(url, { pool: { min: 0, max: WRITERS } });
    await migrate(orm);
    let t = Date.now();
    await loadDemoData(orm.em.fork());
    console.log(`demo data loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await orm.em.getConnection().execute('analyze');
    const appOrm = await openAppOrm(orm, url, randomBytes(32).toString('hex'));
    await timeQueries(orm, appOrm, 'Reads, rollups folded');

    const codes = (
      await orm.em.execute<Array<{ code: string }>>(
        `select code from org_unit where kind = 'GRASSROOTS_UNION' and valid_to is null`,
      )
    ).map((r) => r.code);
    console.log(
      `\nWrites: ${WRITERS} concurrent writers, ${WRITES_PER_WRITER} activities each, over ${codes.length} grassroots unions\n| upkeep | throughput | latency | |\n|---|---|---|---|`,
    );
    await writeThroughput(orm, codes, 'with rollup upkeep (own totals + delta)');
    await timeQueries(orm, appOrm, `Reads with ${WRITERS * WRITES_PER_WRITER} deltas pending`);
    t = Date.now();
    await foldRollups(orm.em.fork(), todayIn());
    console.log(`\nfolding ${WRITERS * WRITES_PER_WRITER} deltas: ${Date.now() - t} ms`);
    const conn = orm.em.getConnection();
    for (const event of ['insert', 'update', 'delete']) {
      await conn.execute(`alter table activity disable trigger activity_stat_${event}`);
    }
    await writeThroughput(orm, codes, 'without rollup upkeep (triggers off)');
    await orm.close(true);
  });
}

void main();
