import 'reflect-metadata';

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  configureAppRole,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  migrate,
  openOrm,
} from '../../src/db/database';
import { loadDemoData } from '../../src/db/demo-data';
import { freePort, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { TEMPLATE_DEMO, TEMPLATE_EMPTY, TEST_APP_PASSWORD } from './database';

/**
 * Starts one throwaway PostgreSQL for the run (or uses DATABASE_URL's server), and prepares two template
 * databases: migrated, and migrated with the demo data. Each test file copies one of them.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'cdvn-test-'));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    (globalThis as { __testPostgres?: typeof server }).__testPostgres = server;
    adminUrl = server.adminUrl;
  }
  process.env.TEST_ADMIN_URL = adminUrl;
  const suffix = `_${process.pid}`;
  process.env.TEST_TEMPLATE_SUFFIX = suffix;

  for (const name of [TEMPLATE_EMPTY + suffix, TEMPLATE_DEMO + suffix]) {
    await dropDatabase(adminUrl, name);
  }
  await ensureDatabase(adminUrl, TEMPLATE_EMPTY + suffix);
  const orm = await openOrm(databaseUrl(adminUrl, TEMPLATE_EMPTY + suffix));
  await migrate(orm);
  // The role is the server's, shared by every test database: its password is set once, here.
  await configureAppRole(orm, TEST_APP_PASSWORD, 10_000);
  await orm.close(true);

  await ensureDatabase(adminUrl, TEMPLATE_DEMO + suffix, TEMPLATE_EMPTY + suffix);
  const demo = await openOrm(databaseUrl(adminUrl, TEMPLATE_DEMO + suffix));
  await loadDemoData(demo.em.fork());
  await demo.close(true);
  // MikroORM keeps entity metadata on globalThis; test files load their own copy of the entities.
  delete (globalThis as Record<string, unknown>)['mikro-orm-metadata'];
}
