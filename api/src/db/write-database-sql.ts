import 'reflect-metadata';

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { databaseSql } from './catalog';
import { databaseUrl, dropDatabase, ensureDatabase, migrate, openOrm } from './database';
import { freePort, startEmbeddedPostgres } from './embedded-postgres';

/** Written by `npm run database:write -w @cdvn/api`, compared by test/database-sql.test.ts. */
export const DATABASE_FILE = resolve(__dirname, '..', '..', '..', 'schema', 'database.sql');

/** Migrates a throwaway database on the server (DATABASE_URL's, or an embedded one) and writes it out. */
async function main(): Promise<void> {
  const dataDir = process.env.DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'cdvn-database-sql-'));
  const server = dataDir
    ? await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false })
    : null;
  const adminUrl = server?.adminUrl ?? process.env.DATABASE_URL!;
  const name = `cdvn_database_sql_${process.pid}`;
  try {
    await ensureDatabase(adminUrl, name);
    const orm = await openOrm(databaseUrl(adminUrl, name));
    await migrate(orm);
    const sql = await databaseSql(orm.em.getConnection());
    await orm.close(true);
    await writeFile(process.argv[2] ?? DATABASE_FILE, sql);
    console.log(`wrote ${process.argv[2] ?? DATABASE_FILE}`);
  } finally {
    await dropDatabase(adminUrl, name);
    await server?.stop();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

if (require.main === module) {
  void main();
}
