import type { EntityManager } from '@mikro-orm/postgresql';

import { openOrm } from '../src/db/database';
import { STATEMENTS_PER_CONNECTION } from '../src/db/named-statements';
import { OrgUnit } from '../src/modules/org-unit/org-unit.entity';
import { runSql, sql } from '../src/shared/sql';
import { openTestDatabase, type TestDatabase } from './support/database';

/** The statements this transaction's connection holds prepared, in the order they were prepared. */
async function prepared(em: EntityManager): Promise<Array<{ name: string; statement: string }>> {
  return em.execute('select name, statement from pg_prepared_statements order by prepare_time, name');
}

describe('statements MikroORM builds', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('demo');
  });

  afterAll(async () => {
    await db.close();
  });

  /** Runs the work in a transaction, so on one connection, and rolls it back. */
  async function onOneConnection(work: (em: EntityManager) => Promise<void>): Promise<void> {
    const em = db.orm.em.fork();
    await em.begin();
    try {
      await work(em);
    } finally {
      await em.rollback();
    }
  }

  it('are prepared once per connection and read the same rows as when written out', async () => {
    await onOneConnection(async (em) => {
      const [expected] = await em.execute<Array<{ id: number; name: string }>>(
        `select id, name from org_unit where code = 'TH'`,
      );
      const unit = await em.findOne(OrgUnit, { code: 'TH' });
      expect({ id: unit!.id, name: unit!.name }).toEqual(expected);
      em.clear();
      const again = await em.findOne(OrgUnit, { code: 'VN' });
      expect(again!.code).toBe('VN');

      const byCode = (await prepared(em)).filter((s) =>
        /from "org_unit" as "o0" where "o0"."code" = \$1/.test(s.statement),
      );
      expect(byCode).toHaveLength(1);
      expect(byCode[0].name).toMatch(/^orm_/);
    });
  });

  it('keep at most a fixed number per connection, dropping the least recently used', async () => {
    await onOneConnection(async (em) => {
      const ids = (
        await em.execute<Array<{ id: number }>>('select id from org_unit order by id limit 130')
      ).map((row) => row.id);
      // Each list's length is its own statement text: 130 statements on one connection.
      for (let length = 1; length <= ids.length; length += 1) {
        em.clear();
        const units = await em.find(OrgUnit, { id: { $in: ids.slice(0, length) } });
        expect(units).toHaveLength(length);
      }
      const named = (await prepared(em)).filter((s) => s.name.startsWith('orm_'));
      expect(named).toHaveLength(STATEMENTS_PER_CONNECTION);
      const lists = named.map(
        (s) => (/"o0"\."id" in \(([^)]*)\)/.exec(s.statement)?.[1] ?? '').split(',').length,
      );
      // The newest 100 lists are kept (130 down to 31), the first ones were deallocated.
      expect(Math.min(...lists.filter((n) => n > 1))).toBe(ids.length - STATEMENTS_PER_CONNECTION + 1);
      expect(Math.max(...lists)).toBe(ids.length);
      // Deallocating inside the transaction left it usable.
      expect(await em.count(OrgUnit, { code: 'TH' })).toBe(1);
    });
  });

  it('leave our own raw statements to be planned for their values', async () => {
    await onOneConnection(async (em) => {
      const [row] = await runSql<{ id: number }>(
        em,
        'test.byCode',
        sql`select id from org_unit where code = ${'TH'}`,
      );
      expect(row.id).toBeGreaterThan(0);
      expect((await prepared(em)).filter((s) => s.statement.includes('test.byCode'))).toEqual([]);
    });
  });
  // Last: it changes a table's columns for good.
  it('give up a connection whose prepared statements a migration elsewhere has outdated', async () => {
    // One connection, so that the statement is prepared where it is asked again.
    const single = await openOrm(db.url, { pool: { min: 0, max: 1 } });
    try {
      const pid = async () =>
        (await single.em.fork().execute<Array<{ pid: number }>>('select pg_backend_pid() as pid'))[0].pid;
      const before = await pid();
      expect((await single.em.fork().findOne(OrgUnit, { code: 'TH' }))!.code).toBe('TH');
      // Another instance's migration.
      await db.orm.em.getConnection().execute('alter table org_unit add column added_elsewhere integer');
      await expect(single.em.fork().findOne(OrgUnit, { code: 'TH' })).rejects.toThrow(
        /cached plan must not change result type/,
      );
      // The next request gets a new connection, which prepares the statement afresh.
      expect((await single.em.fork().findOne(OrgUnit, { code: 'TH' }))!.code).toBe('TH');
      expect(await pid()).not.toBe(before);
    } finally {
      await single.close(true);
    }
  });
});
