import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { toConnection } from '../../shared/connection';
import { decodeCursor, pageSize } from '../../shared/pagination';
import { type OrgUnitRelation, toRecord } from './org-unit.queries';
import {
  OrgUnitConnection,
  OrgUnitListArgs,
  OrgUnitNode,
  OrgUnitParentArgs,
  OrgUnitTreeArgs,
} from './org-unit.types';
import { readableUnit } from './org-unit.lookup';

@Resolver(() => OrgUnitNode)
export class OrgUnitResolver {
  @Query(() => OrgUnitNode, {
    nullable: true,
    description:
      'The unit with this code. FORBIDDEN outside your subtrees (and for an unknown code, unless your scope is national, which gets null). `asOf` sets the date of the tree its fields read (default: today).',
  })
  async orgUnit(
    @Arg('code', () => String) code: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode | null> {
    const date = asOf ?? ctx.today;
    const record = await readableUnit(ctx.loaders.orgUnit, ctx.scope, code, date);
    return record ? OrgUnitNode.of(record, date) : null;
  }

  @FieldResolver(() => OrgUnitNode, {
    nullable: true,
    description: 'The parent on the date; null for the national federation.',
  })
  async parent(
    @Root() unit: OrgUnitNode,
    @Args() args: OrgUnitParentArgs,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode | null> {
    const asOf = args.asOf ?? unit.asOf;
    const record = await ctx.loaders.orgUnit.parentByUnitId.load({ unitId: unit.dbId, asOf });
    return record ? OrgUnitNode.of(record, asOf) : null;
  }

  @FieldResolver(() => OrgUnitConnection, { description: 'From the national federation down to the parent.' })
  ancestors(
    @Root() unit: OrgUnitNode,
    @Args() args: OrgUnitTreeArgs,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitConnection> {
    return connection('ancestors', unit, args, ctx);
  }

  @FieldResolver(() => OrgUnitConnection, { description: 'The units directly below on the date.' })
  children(
    @Root() unit: OrgUnitNode,
    @Args() args: OrgUnitTreeArgs,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitConnection> {
    return connection('children', unit, args, ctx);
  }

  @FieldResolver(() => OrgUnitConnection, { description: 'Every unit below on the date, at any depth.' })
  descendants(
    @Root() unit: OrgUnitNode,
    @Args() args: OrgUnitTreeArgs,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitConnection> {
    return connection('descendants', unit, args, ctx);
  }

  @FieldResolver(() => OrgUnitConnection, {
    description: 'The units that took over when this one closed or merged.',
  })
  successors(
    @Root() unit: OrgUnitNode,
    @Args() args: OrgUnitListArgs,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitConnection> {
    return connection('successors', unit, args, ctx);
  }

  @FieldResolver(() => OrgUnitConnection, { description: 'The units this one took over from.' })
  predecessors(
    @Root() unit: OrgUnitNode,
    @Args() args: OrgUnitListArgs,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitConnection> {
    return connection('predecessors', unit, args, ctx);
  }
}

async function connection(
  relation: OrgUnitRelation,
  unit: OrgUnitNode,
  args: OrgUnitTreeArgs,
  ctx: Context,
): Promise<OrgUnitConnection> {
  const asOf = args.asOf ?? unit.asOf;
  const page = await ctx.loaders.orgUnit.relationByOwnerId.load({
    relation,
    ownerId: unit.dbId,
    asOf,
    kind: args.kind ?? null,
    search: args.search?.trim() || null,
    first: pageSize(args.first),
    after: args.after ? decodeCursor(args.after) : null,
  });
  return toConnection(page, (row) => OrgUnitNode.of(toRecord(row), asOf));
}
