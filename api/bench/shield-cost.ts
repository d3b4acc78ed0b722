import { randomBytes } from 'node:crypto';
import 'reflect-metadata';

import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, type GraphQLSchema, parse } from 'graphql';

import { Authenticator } from '../src/auth/authenticate';
import { Scope } from '../src/auth/scope';
import type { Viewer } from '../src/auth/viewer';
import { migrate, openAppOrm, openOrm } from '../src/db/database';
import { createContext } from '../src/graphql/context';
import { graphqlSchema, securedSchema } from '../src/graphql/schema';
import { withBenchDatabase } from './measure';

/**
 * What authorization costs on a long list: one province with 5,000 grassroots unions, its children
 * ranked (`childrenStats`: 5,000 rows, each unit with a field checked per unit), executed on the plain
 * schema and on the schema behind graphql-shield, in the same request transaction with the same scope.
 * Run: npm run bench:shield -w @cdvn/api
 */
const CHILDREN = 5_000;
const RUNS = 30;
const QUERY = parse(`{ orgUnit(code: "P") { childrenStats(year: 2024, orderBy: MEMBERS) {
  rank unit { id code name kind validFrom rating(year: 2024) } stats { members initiatives supportAmount } } } }`);

async function time(
  schema: GraphQLSchema,
  app: MikroORM,
  auth: Authenticator,
  viewer: Viewer,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const contextValue = createContext(app, {
      timeZone: 'Asia/Ho_Chi_Minh',
      viewer,
      auth,
      address: 'bench',
      dataVersion: null,
    });
    await contextValue.em.begin();
    contextValue.scope = await Scope.begin(contextValue.em, viewer, 'bench', contextValue.today);
    const t0 = process.hrtime.bigint();
    const result = await execute({ schema, document: QUERY, contextValue });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await contextValue.em.commit();
    const rows = (result.data?.orgUnit as { childrenStats: unknown[] } | undefined)?.childrenStats.length;
    if (result.errors || rows !== CHILDREN) {
      throw new Error(`unexpected answer: ${JSON.stringify(result.errors ?? rows)}`);
    }
  }
  return times.sort((a, b) => a - b).slice(5);
}

const p50 = (times: number[]) => times[Math.floor(times.length / 2)];

async function main(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const owner = await openOrm(url);
    await migrate(owner);
    await owner.em.getConnection().execute(`
      begin;
      insert into org_unit (code, name, kind, valid_from, provenance) values
        ('VN', 'Tổng Liên đoàn', 'NATIONAL_FEDERATION', '2000-01-01', 'bench'),
        ('P', 'Liên đoàn Lao động tỉnh', 'PROVINCIAL_FEDERATION', '2000-01-01', 'bench');
      insert into org_unit (code, name, kind, valid_from, provenance)
        select 'G' || g, 'Công đoàn cơ sở Công ty số ' || g, 'GRASSROOTS_UNION', '2000-01-01', 'bench'
          from generate_series(1, ${CHILDREN}) g;
      insert into org_unit_parent (unit_id, parent_id, valid_from, provenance)
        select (select id from org_unit where code = 'P'), (select id from org_unit where code = 'VN'), '2000-01-01'::date, 'bench'
        union all
        select u.id, (select id from org_unit where code = 'P'), '2000-01-01', 'bench' from org_unit u where u.kind = 'GRASSROOTS_UNION';
      insert into unit_rating (unit_id, year, rating, provenance)
        select id, 2024, 'GOOD', 'bench' from org_unit where kind = 'GRASSROOTS_UNION';
      commit;
      analyze;`);
    await owner.em.getConnection().execute('select stat_rebuild(2020, 2026)');
    const app = await openAppOrm(owner, url, randomBytes(32).toString('hex'));
    const auth = new Authenticator(owner, {
      secret: 'x'.repeat(32),
      tokenTtlSeconds: 60,
      apiKeyRequestsPerMinute: 1,
    });
    const ids = await owner.em
      .getConnection()
      .execute<Array<{ id: number; code: string }>>(
        `select id, code from org_unit where code in ('VN', 'P')`,
      );
    const id = (code: string) => ids.find((row) => row.code === code)!.id;
    const plain = await graphqlSchema();
    const secured = await securedSchema();
    console.log(
      `\n${CHILDREN} ranked children, ${RUNS} runs each (first 5 dropped), in-process execution:\n`,
    );
    console.log('| viewer | plain p50 ms | with shield p50 ms | ratio |\n|---|---|---|---|');
    for (const [label, viewer] of [
      ['national ADMIN', { kind: 'system', label: 'bench', grants: [{ unitId: id('VN'), role: 'ADMIN' }] }],
      [
        'province ANALYST',
        { kind: 'system', label: 'bench', grants: [{ unitId: id('P'), role: 'ANALYST' }] },
      ],
    ] as Array<[string, Viewer]>) {
      const without = p50(await time(plain, app, auth, viewer));
      const withShield = p50(await time(secured, app, auth, viewer));
      console.log(
        `| ${label} | ${without.toFixed(1)} | ${withShield.toFixed(1)} | ${(withShield / without).toFixed(2)}x |`,
      );
    }
    await app.close(true);
    await owner.close(true);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
