import { randomUUID } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';

import { databaseUrl, dropDatabase, ensureDatabase, openOrm } from '../../src/db/database';

export const TEMPLATE_EMPTY = 'cdvn_test_empty';
export const TEMPLATE_DEMO = 'cdvn_test_demo';

export interface TestDatabase {
  orm: MikroORM;
  url: string;
  /** Statements sent to PostgreSQL since the database was opened. */
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
  const orm = await openOrm(url);
  let count = 0;
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      count += 1;
    });
  return {
    orm,
    url,
    statements: () => count,
    close: async () => {
      await orm.close(true);
      await dropDatabase(adminUrl, name);
    },
  };
}
