import { Args, Ctx, Query, Resolver } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { toConnection } from '../../shared/connection';
import { toGlobalId } from '../../shared/ids';
import { decodeCursor, pageSize } from '../../shared/pagination';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { auditLogOf } from './audit.service';
import { AuditEntryConnection, AuditEntryNode, AuditLogArgs } from './audit.types';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description: 'Changes in a unit’s subtree, newest first: who, when, which operation, before and after.',
  })
  async auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: Context): Promise<AuditEntryConnection> {
    const page = await auditLogOf(
      ctx.em,
      ctx.scope,
      args.unitCode,
      {
        actor: args.actor?.trim() || null,
        action: args.action ?? null,
        entity: args.entity ?? null,
        from: args.from ?? null,
        to: args.to ?? null,
      },
      pageSize(args.first),
      args.after ? decodeCursor(args.after) : null,
    );
    const units = await ctx.loaders.orgUnit.unitById.loadMany(
      page.nodes.flatMap((row) => (row.unit_id === null ? [] : [row.unit_id])),
    );
    const byId = new Map(
      units.flatMap((unit) => (unit && !(unit instanceof Error) ? [[unit.id, unit]] : [])),
    );
    return toConnection(page, (row) =>
      Object.assign(new AuditEntryNode(), {
        id: toGlobalId('AuditEntry', Number(row.id)),
        at: new Date(row.at),
        actor: row.actor,
        operation: row.operation,
        entity: row.entity,
        entityId: row.entity_id,
        action: row.action,
        before: row.before,
        after: row.after,
        unit:
          row.unit_id !== null && byId.has(row.unit_id)
            ? OrgUnitNode.of(byId.get(row.unit_id)!, ctx.today)
            : null,
      }),
    );
  }
}
