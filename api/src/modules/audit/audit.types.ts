import { DateScalar } from '../../graphql/scalars';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';

import { OrgUnitNode, PageInfo } from '../org-unit/org-unit.types';

@ObjectType('AuditEntry', { description: 'One change made through the API (append-only).' })
export class AuditEntryNode {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field({ description: 'The account or API key, as "account:12 email" or "api-key:3 prefix".' })
  actor!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The GraphQL operation, such as "mutation recordActivity".',
  })
  operation!: string | null;

  @Field({ description: 'The table changed, such as "activity" or "member".' })
  entity!: string;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field({
    description:
      'INSERT, UPDATE or DELETE; NATIONAL_ID_REFUSED for a national id number another member holds.',
  })
  action!: string;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'The row before the change.' })
  before!: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'The row after the change.' })
  after!: Record<string, unknown> | null;

  @Field(() => OrgUnitNode, { nullable: true, description: 'The unit the changed row belongs to.' })
  unit!: OrgUnitNode | null;
}

@ObjectType()
export class AuditEntryEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEntryNode)
  node!: AuditEntryNode;
}

@ObjectType()
export class AuditEntryConnection {
  @Field(() => Int, { description: 'Entries on this page.' })
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];
}

@ArgsType()
export class AuditLogArgs {
  @Field({ description: 'The unit whose subtree’s changes to list.' })
  unitCode!: string;

  @Field(() => String, { nullable: true, description: 'Only changes by actors whose name holds this text.' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action: INSERT, UPDATE, DELETE…' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Only changes of this table, such as "member".' })
  entity?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Only changes on or after this day (Viet Nam time).',
  })
  from?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Only changes on or before this day (Viet Nam time).',
  })
  to?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
