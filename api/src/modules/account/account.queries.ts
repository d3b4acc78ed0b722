import type { EntityManager } from '@mikro-orm/postgresql';

import { runSql, sql, throughAny } from '../../shared/sql';

/** The statements of accounts, sessions, role assignments and API keys that MikroORM's finds do not write. */

export async function revokeSession(em: EntityManager, sessionId: string): Promise<void> {
  await runSql(
    em,
    'account.logout',
    sql`update session set revoked_at = now() where id = ${sessionId} and revoked_at is null`,
  );
}

/** Ends an account's live sessions (but one, when asked); how many it ended. */
export async function revokeSessionsOf(
  em: EntityManager,
  accountId: number,
  { except = null }: { except?: string | null } = {},
): Promise<number> {
  const rows = await runSql<{ id: string }>(
    em,
    except === null ? 'account.revokeSessions' : 'account.revokeOtherSessions',
    sql`update session set revoked_at = now()
         where account_id = ${accountId} and revoked_at is null
           ${except === null ? sql.empty : sql`and id <> ${except}`}
        returning id`,
  );
  return rows.length;
}

/** The units an account holds roles at. */
export async function grantUnitsOf(em: EntityManager, accountId: number): Promise<number[]> {
  const rows = await runSql<{ unit_id: number }>(
    em,
    'account.grantsOf',
    sql`select unit_id from role_assignment where account_id = ${accountId}`,
  );
  return rows.map((row) => row.unit_id);
}

/** Ids of the rows of a table whose unit stands under `unitId` today, newest first. */
export async function idsUnder(
  em: EntityManager,
  table: 'api_key' | 'role_assignment',
  unitId: number,
  today: string,
): Promise<number[]> {
  const rows = await runSql<{ id: number }>(
    em,
    `account.${table}Under`,
    sql`select t.id from ${sql.identifier(table)} t
      where exists (select 1 from org_unit_path p
                     where p.unit_id = t.unit_id and p.path ~ ${throughAny([unitId])}::lquery and p.period @> ${today}::date)
      order by t.id desc limit 1000`,
  );
  return rows.map((row) => row.id);
}
