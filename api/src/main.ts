import 'reflect-metadata';

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { DEMO_ACCOUNT_UNITS, DEMO_PASSWORD, demoTree } from '@cdvn/seeds';

import { loadEnv } from './config/env';
import { authSecret } from './auth/secret';
import { databaseUrl, ensureDatabase, migrate, openAppOrm, openOrm, openReplicaOrms } from './db/database';
import { loadDemoData } from './db/demo-data';
import { Account } from './modules/account/account.entity';
import { APP_DATABASE, type RunningPostgres, startEmbeddedPostgres } from './db/embedded-postgres';
import { createHttpApp } from './graphql/server';
import { startRollupFolder } from './modules/rollups/rollup-folder';
import { todayIn } from './shared/dates';
import { foldRollups } from './modules/rollups/rollups.queries';

/**
 * Loading the demo data leaves several hundred MB of garbage that V8 may keep for minutes (the server then
 * started at ~1.2 GB RSS in 3 of 4 first starts, ~220 MB after one full collection).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Start-up: database (embedded unless DATABASE_URL), migrations, demo data once, then HTTP. */
async function main(): Promise<void> {
  const started = Date.now();
  const env = loadEnv();
  let embedded: RunningPostgres | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: env.DATA_DIR,
      port: env.EMBEDDED_PG_PORT,
      persistent: true,
      callerHandlesSignals: true,
    });
    await ensureDatabase(embedded.adminUrl, APP_DATABASE);
    url = databaseUrl(embedded.adminUrl, APP_DATABASE);
    console.log(`Embedded PostgreSQL on port ${env.EMBEDDED_PG_PORT}, data in ${env.DATA_DIR}`);
  }
  const orm = await openOrm(url);
  const applied = await migrate(orm);
  if (applied.length > 0) {
    console.log(`Applied migrations: ${applied.join(', ')}`);
  }
  const demoLoaded = env.demoData ? await loadDemoData(orm.em.fork()) : false;
  if (demoLoaded) {
    collectGarbage();
  }
  await foldRollups(orm.em.fork(), todayIn(env.APP_TIME_ZONE));
  const folder = startRollupFolder(orm, env.APP_TIME_ZONE);
  const secret = await authSecret(env);
  const appOrm = await openAppOrm(orm, url, secret, env.APP_DATABASE_URL, env.STATEMENT_TIMEOUT_MS);
  const replicas = await openReplicaOrms(env.DATABASE_REPLICA_URLS, secret, Boolean(env.APP_DATABASE_URL));
  const app = await createHttpApp({ owner: orm, app: appOrm, replicas }, env, secret);
  await new Promise<void>((resolve) => app.httpServer.listen(env.PORT, env.HOST, resolve));

  const demoAccounts =
    env.demoData &&
    (await orm.em.fork().count(Account, { email: `${DEMO_ACCOUNT_UNITS[0].toLowerCase()}@demo.example` })) >
      0;
  const base = `http://localhost:${env.PORT}`;
  const banner = [
    `\nCông đoàn data platform ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  GraphQL: ${base}/graphql`,
    `  Web:     ${base}/`,
    ...(demoLoaded
      ? [`  Demo data loaded: ${demoTree().units.length} units from the source documents and the 2025 map.`]
      : []),
    ...(demoAccounts
      ? [
          '  Demo units to try: VN, QN, QN-CDVC, P001-CDVC, TH, TB, HY, HT, HT-CDVC',
          `  Demo logins (password ${DEMO_PASSWORD}), each the ADMIN of its unit:`,
          ...DEMO_ACCOUNT_UNITS.map((code) => `    ${code.toLowerCase()}@demo.example`),
        ]
      : []),
  ];
  // One write, so that whoever reads the output gets the banner whole.
  console.log(banner.join('\n'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`\n${signal}: finishing requests in flight, then stopping.`);
    await app.stop();
    await folder.stop();
    await appOrm.close(true);
    await Promise.all(replicas.map(({ orm: replica }) => replica.close(true)));
    await orm.close(true);
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
