import 'reflect-metadata';

import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

import { nationalDatasetSql, nationalFinanceSql, type RecordStep } from '@cdvn/seeds';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
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
    say(`${label}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
  };
  let url = process.env.DATABASE_URL;
  let stop = async () => undefined as unknown;
  if (!url) {
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      persistent: true,
      settings: BULK_LOAD_SETTINGS,
    });
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
    if (onlyReports) {
      // The periods' reports written again: their earlier ones (and transitions) go, and their counts are
      // forgotten, to be counted again when next read (the triggers that keep them are off while seeding).
      const periods = `array[${NATIONAL_REPORT_PERIODS.map((period) => `'${period}'`).join(', ')}]`;
      await step('earlier reports removed', () =>
        conn.execute(`begin; set local session_replication_role = replica;
          select report_tally_forget_period(code) from unnest(${periods}) as code;
          delete from report_transition t using report r where r.id = t.report_id and r.period_code = any(${periods});
          delete from report where period_code = any(${periods}); commit;`),
      );
    }
    let deferred: string[] = [];
    if (!onlyReports && !onlyFinance) {
      await step('tree (units, links, successions; paths by the triggers)', () =>
        conn.execute(`begin; ${sql.tree.join(';\n')}; commit;`),
      );
      deferred = await deferIndexes(url, DEFERRED_INDEX_TABLES);
      await step('records (members, memberships, activities, awards, ratings, targets; triggers off)', () =>
        withProgress(url!, sql.records),
      );
    }
    // From here the steps run as soon as what they read is in, side by side: one backend is one core, and
    // the index builds, the months, the totals and the reports each keep one busy (own totals and rollups
    // read only records and months; the reports read records and months, with statistics for their plans).
    const indexesBuilt =
      deferred.length === 0
        ? Promise.resolve()
        : step(`indexes of ${DEFERRED_INDEX_TABLES.join(', ')} built`, () =>
            withProgress(url!, [
              {
                label: 'indexes',
                statements: deferred.map((build) => `${BUILD_SETTINGS}; ${build}`),
                ranged: true,
              },
            ]),
          );
    const monthsIn = onlyReports
      ? Promise.resolve()
      : step('months of dues and union funding, 2024-2025 (triggers off)', () =>
          withProgress(url!, finance.records),
        );
    const totals = onlyReports
      ? Promise.resolve()
      : monthsIn
          .then(() =>
            step('own totals, set-based', () =>
              conn.execute(
                `begin; ${[...(onlyFinance ? [] : sql.stats), ...finance.stats].join(';\n')}; commit;`,
              ),
            ),
          )
          .then(() => step('rollups recounted', () => rebuildRollups(orm.em.fork(), null, today)));
    const reports = onlyFinance
      ? Promise.resolve()
      : Promise.all([indexesBuilt, monthsIn])
          .then(() => step('analyze', () => conn.execute('analyze')))
          .then(() =>
            step(`reports of ${NATIONAL_REPORT_PERIODS.join(', ')} (set-based, triggers off)`, () =>
              withProgress(
                url!,
                NATIONAL_REPORT_PERIODS.map((period) => ({
                  label: `reports of ${period}`,
                  statements: nationalReportStatements(period),
                  ranged: false,
                })),
                // Each period's statements share a temporary table (one connection); the periods write apart.
                { stepsSideBySide: true },
              ),
            ),
          );
    await allOf([indexesBuilt, totals, reports]);
    await step('vacuum analyze', () => conn.execute('vacuum analyze'));
    if (onlyFinance) {
      return;
    }
    const [{ accounts }] = await conn.execute<Array<{ accounts: number }>>(
      'select count(*)::int as accounts from account where email = ?',
      [NATIONAL_ACCOUNT.email],
    );
    // An earlier run (--only-reports runs on a seeded dataset) made it already.
    if (accounts === 0) {
      await createAccount(orm.em.fork(), Scope.SYSTEM, {
        ...NATIONAL_ACCOUNT,
        displayName: 'Benchmark: national ADMIN',
        role: 'ADMIN',
        unitCode: 'VN',
      });
    }
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
 * The embedded server's settings while it seeds: checkpoints at most every 30 minutes or 16 GB of WAL (with
 * the default 1 GB the records step requested one every 19 s, each followed by full-page images of every
 * index page touched again), and more of the tables' pages kept in PostgreSQL's own cache. For this run only:
 * the server the API starts later has its defaults.
 */
const BULK_LOAD_SETTINGS: Record<string, string> =
  scale >= 0.1
    ? { max_wal_size: '16GB', checkpoint_timeout: '30min', shared_buffers: '2GB' }
    : { max_wal_size: '4GB', checkpoint_timeout: '30min' };

/** The tables of the bulk of the rows (members, memberships), whose indexes are built after their rows. */
const DEFERRED_INDEX_TABLES = ['member', 'membership'];

/** Each deferred index's build sorts in memory (the server has 24 GiB; four builds at once at most). */
const BUILD_SETTINGS = "set local maintenance_work_mem = '1GB'";

/**
 * Drops the tables' indexes but their primary keys and those behind constraints, and returns the statements
 * that build them again: built once over all the rows, sorted, instead of kept row by row (the records'
 * inserts into five secondary indexes, a trigram GIN among them, were most of their time). The definitions
 * are read from the catalogue, so the migrations stay their only source. The memberships' exclusion
 * constraint stays: added afterwards it checks every row again on one core (142 s here), where kept it
 * checks each as it is written, on every connection.
 */
async function deferIndexes(url: string, tables: string[]): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ drop: string; build: string }>(
      `select format('drop index %I', i.indexrelid::regclass::text) as drop, pg_get_indexdef(i.indexrelid) as build
         from pg_index i
        where i.indrelid::regclass::text = any($1) and not i.indisprimary
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
      [tables],
    );
    await client.query(`begin; ${rows.map((row) => row.drop).join(';\n')}; commit;`);
    return rows.map((row) => row.build);
  } finally {
    await client.end();
  }
}

/** Connections a ranged step's statements are shared among: one backend writes on one core. */
const WORKERS = Math.max(1, Math.min(4, availableParallelism()));

/**
 * Steps one after another, each in its own transaction with triggers off, with a progress bar (showBar; by
 * statements: the records' large ones are cut into ranges of similar size). A ranged step's statements
 * write disjoint ranges of grassroots unions and are shared among WORKERS connections, each in its own
 * transaction, so that every core writes (one backend at 100% of one core was the records step's limit);
 * any other step runs on one connection in one transaction (a period's reports share a temporary table
 * that goes with it). A step starts once the one before it has committed, so each sees what the earlier
 * ones wrote; with `stepsSideBySide` (independent steps) each connection takes the next whole step instead.
 */
async function withProgress(
  url: string,
  steps: RecordStep[],
  { stepsSideBySide = false } = {},
): Promise<void> {
  const clients = await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const started = Date.now();
  let rows = 0;
  const shown = () => ({
    rows: rows.toLocaleString('en-US'),
    rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en-US'),
  });
  const bar = showBar(
    steps.reduce((sum, step) => sum + step.statements.length, 0),
    {
      label: steps[0]?.label ?? '',
      ...shown(),
    },
  );
  // One connection's share of a step: statements taken from the step's queue until it is empty.
  const work = async (client: Client, queue: string[], label: string) => {
    await client.query('begin');
    try {
      await client.query('set local session_replication_role = replica');
      for (let statement = queue.shift(); statement !== undefined; statement = queue.shift()) {
        const result = await client.query(statement);
        rows += result.rowCount ?? 0;
        bar.increment({ label, ...shown() });
      }
      await client.query('commit');
    } catch (error) {
      // The other connections stop after their statement in hand.
      queue.length = 0;
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  };
  try {
    if (stepsSideBySide) {
      const pending = [...steps];
      await allOf(
        clients.map(async (client) => {
          for (let step = pending.shift(); step !== undefined; step = pending.shift()) {
            await work(client, [...step.statements], step.label).catch((error: unknown) => {
              pending.length = 0;
              throw error;
            });
          }
        }),
      );
    } else {
      for (const step of steps) {
        bar.update({ label: step.label });
        const queue = [...step.statements];
        await allOf(
          (step.ranged ? clients : clients.slice(0, 1)).map((client) => work(client, queue, step.label)),
        );
      }
    }
  } finally {
    hideBar(bar);
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** Every promise run to its end (or to its failure), then the first failure thrown. */
async function allOf(promises: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((settled) => settled.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
}

/**
 * The progress bars of the steps under way, one line each (several at once after the records): the
 * statements done, the rows written, their rate and the time left. Without a terminal they are printed
 * every 15 seconds.
 */
const bars = new MultiBar(
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
let barsShown = 0;

function showBar(total: number, payload: Record<string, string>): SingleBar {
  barsShown += 1;
  return bars.create(total, 0, payload);
}

function hideBar(bar: SingleBar): void {
  bars.remove(bar);
  barsShown -= 1;
  if (barsShown === 0) {
    // The lines said while bars were shown, then the terminal's cursor back.
    bars.update();
    bars.stop();
  }
}

/** A line of the seed's log, above the bars when some are shown. */
function say(line: string): void {
  if (barsShown > 0) {
    bars.log(`${line}\n`);
  } else {
    console.log(line);
  }
}

const FINANCE_COLUMNS = METRICS.filter((m) => m.finance).map((m) => m.column);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
