import { randomBytes } from 'node:crypto';
import { Scope } from '../src/auth/scope';
import 'reflect-metadata';

import { migrate, openAppOrm, openOrm } from '../src/db/database';
import { moveUnit } from '../src/modules/org-unit/org-unit.service';
import { todayIn } from '../src/shared/dates';
import { graphqlRunner } from '../test/support/graphql';
import { printLatencies, withBenchDatabase } from './measure';

/**
 * The tree at national scale: 1 + 34 provinces + 1,224 intermediate unions + 127,000 grassroots unions.
 * Prints the time to build the derived paths and the latency of the tree's read paths through GraphQL.
 * Run: npm run bench:tree -w @cdvn/api
 */
const PROVINCES = 34;
const INTERMEDIATE = 36; // per province: 1,224 in all
const GRASSROOTS = 127_000;

async function main(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const orm = await openOrm(url);
    await migrate(orm);
    const conn = orm.em.getConnection();
    let started = Date.now();
    await conn.execute(`
      begin;
      insert into org_unit (code, name, kind, valid_from, provenance) values ('VN', 'Tổng Liên đoàn', 'NATIONAL_FEDERATION', '2000-01-01', 'bench');
      insert into org_unit (code, name, kind, valid_from, provenance)
        select 'P' || p, 'Liên đoàn Lao động tỉnh số ' || p, 'PROVINCIAL_FEDERATION', '2000-01-01', 'bench' from generate_series(1, ${PROVINCES}) p;
      insert into org_unit (code, name, kind, valid_from, provenance)
        select 'P' || p || '-I' || i, 'Công đoàn ngành số ' || i || ' tỉnh ' || p, 'SECTORAL_UNION', '2000-01-01', 'bench'
          from generate_series(1, ${PROVINCES}) p, generate_series(1, ${INTERMEDIATE}) i;
      insert into org_unit (code, name, kind, valid_from, provenance)
        select 'G' || g, 'Công đoàn cơ sở Công ty số ' || g, 'GRASSROOTS_UNION', '2000-01-01', 'bench' from generate_series(1, ${GRASSROOTS}) g;
      insert into org_unit_parent (unit_id, parent_id, valid_from, provenance)
        select u.id, (select id from org_unit where code = 'VN'), '2000-01-01'::date, 'bench' from org_unit u where u.kind = 'PROVINCIAL_FEDERATION'
        union all
        select u.id, p.id, '2000-01-01', 'bench' from org_unit u join org_unit p on p.code = split_part(u.code, '-', 1) where u.kind = 'SECTORAL_UNION'
        union all
        select u.id, i.id, '2000-01-01', 'bench' from org_unit u
          join org_unit i on i.code = 'P' || (1 + (substr(u.code, 2)::int % ${PROVINCES})) || '-I' || (1 + (substr(u.code, 2)::int / ${PROVINCES}) % ${INTERMEDIATE})
         where u.kind = 'GRASSROOTS_UNION';
      commit;
      analyze;`);
    const units = (await conn.execute(`select count(*)::int as n from org_unit`))[0].n as number;
    console.log(`built ${units} units with their paths in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    started = Date.now();
    await conn.execute(`select org_unit_rebuild_paths(array[(select id from org_unit where code = 'P1')])`);
    console.log(
      `recomputing one province's paths (${(1 + INTERMEDIATE + GRASSROOTS / PROVINCES) | 0} units): ${Date.now() - started} ms`,
    );

    // Own totals for every grassroots union and year 2020-2024, as the records' triggers would leave them.
    started = Date.now();
    await conn.execute(`
      insert into stat_own (unit_id, year, members_net, new_members, support_cases, support_amount, initiatives)
      select u.id, y, case when y = 2020 then 93 else (u.id + y) % 7 - 3 end, (u.id + y) % 11, (u.id * y) % 13, ((u.id * y) % 13) * 500000, (u.id + y) % 5
        from org_unit u cross join generate_series(2020, 2024) y where u.kind = 'GRASSROOTS_UNION'`);
    console.log(`own totals: ${GRASSROOTS * 5} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    await conn.execute('select stat_rebuild(2020, 2026)');
    console.log(`rollups of 2020-2026 recounted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await conn.execute('analyze');
    started = Date.now();
    await moveUnit(orm.em.fork(), Scope.SYSTEM, 'P1-I1', 'P2', '2024-06-01', 'benchmark');
    console.log(
      `moving an intermediate union (~100 grassroots) to another province in 2024, rollups recounted: ${Date.now() - started} ms`,
    );

    const api = await graphqlRunner({
      orm,
      appOrm: await openAppOrm(orm, url, randomBytes(32).toString('hex')),
    });
    const asOf = todayIn('Asia/Ho_Chi_Minh');
    const cases: Array<[string, string]> = [
      [
        'VN children (34) with totalCount',
        `{ orgUnit(code: "VN", asOf: "${asOf}") { children { totalCount edges { node { code } } } } }`,
      ],
      [
        'province descendants, first 100 of ~3,770',
        `{ orgUnit(code: "P7", asOf: "${asOf}") { descendants { totalCount edges { node { code } } } } }`,
      ],
      [
        'VN descendants search "cong ty so 12345"',
        `{ orgUnit(code: "VN", asOf: "${asOf}") { descendants(search: "cong ty so 12345") { totalCount edges { node { code } } } } }`,
      ],
      [
        'grassroots ancestors + parent',
        `{ orgUnit(code: "G99999", asOf: "${asOf}") { parent { code } ancestors { edges { node { code } } } } }`,
      ],
      [
        'VN > 34 provinces > 36 children each (nested)',
        `{ orgUnit(code: "VN", asOf: "${asOf}") { children { edges { node { children { totalCount edges { node { code } } } } } } } }`,
      ],
      [
        'VN stats 2024 (folded rollup)',
        '{ orgUnit(code: "VN") { stats(year: 2024) { members newMembers supportAmount initiatives } } }',
      ],
      [
        'VN childrenStats 2024 (34 provinces ranked)',
        '{ orgUnit(code: "VN") { childrenStats(year: 2024, orderBy: MEMBERS) { rank unit { code } stats { members supportAmount } } } }',
      ],
      [
        'province statsSeries 2020-2024',
        '{ orgUnit(code: "P7") { statsSeries(fromYear: 2020, toYear: 2024) { year members } } }',
      ],
      [
        'VN descendants totalCount (128,259 units)',
        `{ orgUnit(code: "VN", asOf: "${asOf}") { descendants(first: 1) { totalCount } } }`,
      ],
    ];
    await printLatencies(api, cases, 30);
    await api.stop();
    await orm.close(true);
  });
}

void main();
