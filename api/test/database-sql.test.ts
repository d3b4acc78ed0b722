import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';

import { databaseSql } from '../src/db/catalog';
import { databaseUrl, dropDatabase, ensureDatabase, migrate, openOrm } from '../src/db/database';
import { REPEATABLE } from '../src/db/repeatable';
import { DATABASE_FILE } from '../src/db/write-database-sql';
import { openTestDatabase, type TestDatabase } from './support/database';

const TENANCY_BEFORE_REPORTING = `${__dirname}/fixtures/tenancy-before-reporting.sql`;

/**
 * schema/database.sql is the database that the migrations and the repeatable sources build, read from its
 * catalog; a database that main's migrations left (the policies applied by the last dated migration,
 * no repeatable step yet) is brought to the same state by `migrate`.
 */
describe('schema/database.sql', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('empty');
  });
  afterAll(async () => {
    await db.close();
  });

  it('is the database the code builds (run `npm run database:write -w @cdvn/api` after changing it)', async () => {
    expect(await databaseSql(db.orm.em.getConnection())).toBe(readFileSync(DATABASE_FILE, 'utf8'));
  });

  it('applies a source again only when its text changes, and the result is the same', async () => {
    expect(await migrate(db.orm)).toEqual([]);
    await db.orm.em
      .getConnection()
      .execute(`update repeatable_sql set checksum = 'old' where name = 'rollups'`);
    expect(await migrate(db.orm)).toEqual(['sql/rollups']);
    expect(await databaseSql(db.orm.em.getConnection())).toBe(readFileSync(DATABASE_FILE, 'utf8'));
  });

  it('brings a database that main’s migrations left to the same state as a fresh one', async () => {
    const adminUrl = process.env.TEST_ADMIN_URL!;
    const name = `cdvn_test_upgrade_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await ensureDatabase(adminUrl, name);
    let orm: MikroORM | null = null;
    try {
      orm = await openOrm(databaseUrl(adminUrl, name));
      // As main left it: every dated migration up to the dated scope, which then applied the policies.
      await orm.getMigrator().up({ to: 'Migration20261204000000_dated_scope' });
      // The policies as that layout applied them (frozen: today's also cover tables it did not have).
      await orm.em.getConnection().execute(readFileSync(TENANCY_BEFORE_REPORTING, 'utf8'));
      const upgraded = await migrate(orm);
      expect(upgraded).toEqual([
        'Migration20261205000000_repeatable_sql',
        'Migration20261207000000_reporting',
        'Migration20261208000000_report_tally',
        'Migration20261209000000_map_segments',
        'Migration20261210000000_women_members',
        'Migration20261211000000_dated_names',
        'Migration20261212000000_password_reset',
        'Migration20261213000000_api_key_requests',
        'Migration20261214000000_restructuring_plans',
        'Migration20261215000000_plan_failure_code',
        'Migration20261216000000_finance',
        'Migration20261217000000_paths_in_order',
        'Migration20261218000000_paths_by_unit',
        ...REPEATABLE.map((source) => `sql/${source.name}`),
      ]);
      expect(await databaseSql(orm.em.getConnection())).toBe(readFileSync(DATABASE_FILE, 'utf8'));
    } finally {
      await orm?.close(true);
      await dropDatabase(adminUrl, name);
    }
  });
});
