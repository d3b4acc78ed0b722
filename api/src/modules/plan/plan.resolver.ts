import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';

import { actorOf } from '../../auth/viewer';
import type { Context } from '../../graphql/context';
import { appError } from '../../shared/errors';
import { fromGlobalId, toGlobalId } from '../../shared/ids';
import { Account } from '../account/account.entity';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { TreeChangeKind } from '../org-unit/org-unit-structure.resolver';
import type { RestructuringPlan } from './plan.entity';
import { cancelPlan, visiblePlans } from './plan.service';
import {
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
      code: change.kind === 'MERGE' ? change.targetCode : 'code' in change ? change.code : '',
      sourceCodes: change.kind === 'MERGE' ? change.sourceCodes : [],
      name: change.kind === 'RENAME' ? change.name : null,
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

@Resolver()
export class PlanResolver {
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
