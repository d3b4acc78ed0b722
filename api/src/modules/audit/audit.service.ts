import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { encodeCursor, type Cursor, type Page } from '../../shared/pagination';
import { runSql, sql, throughAny } from '../../shared/sql';
import { unitByCode } from '../org-unit/org-unit.lookup';

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

/**
 * The changes recorded for units that stood under a unit at any date, newest first. Only its ADMINs
 * read it; row-level security limits the rows to the viewer's scope as well.
 */
export async function auditLogOf(
  em: EntityManager,
  scope: Scope,
  unitCode: string,
  first: number,
  after: Cursor | null,
): Promise<Page<AuditRow>> {
  const unit = await unitByCode(em, scope, unitCode, scope.today, 'unitCode', 'audit:read');
  const rows = await runSql<AuditRow>(
    em,
    'audit.logOf',
    sql`select a.id, a.at, a.actor, a.operation, a.entity, a.entity_id, a.unit_id, a.action, a.before, a.after
       from audit_log a
      where a.unit_id in (select p.unit_id from org_unit_path p where p.path ~ ${throughAny([unit.id])}::lquery)
        and a.id < ${after ? after.id : Number.MAX_SAFE_INTEGER}
      order by a.id desc
      limit ${first + 1}`,
  );
  const nodes = rows.slice(0, first);
  return {
    // Counting a whole subtree's history would cost more than the page: the count is of this page.
    totalCount: nodes.length,
    nodes,
    cursors: nodes.map((row) => encodeCursor({ sortKey: '', id: Number(row.id) })),
    hasNextPage: rows.length > first,
    hasPreviousPage: after !== null,
  };
}
