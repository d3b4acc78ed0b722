import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateScalar } from '../../graphql/scalars';
import { TreeChangeKind } from '../org-unit/org-unit-structure.resolver';

export enum RestructuringPlanStatus {
  SCHEDULED = 'SCHEDULED',
  APPLIED = 'APPLIED',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
}
registerEnumType(RestructuringPlanStatus, {
  name: 'RestructuringPlanStatus',
  description:
    'SCHEDULED: kept until its date, cancellable until then; APPLIED on its date; CANCELLED; FAILED: its date came and the tree or its author’s roles no longer allowed it (nothing was changed).',
});

@ObjectType('PlannedTreeChange', { description: 'One change of a restructuring plan.' })
export class PlannedTreeChangeNode {
  @Field(() => TreeChangeKind)
  kind!: TreeChangeKind;

  @Field(() => DateScalar)
  date!: string;

  @Field({
    description: 'The unit founded, moved, closed or renamed; for a MERGE, the unit that continues.',
  })
  code!: string;

  @Field(() => [String], { description: 'MERGE: the units that close into it.' })
  sourceCodes!: string[];

  @Field(() => String, { nullable: true, description: 'CREATE: its parent; MOVE: the new parent.' })
  parentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'CLOSE: the unit that takes over, if any.' })
  successorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE: its name; RENAME: the new name.' })
  name!: string | null;
}

@ObjectType('RestructuringPlan', {
  description: 'A restructuring plan dated in the future: applied on its date, cancellable until then.',
})
export class RestructuringPlanNode {
  @Field(() => ID)
  id!: string;

  @Field(() => RestructuringPlanStatus)
  status!: RestructuringPlanStatus;

  @Field(() => DateScalar, { description: 'Its last date: the day it is applied.' })
  effectiveDate!: string;

  @Field({ description: 'The unit whose subtree holds every unit it names, where it is kept.' })
  unitCode!: string;

  @Field(() => [PlannedTreeChangeNode])
  changes!: PlannedTreeChangeNode[];

  @Field(() => String, { nullable: true, description: 'The name of the sheet it was uploaded as.' })
  fileName!: string | null;

  @Field(() => String, { nullable: true, description: 'The email of the account that scheduled it.' })
  createdBy!: string | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was applied, cancelled or failed.' })
  settledAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'FAILED: why it could not be applied.' })
  failure!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'FAILED: why, as a stable code: a message code (`extensions.messageCode` of the refusal), else an error code.',
  })
  failureCode!: string | null;

  @Field(() => JSONObjectResolver, {
    nullable: true,
    description: 'FAILED: the parameters of `failureCode`.',
  })
  failureParams!: Record<string, unknown> | null;
}

@ObjectType('AppliedRestructuringPlan', {
  description:
    'A plan carried out: applied now when every date has come, otherwise kept until its last date.',
})
export class AppliedPlanNode {
  @Field({ description: 'Every change is applied (one transaction).' })
  applied!: boolean;

  @Field(() => Int)
  changes!: number;

  @Field(() => RestructuringPlanNode, {
    nullable: true,
    description: 'The plan kept until its date, cancellable until then; null when applied now.',
  })
  scheduled!: RestructuringPlanNode | null;
}
