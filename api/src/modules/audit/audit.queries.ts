import type { EntityManager } from '@mikro-orm/postgresql';

import { runSql, sql, throughAny } from '../../shared/sql';

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  operation: string | null;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The log's rows for units that stood under a unit at any date, newest first, before `beforeId`. */
export function auditRowsUnder(
  em: EntityManager,
  unitId: number,
  beforeId: number,
  limit: number,
): Promise<AuditRow[]> {
  return runSql<AuditRow>(
    em,
    'audit.logOf',
    sql`select a.id, a.at, a.actor, a.operation, a.entity, a.entity_id, a.unit_id, a.action, a.before, a.after
       from audit_log a
      where a.unit_id in (select p.unit_id from org_unit_path p where p.path ~ ${throughAny([unitId])}::lquery)
        and a.id < ${beforeId}
      order by a.id desc
      limit ${limit}`,
  );
}
