import type { EntityManager } from '@mikro-orm/postgresql';

import type { Grant } from '../../auth/viewer';
import { runSql, sql } from '../../shared/sql';

/** The statements of restructuring plans that MikroORM's finds do not write. */

/**
 * The unit whose subtree holds all these units on the date (the deepest unit on every one's path, the
 * units themselves included): where a plan naming them is kept. Null when they share no tree.
 */
export async function commonUnit(em: EntityManager, unitIds: number[], date: string): Promise<number | null> {
  const [row] = await runSql<{ unit_id: number | null }>(
    em,
    'plan.commonUnit',
    sql`select cast(cast(subpath(lca(array_agg(p.path || '0')), -1) as text) as integer) as unit_id
          from org_unit_path p
         where p.unit_id = any(${unitIds}::integer[]) and p.period @> cast(${date} as date)
        having count(*) = ${unitIds.length}`,
  );
  return row?.unit_id ?? null;
}

/** Plans whose date has come and that are still scheduled (read on the owner's connection). */
export async function duePlans(
  em: EntityManager,
  today: string,
): Promise<Array<{ id: number; created_by: number }>> {
  return runSql(
    em,
    'plan.due',
    sql`select id, created_by from restructuring_plan
         where status = 'SCHEDULED' and effective_date <= ${today} order by effective_date, id`,
  );
}

/** The plan, locked for its apply; none when another instance is applying it or it is settled. */
export async function lockScheduledPlan(em: EntityManager, id: number): Promise<number | null> {
  const [row] = await runSql<{ id: number }>(
    em,
    'plan.lock',
    sql`select id from restructuring_plan where id = ${id} and status = 'SCHEDULED' for update skip locked`,
  );
  return row?.id ?? null;
}

/**
 * Records that a plan could not be applied on its date, and why: the English text, and the message code
 * (or error code) with its parameters (the owner's connection).
 */
export async function markPlanFailed(
  em: EntityManager,
  id: number,
  failure: { message: string; code: string | null; params: Record<string, unknown> | null },
): Promise<void> {
  await runSql(
    em,
    'plan.failed',
    sql`update restructuring_plan
           set status = 'FAILED', failure = ${failure.message}, failure_code = ${failure.code},
               failure_params = ${failure.params === null ? null : JSON.stringify(failure.params)}::jsonb,
               settled_at = now(), settled_by = 'system: on its date'
         where id = ${id} and status = 'SCHEDULED'`,
  );
}

/** The roles an account holds now, none when it is disabled or must first choose its password. */
export async function liveGrantsOf(
  em: EntityManager,
  accountId: number,
): Promise<{ email: string; grants: Grant[] } | null> {
  const [row] = await runSql<{ email: string; grants: Grant[] }>(
    em,
    'plan.authorGrants',
    sql`select a.email,
               coalesce(json_agg(json_build_object('unitId', r.unit_id, 'role', r.role) order by r.id)
                 filter (where r.id is not null and a.disabled_at is null and not a.must_change_password),
                 '[]') as grants
          from account a left join role_assignment r on r.account_id = a.id
         where a.id = ${accountId}
         group by a.id`,
  );
  return row ?? null;
}
