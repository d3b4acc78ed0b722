import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { closeUnit, createUnits, mergeUnits, moveUnit, renameUnit } from './org-unit.service';
import { OrgUnitKind, OrgUnitNode } from './org-unit.types';
import type { OrgUnitKind as Kind } from '@cdvn/domain';

@InputType()
export class CreateOrgUnitInput {
  @Field({ description: 'Stable, unique, uppercase (e.g. "QN-CDCS-SXD").' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => OrgUnitKind)
  kind!: Kind;

  @Field({ description: 'The parent from the first day.' })
  parentCode!: string;

  @Field(() => DateScalar, { description: 'The first day (today or earlier).' })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: 'The decision or document behind it.' })
  provenance?: string | null;
}

const THROUGH_API = 'recorded through the API';

/**
 * Changes of the tree for ADMINs of the units they touch: the unit and, for a move, the new parent
 * (both in the ADMIN's subtrees). History is kept: a change ends periods and opens new ones.
 */
@Resolver()
export class OrgUnitStructureResolver {
  private async node(ctx: Context, code: string, asOf: string): Promise<OrgUnitNode> {
    const record = await ctx.loaders.orgUnit.unitByCode.load(code);
    return OrgUnitNode.of(record!, asOf);
  }

  @Mutation(() => OrgUnitNode, { description: 'Founds a unit under a parent you administer.' })
  async createOrgUnit(
    @Arg('input', () => CreateOrgUnitInput) input: CreateOrgUnitInput,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode> {
    await createUnits(
      ctx.em,
      ctx.scope,
      [{ ...input, provenance: input.provenance?.trim() || THROUGH_API }],
      ctx.today,
    );
    return this.node(ctx, input.code, input.validFrom);
  }

  @Mutation(() => OrgUnitNode, {
    description: 'Moves a unit and its subtree under another parent from `date` on.',
  })
  async moveOrgUnit(
    @Arg('code') code: string,
    @Arg('parentCode') parentCode: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode> {
    await moveUnit(ctx.em, ctx.scope, code, parentCode, date, THROUGH_API, { today: ctx.today });
    return this.node(ctx, code, date);
  }

  @Mutation(() => OrgUnitNode, {
    description:
      'Closes a unit from `date` on (its last day is the day before); its members leave, and a successor may be named.',
  })
  async closeOrgUnit(
    @Arg('code') code: string,
    @Arg('date', () => DateScalar) date: string,
    @Arg('successorCode', () => String, { nullable: true }) successorCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode> {
    await closeUnit(
      ctx.em,
      ctx.scope,
      code,
      date,
      { successorCode: successorCode ?? undefined, provenance: THROUGH_API },
      { today: ctx.today },
    );
    return this.node(ctx, code, date);
  }

  @Mutation(() => OrgUnitNode, {
    description: 'Merges units into a target from `date` on: their children move to it, and they close.',
  })
  async mergeOrgUnits(
    @Arg('sourceCodes', () => [String]) sourceCodes: string[],
    @Arg('targetCode') targetCode: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode> {
    await mergeUnits(ctx.em, ctx.scope, sourceCodes, targetCode, date, THROUGH_API, { today: ctx.today });
    return this.node(ctx, targetCode, date);
  }

  @Mutation(() => OrgUnitNode, {
    description:
      'Renames a unit from `date` on: a query as of an earlier date shows the name it had then. Without `date`, corrects the latest name over its whole period (earlier names stay).',
  })
  async renameOrgUnit(
    @Arg('code') code: string,
    @Arg('name') name: string,
    @Arg('date', () => DateScalar, { nullable: true }) date: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode> {
    await renameUnit(ctx.em, ctx.scope, code, name, {
      date: date ?? null,
      provenance: THROUGH_API,
      today: ctx.today,
    });
    return this.node(ctx, code, date ?? ctx.today);
  }
}
