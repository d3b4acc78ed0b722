import type { EntityManager } from '@mikro-orm/postgresql';

import { likeContains, runSql, sql, throughAny } from '../../shared/sql';

export interface AuditRow {
  id: string;
  /** Read as text by the raw statement: made a Date for the DateTime scalar. */
  at: Date | string;
  actor: string;
  operation: string | null;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What narrows the log: each null filter lets every row through. */
export interface AuditFilter {
  actor: string | null;
  action: string | null;
  entity: string | null;
  from: string | null;
  to: string | null;
}

/**
 * The log's rows for units that stood under a unit at any date, newest first, before `beforeId`, narrowed
 * by the filter (days are Viet Nam's).
 */
export function auditRowsUnder(
  em: EntityManager,
  unitId: number,
  filter: AuditFilter,
  beforeId: number,
  limit: number,
): Promise<AuditRow[]> {
  const actor = filter.actor === null ? null : likeContains(filter.actor.toLowerCase());
  return runSql<AuditRow>(
    em,
    'audit.logOf',
    sql`select a.id, a.at, a.actor, a.operation, a.entity, a.entity_id, a.unit_id, a.action, a.before, a.after
       from audit_log a
      where a.unit_id in (select p.unit_id from org_unit_path p where p.path ~ ${throughAny([unitId])}::lquery)
        and a.id < ${beforeId}
        and (${actor}::text is null or lower(a.actor) like ${actor})
        and (${filter.action}::text is null or a.action = ${filter.action})
        and (${filter.entity}::text is null or a.entity = ${filter.entity})
        and (${filter.from}::date is null or a.at >= (${filter.from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh')
        and (${filter.to}::date is null or a.at < (${filter.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')
      order by a.id desc
      limit ${limit}`,
  );
}
