import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { encodeCursor, type Cursor, type Page } from '../../shared/pagination';
import { type AuditFilter, type AuditRow, auditRowsUnder } from './audit.queries';
import { unitByCode } from '../org-unit/org-unit.lookup';

/**
 * The changes recorded for units that stood under a unit at any date, newest first. Only its ADMINs
 * read it; row-level security limits the rows to the viewer's scope as well.
 */
export async function auditLogOf(
  em: EntityManager,
  scope: Scope,
  unitCode: string,
  filter: AuditFilter,
  first: number,
  after: Cursor | null,
): Promise<Page<AuditRow>> {
  const unit = await unitByCode(em, scope, unitCode, scope.today, 'unitCode', 'audit:read');
  const rows = await auditRowsUnder(
    em,
    unit.id,
    filter,
    after ? after.id : Number.MAX_SAFE_INTEGER,
    first + 1,
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
