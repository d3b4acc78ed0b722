import type { EntityManager } from '@mikro-orm/postgresql';
import type { Changes } from '../db/data-version';

import { runPrepared, runSql, type Sql, sql } from '../shared/sql';
import type { Role } from './permissions';
import type { Grant } from './viewer';

/** The statements of authentication (sessions, API keys) and of the request's scope. */

/** Epoch milliseconds of a timestamp column, or null. */
const epochMs = (column: Sql) => sql`cast(extract(epoch from ${column}) * 1000 as float8)`;

/** A session with its account and roles, and whether it is live. */
export async function session(em: EntityManager, sessionId: string, accountId: number) {
  const [row] = await runPrepared<{
    account_id: number;
    email: string;
    display_name: string;
    must_change_password: boolean;
    live: boolean;
    until: number;
    grants: Grant[];
  }>(
    em,
    'auth.session',
    sql`select a.id as account_id, a.email, a.display_name, a.must_change_password, ${epochMs(sql`s.expires_at`)} as until,
            (s.revoked_at is null and s.expires_at > now() and a.disabled_at is null) as live,
            coalesce(json_agg(json_build_object('unitId', r.unit_id, 'role', r.role) order by r.id)
              filter (where r.id is not null), '[]') as grants
       from session s join account a on a.id = s.account_id
       left join role_assignment r on r.account_id = a.id
      where s.id = ${sessionId} and s.account_id = ${accountId}
      group by s.id, a.id`,
  );
  return row as typeof row | undefined;
}

/** An API key by its hash, and whether it is live. */
export async function apiKey(em: EntityManager, hash: string) {
  const [row] = await runPrepared<{
    id: number;
    prefix: string;
    name: string;
    unit_id: number;
    role: Role;
    live: boolean;
    until: number | null;
    last_used: number | null;
  }>(
    em,
    'auth.apiKey',
    // A key stops working with the account that issued it (disabled).
    sql`select k.id, k.prefix, k.name, k.unit_id, k.role, ${epochMs(sql`k.expires_at`)} as until,
            ${epochMs(sql`k.last_used_at`)} as last_used,
            (k.revoked_at is null and (k.expires_at is null or k.expires_at > now()) and a.disabled_at is null) as live
       from api_key k left join account a on a.id = k.created_by_id where k.key_hash = ${hash}`,
  );
  return row as typeof row | undefined;
}

/** A key's last use, and the requests it made since the last time this was written. */
export async function apiKeyUsed(em: EntityManager, apiKeyId: number, requests: number): Promise<void> {
  await runSql(
    em,
    'auth.apiKeyUsed',
    sql`update api_key set last_used_at = now(), request_count = request_count + ${requests} where id = ${apiKeyId}`,
  );
}

/**
 * Opens the request's scope in the database (app_begin_request, api/sql and auth/tenancy.sql.ts): the
 * units each permission's grants reach today and on other days, by permission, or '*' for all.
 */
export async function beginRequest(
  em: EntityManager,
  actor: string,
  operation: string | null,
  grants: Record<string, number[]>,
  today: string,
): Promise<Record<string, number[] | '*'>> {
  const [row] = await runPrepared<{ scope: Record<string, number[] | '*'> }>(
    em,
    'auth.beginRequest',
    sql`select app_begin_request(${actor}, ${operation}, ${JSON.stringify(grants)}::jsonb, ${today}::date) as scope`,
  );
  return row.scope;
}

/** What the request's transaction has changed so far (api/sql/audit.sql: app_changes), null for nothing. */
export async function changesOf(em: EntityManager): Promise<Changes | null> {
  const [row] = await runPrepared<{ changes: Changes | null }>(
    em,
    'auth.changes',
    sql`select app_changes() as changes`,
  );
  return row.changes;
}

/**
 * A scope check: whether the unit stood under the roots (`lquery`) on the date (taken within the unit's
 * life); for a write, whether it stands under them still; with `existingToday`, whether it exists that
 * day.
 */
export interface Check {
  unitId: number;
  lquery: string;
  date: string;
  writes: boolean;
  existingToday: string | null;
}

/** Which of these checks pass (their indexes): one statement for any number of units, roots and dates. */
export async function unitsInScope(em: EntityManager, checks: readonly Check[]): Promise<Set<number>> {
  const rows = await runPrepared<{ i: number }>(
    em,
    'auth.scopeCheck',
    // Each unit's few paths are read by its id, then matched against the roots: left to itself, the planner
    // searched the paths' GiST index for the roots' pattern instead (20 ms a check on the national data).
    // That plan is the same for any checks: prepared (planning took 0.38 ms, running 0.09).
    sql`select c.i from unnest(${checks.map((c) => c.unitId)}::integer[], ${checks.map((c) => c.lquery)}::text[],
                               ${checks.map((c) => c.date)}::date[], ${checks.map((c) => c.writes)}::boolean[],
                               ${checks.map((c) => c.existingToday)}::date[])
                  with ordinality as c(unit_id, lquery, day, writes, existing_today, i)
      join org_unit u on u.id = c.unit_id
      cross join lateral (select p.path, p.period, p.standing from org_unit_path p where p.unit_id = u.id offset 0) p
      where c.existing_today is null or u.validity @> c.existing_today
      group by c.i, c.lquery, c.day, c.writes, u.valid_from, u.valid_to
     having bool_or(p.path ~ cast(c.lquery as lquery)
                    and p.period @> least(greatest(c.day, u.valid_from), coalesce(u.valid_to, 'infinity')))
        and (not c.writes or bool_or(p.path ~ cast(c.lquery as lquery) and p.standing))`,
  );
  // Ordinalities count from 1.
  return new Set(rows.map((r) => Number(r.i) - 1));
}

/** A statement limit for the rest of this transaction only. */
export async function setStatementTimeout(em: EntityManager, milliseconds: number): Promise<void> {
  await runSql(
    em,
    'request.statementTimeout',
    sql`select set_config('statement_timeout', ${String(Math.trunc(milliseconds))}, true)`,
  );
}

/**
 * A national id number refused because another member holds it: the refusal tells nothing, and the
 * attempt stays in the log of the unit it was aimed at (the member's union, or the union named), for the
 * unit's and the upper levels' administrators. Written on the owner's connection, outside the request's
 * transaction, which the refusal rolls back.
 */
export async function auditNationalIdRefused(
  em: EntityManager,
  entry: { actor: string; operation: string; memberId: number | null; unitCode: string | null },
): Promise<void> {
  await runSql(
    em,
    'audit.nationalIdRefused',
    sql`insert into audit_log (actor, operation, entity, entity_id, unit_id, action)
        values (${entry.actor}, ${entry.operation}, 'member', ${entry.memberId === null ? null : String(entry.memberId)},
                coalesce((select holder_unit_id from member where id = ${entry.memberId}),
                         (select id from org_unit where code = ${entry.unitCode})),
                'NATIONAL_ID_REFUSED')`,
  );
}
