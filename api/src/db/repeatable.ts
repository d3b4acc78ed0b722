import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { MikroORM } from '@mikro-orm/postgresql';

import { tenancySql } from '../auth/tenancy.sql';
import { vocabularySql } from './vocabulary.sql';
import { reportingCalendarSql } from '../modules/reporting/reporting.calendar';
import { runSql, sql } from '../shared/sql';

/**
 * The database's code as it stands today: functions, triggers and row-level security policies, one
 * source per feature, each written to be applied again (`create or replace`; triggers dropped if they
 * exist and created). Dated migrations keep what has a history (tables, columns, indexes, backfills);
 * these sources are applied after them, in this order, each when its text differs from the text last
 * applied (`repeatable_sql` keeps a checksum per source). A function or trigger that is no longer
 * wanted is dropped by a dated migration, as a column is.
 *
 * The SQL files live in `api/sql/` (found from both `src/db` and `dist/db`); the policies are generated
 * from the tenancy rule's own module, which writes them from one statement of the rule.
 */
export const REPEATABLE: ReadonlyArray<{ name: string; sql: () => string }> = [
  { name: 'vocabulary', sql: vocabularySql },
  { name: 'hierarchy', sql: () => sqlFile('hierarchy') },
  { name: 'members', sql: () => sqlFile('members') },
  { name: 'rollups', sql: () => sqlFile('rollups') },
  { name: 'reporting', sql: () => sqlFile('reporting') },
  { name: 'reporting-calendar', sql: reportingCalendarSql },
  { name: 'audit', sql: () => sqlFile('audit') },
  { name: 'tenancy', sql: tenancySql },
];

export const SQL_DIR = resolve(__dirname, '..', '..', 'sql');

function sqlFile(name: string): string {
  return readFileSync(resolve(SQL_DIR, `${name}.sql`), 'utf8');
}

/** Applies the sources whose text changed since they were last applied, in one transaction. */
export async function applyRepeatable(orm: MikroORM): Promise<string[]> {
  return orm.em.fork().transactional(async (tx) => {
    const conn = tx.getConnection();
    const context = tx.getTransactionContext();
    // Two instances starting together apply them once.
    await runSql(tx, 'repeatable.lock', sql`select pg_advisory_xact_lock(hashtext('repeatable_sql'))`);
    const applied = new Map(
      (
        await runSql<{ name: string; checksum: string }>(
          tx,
          'repeatable.applied',
          sql`select name, checksum from repeatable_sql`,
        )
      ).map((row) => [row.name, row.checksum]),
    );
    const names: string[] = [];
    for (const source of REPEATABLE) {
      const text = source.sql();
      const checksum = createHash('sha256').update(text).digest('hex');
      if (applied.get(source.name) === checksum) {
        continue;
      }
      // A source file is many statements, sent as one simple query (no values: nothing to bind).
      await conn.execute(text, [], 'run', context);
      await runSql(
        tx,
        'repeatable.record',
        sql`insert into repeatable_sql (name, checksum) values (${source.name}, ${checksum})
         on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`,
      );
      names.push(source.name);
    }
    return names;
  });
}
