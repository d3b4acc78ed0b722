import { randomUUID } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';

import { APP_ROLE, databaseUrl, dropDatabase, ensureDatabase, openOrm } from '../../src/db/database';

export const TEMPLATE_EMPTY = 'cdvn_test_empty';
export const TEMPLATE_DEMO = 'cdvn_test_demo';
/** The application role's password on the test server, set once by the global setup. */
export const TEST_APP_PASSWORD = 'cdvn-app-test-password';

export interface TestDatabase {
  /** The owner's connection: builders, services called directly, oracles (no row-level security). */
  orm: MikroORM;
  /** The application's connection (`cdvn_app`), bound by row-level security: what requests use. */
  appOrm: MikroORM;
  url: string;
  appUrl: string;
  /** Statements the application's connection sent since the database was opened. */
  statements(): number;
  close(): Promise<void>;
}

/**
 * A fresh database of this test file's own, copied from a template prepared by the global setup:
 * empty (migrated only) or with the demo data.
 */
export async function openTestDatabase(template: 'empty' | 'demo'): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_ADMIN_URL!;
  const source = (template === 'demo' ? TEMPLATE_DEMO : TEMPLATE_EMPTY) + process.env.TEST_TEMPLATE_SUFFIX!;
  const name = `cdvn_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await ensureDatabase(adminUrl, name, source);
  const url = databaseUrl(adminUrl, name);
  const app = new URL(url);
  app.username = APP_ROLE;
  app.password = TEST_APP_PASSWORD;
  const orm = await openOrm(url);
  const appOrm = await openOrm(app.toString());
  let count = 0;
  appOrm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      count += 1;
    });
  return {
    orm,
    appOrm,
    url,
    appUrl: app.toString(),
    statements: () => count,
    close: async () => {
      await appOrm.close(true);
      await orm.close(true);
      await dropDatabase(adminUrl, name);
    },
  };
}
