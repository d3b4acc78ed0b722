import {
  Arg,
  Ctx,
  Field,
  InputType,
  Int,
  Mutation,
  ObjectType,
  registerEnumType,
  Resolver,
} from 'type-graphql';

import type { Context } from '../../graphql/context';
import { ReportStateValue } from '../../graphql/report-state';
import { DateScalar } from '../../graphql/scalars';
import { refusal } from '../../shared/errors';
import { applyTreeChange, previewTreeChanges, type TreeChange } from './org-unit.preview';
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

export enum TreeChangeKind {
  CREATE = 'CREATE',
  MOVE = 'MOVE',
  MERGE = 'MERGE',
  CLOSE = 'CLOSE',
  RENAME = 'RENAME',
}
registerEnumType(TreeChangeKind, { name: 'TreeChangeKind', description: 'A change of the tree.' });

@InputType({ description: 'One change of the tree with its effective date; the fields its kind needs.' })
export class TreeChangeInput {
  @Field(() => TreeChangeKind)
  kind!: TreeChangeKind;

  @Field(() => DateScalar, { description: 'The first day of the new state (today or earlier).' })
  date!: string;

  @Field(() => String, {
    nullable: true,
    description: 'CREATE: the new unit’s code; MOVE, CLOSE, RENAME: the unit.',
  })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE: its parent; MOVE: the new parent.' })
  parentCode?: string | null;

  @Field(() => OrgUnitKind, { nullable: true, description: 'CREATE: the kind of the new unit.' })
  unitKind?: Kind | null;

  @Field(() => [String], { nullable: true, description: 'MERGE: the units that close into the target.' })
  sourceCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'MERGE: the unit that takes their children.' })
  targetCode?: string | null;

  @Field(() => String, { nullable: true, description: 'CLOSE: the unit that takes over, if any.' })
  successorCode?: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE: its name; RENAME: the new name.' })
  name?: string | null;
}

@ObjectType('UnitChange', { description: 'A unit founded, placed elsewhere, or closed, by a change.' })
class UnitChangeNode {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Its parent the day before.' })
  parentBefore!: string | null;

  @Field(() => String, { nullable: true, description: 'Its parent on the date; null when it closed.' })
  parentAfter!: string | null;
}

@ObjectType('UnitRename')
class UnitRenameNode {
  @Field()
  code!: string;

  @Field()
  before!: string;

  @Field()
  after!: string;
}

@ObjectType('PreviewRole', {
  description: 'A role or API key held at an affected unit: its scope follows the unit.',
})
class PreviewRoleNode {
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'The API key’s name, for a key.' })
  apiKey!: string | null;

  @Field()
  role!: string;

  @Field()
  code!: string;
}

@ObjectType('TouchedReport', {
  description:
    'A report whose figures a change of the tree counts again (it is open: a locked one refuses it).',
})
class TouchedReportNode {
  @Field()
  unitCode!: string;

  @Field()
  unitName!: string;

  @Field({ description: 'The reporting period: a year ("2025") or a half-year ("2025-H2").' })
  period!: string;

  @Field(() => ReportStateValue)
  state!: string;
}

@ObjectType('TreeChangePreview', {
  description: 'What a change will do, computed by applying it and rolling it back.',
})
export class TreeChangePreviewNode {
  @Field(() => [UnitChangeNode], { description: 'Units the change founds, under their parent.' })
  created!: UnitChangeNode[];

  @Field(() => [UnitChangeNode])
  moved!: UnitChangeNode[];

  @Field(() => [UnitChangeNode])
  closed!: UnitChangeNode[];

  @Field(() => [UnitRenameNode])
  renamed!: UnitRenameNode[];

  @Field(() => Int, { description: 'Units placed elsewhere or closed, their subtrees included.' })
  unitsAffected!: number;

  @Field(() => Int, { description: 'Memberships held in them the day before.' })
  membersAffected!: number;

  @Field(() => [PreviewRoleNode])
  roles!: PreviewRoleNode[];

  @Field(() => [Int], { description: 'The years whose figures are counted again.' })
  years!: number[];

  @Field(() => [TouchedReportNode], {
    description:
      'The reports whose figures change: of the units above what moves or closes, for periods on or after the date.',
  })
  reports!: TouchedReportNode[];
}

/** The change an input describes, refusing a missing field beside it. */
export function treeChangeOf(input: TreeChangeInput): TreeChange {
  const need = (value: string | null | undefined, field: string): string => {
    if (!value?.trim()) {
      throw refusal('TREE_CHANGE_FIELD_REQUIRED', { kind: input.kind, field }, field);
    }
    return value.trim();
  };
  switch (input.kind) {
    case TreeChangeKind.CREATE:
      if (!input.unitKind) {
        throw refusal('TREE_CHANGE_FIELD_REQUIRED', { kind: 'CREATE', field: 'unitKind' }, 'unitKind');
      }
      return {
        kind: 'CREATE',
        code: need(input.code, 'code'),
        name: need(input.name, 'name'),
        unitKind: input.unitKind,
        parentCode: need(input.parentCode, 'parentCode'),
        date: input.date,
      };
    case TreeChangeKind.MOVE:
      return {
        kind: 'MOVE',
        code: need(input.code, 'code'),
        parentCode: need(input.parentCode, 'parentCode'),
        date: input.date,
      };
    case TreeChangeKind.MERGE:
      if (!input.sourceCodes?.length) {
        throw refusal('TREE_CHANGE_FIELD_REQUIRED', { kind: 'MERGE', field: 'sourceCodes' }, 'sourceCodes');
      }
      return {
        kind: 'MERGE',
        sourceCodes: input.sourceCodes.map((code) => code.trim()),
        targetCode: need(input.targetCode, 'targetCode'),
        date: input.date,
      };
    case TreeChangeKind.CLOSE:
      return {
        kind: 'CLOSE',
        code: need(input.code, 'code'),
        successorCode: input.successorCode?.trim() || null,
        date: input.date,
      };
    case TreeChangeKind.RENAME:
      return {
        kind: 'RENAME',
        code: need(input.code, 'code'),
        name: need(input.name, 'name'),
        date: input.date,
      };
  }
}

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

  @Mutation(() => TreeChangePreviewNode, {
    description:
      'What a change of the tree will do (units moved or closed, memberships and roles affected, years recounted), computed by applying it with the same code as applyTreeChange and rolling it back; refused as the apply would be.',
  })
  async previewTreeChange(
    @Arg('change', () => TreeChangeInput) change: TreeChangeInput,
    @Ctx() ctx: Context,
  ): Promise<TreeChangePreviewNode> {
    return previewTreeChanges(ctx.em, ctx.scope, [treeChangeOf(change)], ctx.today);
  }

  @Mutation(() => Boolean, { description: 'Applies a change of the tree, as its own mutation would.' })
  async applyTreeChange(
    @Arg('change', () => TreeChangeInput) change: TreeChangeInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await applyTreeChange(ctx.em, ctx.scope, treeChangeOf(change), ctx.today);
    return true;
  }
}
