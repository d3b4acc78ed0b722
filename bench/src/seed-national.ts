import 'reflect-metadata';

import { resolve } from 'node:path';

import { nationalDatasetSql } from '@cdvn/seeds';

import { Scope } from '../../api/src/auth/scope';
import { databaseUrl, ensureDatabase, migrate, openOrm } from '../../api/src/db/database';
import { APP_DATABASE, freePort, startEmbeddedPostgres } from '../../api/src/db/embedded-postgres';
import { createAccount } from '../../api/src/modules/account/account.service';
import { rebuildRollups } from '../../api/src/modules/rollups/rollups.queries';
import { todayIn } from '../../api/src/shared/dates';
import { NATIONAL_ACCOUNT } from './accounts';
import { NATIONAL_REPORT_PERIODS, nationalReportStatements } from './national-reports';

/**
 * `npm run seed:national [-- --scale 0.01] [--data-dir DIR]`: the national benchmark dataset
 * (seeds/src/national.ts) in an embedded PostgreSQL kept in DIR (default .data/national), or in
 * DATABASE_URL's database. The records are bulk-inserted with triggers off (session_replication_role), the
 * own totals those triggers keep are written set-based, then every rollup is recounted. Prints the time of
 * each step and the database's size. Then the reports of 2024 (national-reports.ts). The benchmark's login: national@bench.example / bench-password.
 */

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const scale = Number(option('--scale') ?? 1);
// npm runs the script in bench/: a folder given on the command line is relative to where it was typed.
const dataDir = resolve(
  process.env.INIT_CWD ?? process.cwd(),
  option('--data-dir') ?? resolve(__dirname, '..', '..', '.data', 'national'),
);

async function main(): Promise<void> {
  const started = Date.now();
  const step = async (label: string, run: () => Promise<unknown>) => {
    const at = Date.now();
    await run();
    console.log(`${label}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
  };
  let url = process.env.DATABASE_URL;
  let stop = async () => undefined as unknown;
  if (!url) {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
    await ensureDatabase(server.adminUrl, APP_DATABASE);
    url = databaseUrl(server.adminUrl, APP_DATABASE);
    stop = () => server.stop();
  }
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    const conn = orm.em.getConnection();
    const [{ units }] = await conn.execute<Array<{ units: number }>>(
      'select count(*)::int as units from org_unit',
    );
    if (units > 0) {
      throw new Error(`The database already holds ${units} units: seed an empty one (delete ${dataDir}).`);
    }
    const today = todayIn();
    const sql = nationalDatasetSql({ scale, today });
    console.log(
      `national dataset at scale ${scale}, in ${process.env.DATABASE_URL ? 'DATABASE_URL' : dataDir}`,
    );
    await step('tree (units, links, successions; paths by the triggers)', () =>
      conn.execute(`begin; ${sql.tree.join(';\n')}; commit;`),
    );
    await step('records (members, memberships, activities, awards, ratings, targets; triggers off)', () =>
      conn.execute(
        `begin; set local session_replication_role = replica; ${sql.records.join(';\n')}; commit;`,
      ),
    );
    await step('own totals, set-based', () => conn.execute(`begin; ${sql.stats.join(';\n')}; commit;`));
    await step('rollups recounted', () => rebuildRollups(orm.em.fork(), null, today));
    await step('analyze', () => conn.execute('vacuum analyze'));
    // After the statistics: the plans of these statements need them.
    for (const period of NATIONAL_REPORT_PERIODS) {
      await step(`reports of ${period} (set-based, triggers off)`, () =>
        conn.execute(
          `begin; set local session_replication_role = replica; ${nationalReportStatements(period).join(';\n')}; commit;`,
        ),
      );
    }
    await step('analyze the reports', () => conn.execute('analyze report, report_transition'));
    await createAccount(orm.em.fork(), Scope.SYSTEM, {
      ...NATIONAL_ACCOUNT,
      displayName: 'Benchmark: national ADMIN',
      role: 'ADMIN',
      unitCode: 'VN',
    });
    const [counts] = await conn.execute<Array<Record<string, string>>>(`
      select (select count(*) from org_unit) as units,
             (select count(*) from org_unit where kind = 'GRASSROOTS_UNION') as grassroots,
             (select count(*) from member) as members,
             (select count(*) from membership where left_on is null) as current_members,
             (select count(*) from activity) as activities,
             (select count(*) from award) as awards,
             pg_size_pretty(pg_database_size(current_database())) as size`);
    console.log(counts);
    console.log(`done in ${((Date.now() - started) / 1000 / 60).toFixed(1)} min`);
  } finally {
    await orm.close(true);
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
