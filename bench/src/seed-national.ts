import 'reflect-metadata';

import { resolve } from 'node:path';

import { nationalDatasetSql, nationalFinanceSql, type RecordStep } from '@cdvn/seeds';
import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';

import { Scope } from '../../api/src/auth/scope';
import { databaseUrl, ensureDatabase, migrate, openOrm } from '../../api/src/db/database';
import { APP_DATABASE, freePort, startEmbeddedPostgres } from '../../api/src/db/embedded-postgres';
import { createAccount } from '../../api/src/modules/account/account.service';
import { rebuildRollups } from '../../api/src/modules/rollups/rollups.queries';
import { METRICS } from '../../api/src/modules/statistics/metrics';
import { todayIn } from '../../api/src/shared/dates';
import { NATIONAL_ACCOUNT } from './accounts';
import { NATIONAL_REPORT_PERIODS, nationalReportStatements } from './national-reports';

/**
 * `npm run seed:national [-- --scale 0.01] [--data-dir DIR]`: the national benchmark dataset
 * (seeds/src/national.ts) in an embedded PostgreSQL kept in DIR (default .data/national), or in
 * DATABASE_URL's database. The records are bulk-inserted with triggers off (session_replication_role), the
 * own totals those triggers keep are written set-based, then every rollup is recounted. Prints the time of
 * each step and the database's size. Then every grassroots union's months of dues and union funding of
 * 2024-2025 (seeds/src/finance.ts) and the reports of 2024 (national-reports.ts); `--only-reports` writes
 * just the reports and the login on a dataset whose records are in, `--only-finance` just the months (again:
 * those there are replaced) and the rollups. The benchmark's login: national@bench.example / bench-password.
 */

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const scale = Number(option('--scale') ?? 1);
/** Only the reports and the login, on a dataset whose records are in (after changing the reports' SQL). */
const onlyReports = args.includes('--only-reports');
/** Only the months of collections and the rollups, on a dataset whose records are in. */
const onlyFinance = args.includes('--only-finance');
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
    if (units > 0 && !onlyReports && !onlyFinance) {
      throw new Error(`The database already holds ${units} units: seed an empty one (delete ${dataDir}).`);
    }
    const today = todayIn();
    const sql = nationalDatasetSql({ scale, today });
    console.log(
      `national dataset at scale ${scale}, in ${process.env.DATABASE_URL ? 'DATABASE_URL' : dataDir}`,
    );
    const finance = nationalFinanceSql({ scale, today });
    if (onlyFinance) {
      await step('earlier months of collections removed', () =>
        conn.execute(`begin; set local session_replication_role = replica; truncate finance_collection;
          update stat_own set ${FINANCE_COLUMNS.map((c) => `${c} = 0`).join(', ')}; commit;`),
      );
    }
    if (!onlyReports) {
      if (!onlyFinance) {
        await step('tree (units, links, successions; paths by the triggers)', () =>
          conn.execute(`begin; ${sql.tree.join(';\n')}; commit;`),
        );
        await step('records (members, memberships, activities, awards, ratings, targets; triggers off)', () =>
          withProgress(url!, sql.records),
        );
      }
      await step('months of dues and union funding, 2024-2025 (triggers off)', () =>
        withProgress(url!, finance.records),
      );
      await step('own totals, set-based', () =>
        conn.execute(`begin; ${[...(onlyFinance ? [] : sql.stats), ...finance.stats].join(';\n')}; commit;`),
      );
      await step('rollups recounted', () => rebuildRollups(orm.em.fork(), null, today));
      await step('analyze', () => conn.execute('vacuum analyze'));
    }
    if (onlyFinance) {
      return;
    }
    // After the statistics: the plans of these statements need them.
    await step(`reports of ${NATIONAL_REPORT_PERIODS.join(', ')} (set-based, triggers off)`, () =>
      withProgress(
        url!,
        NATIONAL_REPORT_PERIODS.map((period) => ({
          label: `reports of ${period}`,
          statements: nationalReportStatements(period),
        })),
        // Each period's statements share a table that goes with their transaction.
        { transactionPerStep: true },
      ),
    );
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
             (select count(*) from finance_collection) as months_of_collections,
             pg_size_pretty(pg_database_size(current_database())) as size`);
    console.log(counts);
    console.log(`done in ${((Date.now() - started) / 1000 / 60).toFixed(1)} min`);
  } finally {
    await orm.close(true);
    await stop();
  }
}

/**
 * Statements in one transaction with triggers off (or one per step), one after another, with a progress bar: the
 * statements done, the rows written, their rate and the time left (by statements: the records' large ones
 * are cut into ranges of similar size). Without a terminal the bar is printed as a line every 15 seconds.
 */
async function withProgress(
  url: string,
  steps: RecordStep[],
  { transactionPerStep = false } = {},
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const bar = new SingleBar(
    {
      format:
        '{bar} {percentage}% | {value}/{total} statements | {rows} rows, {rate} rows/s | {eta_formatted} left | {label}',
      noTTYOutput: true,
      notTTYSchedule: 15_000,
      etaBuffer: 20,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let rows = 0;
  const shown = () => ({
    rows: rows.toLocaleString('en-US'),
    rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en-US'),
  });
  bar.start(
    steps.reduce((sum, step) => sum + step.statements.length, 0),
    0,
    { label: steps[0]?.label ?? '', ...shown() },
  );
  const begin = async () => {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
  };
  try {
    await begin();
    for (const [i, step] of steps.entries()) {
      if (transactionPerStep && i > 0) {
        await client.query('commit');
        await begin();
      }
      for (const statement of step.statements) {
        bar.update({ label: step.label });
        const result = await client.query(statement);
        rows += result.rowCount ?? 0;
        bar.increment({ label: step.label, ...shown() });
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    bar.stop();
    await client.end();
  }
}

const FINANCE_COLUMNS = METRICS.filter((m) => m.finance).map((m) => m.column);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
