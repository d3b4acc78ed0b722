import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';

import { actorOf } from '../../auth/viewer';
import type { Context } from '../../graphql/context';
import { appError, refusal } from '../../shared/errors';
import { fromGlobalId, toGlobalId } from '../../shared/ids';
import { Account } from '../account/account.entity';
import { OrgUnit } from '../org-unit/org-unit.entity';
import {
  TreeChangeInput,
  TreeChangeKind,
  TreeChangePreviewNode,
  treeChangeOf,
} from '../org-unit/org-unit-structure.resolver';
import type { TreeChange } from '../org-unit/org-unit.preview';
import type { RestructuringPlan } from './plan.entity';
import { cancelPlan, carryOutPlan, previewPlan, visiblePlans } from './plan.service';
import {
  AppliedPlanNode,
  type PlannedTreeChangeNode,
  RestructuringPlanNode,
  type RestructuringPlanStatus,
} from './plan.types';

async function planNode(ctx: Context, plan: RestructuringPlan): Promise<RestructuringPlanNode> {
  const [unit, author] = await Promise.all([
    ctx.em.findOne(OrgUnit, { id: plan.unitId }),
    ctx.em.findOne(Account, { id: plan.createdBy }),
  ]);
  return Object.assign(new RestructuringPlanNode(), {
    id: toGlobalId('RestructuringPlan', plan.id),
    status: plan.status as RestructuringPlanStatus,
    effectiveDate: plan.effectiveDate,
    unitCode: unit?.code ?? '',
    changes: plan.changes.map((change): PlannedTreeChangeNode => ({
      kind: change.kind as TreeChangeKind,
      date: change.date,
      code: change.kind === 'MERGE' ? change.targetCode : change.code,
      sourceCodes: change.kind === 'MERGE' ? change.sourceCodes : [],
      parentCode: change.kind === 'CREATE' || change.kind === 'MOVE' ? change.parentCode : null,
      successorCode: change.kind === 'CLOSE' ? change.successorCode : null,
      name: change.kind === 'CREATE' || change.kind === 'RENAME' ? change.name : null,
    })),
    fileName: plan.fileName,
    createdBy: author?.email ?? null,
    createdAt: plan.createdAt ?? new Date(0),
    settledAt: plan.settledAt,
    failure: plan.failure,
    failureCode: plan.failureCode,
    failureParams: plan.failureParams,
  });
}

/** A plan built in a client: its changes in date order (a stable sort keeps the order given on a day). */
function changesOf(inputs: TreeChangeInput[]): TreeChange[] {
  if (inputs.length === 0) {
    throw refusal('PLAN_EMPTY', {}, 'changes');
  }
  return inputs.map(treeChangeOf).sort((a, b) => a.date.localeCompare(b.date));
}

@Resolver()
export class PlanResolver {
  @Mutation(() => TreeChangePreviewNode, {
    description:
      'What a restructuring plan built in a client will do, its changes applied in date order and rolled back, as of its last date; refused as its apply would be.',
  })
  async previewRestructuringPlan(
    @Arg('changes', () => [TreeChangeInput]) changes: TreeChangeInput[],
    @Ctx() ctx: Context,
  ): Promise<TreeChangePreviewNode> {
    return previewPlan(ctx.em, ctx.scope, changesOf(changes), ctx.today);
  }

  @Mutation(() => AppliedPlanNode, {
    description:
      'Carries out a restructuring plan built in a client: all its changes as one transaction now when every date has come, otherwise kept until its last date (then listed in restructuringPlans and cancellable until that day).',
  })
  async applyRestructuringPlan(
    @Arg('changes', () => [TreeChangeInput]) changes: TreeChangeInput[],
    @Arg('name', () => String, { nullable: true, description: 'A name to find it by in the list.' })
    name: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<AppliedPlanNode> {
    const planned = changesOf(changes);
    const done = await carryOutPlan(ctx.em, ctx.scope, ctx.viewer, planned, {
      today: ctx.today,
      fileName: name?.trim().slice(0, 200) || null,
      provenance: 'restructuring plan built in the client',
    });
    return Object.assign(new AppliedPlanNode(), {
      applied: done.applied,
      changes: planned.length,
      scheduled: done.scheduled && (await planNode(ctx, done.scheduled)),
    });
  }

  @Query(() => [RestructuringPlanNode], {
    description:
      'Restructuring plans kept at units whose subtree you may change (uploaded through POST /plan/apply with a date after today), latest date first.',
  })
  async restructuringPlans(@Ctx() ctx: Context): Promise<RestructuringPlanNode[]> {
    const plans = await visiblePlans(ctx.em);
    return Promise.all(plans.map((plan) => planNode(ctx, plan)));
  }

  @Mutation(() => RestructuringPlanNode, {
    description: 'Cancels a scheduled plan before its date: the tree is left as it is.',
  })
  async cancelRestructuringPlan(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<RestructuringPlanNode> {
    const decoded = fromGlobalId(id);
    if (decoded?.type !== 'RestructuringPlan') {
      throw appError('NOT_FOUND', 'No restructuring plan you may change has this id.', { field: 'id' });
    }
    return planNode(ctx, await cancelPlan(ctx.em, ctx.scope, decoded.id, actorOf(ctx.viewer)));
  }
}
