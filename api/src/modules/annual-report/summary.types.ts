import { Field, Int, ObjectType } from 'type-graphql';

import { MoneyScalar } from '../../shared/money';
import { ActivityKindValue, QualifierValue } from '../activity/activity.types';
import { AwardKindValue } from '../award/award.types';
import { OrgUnitNode } from '../org-unit/org-unit.types';

@ObjectType({
  description:
    'Activities of a subtree’s year that share a kind and a provenance (one figure of a source document, or one entry), summed.',
})
export class ActivityGroup {
  @Field(() => ActivityKindValue)
  kind!: string;

  @Field(() => Int, { description: 'How many records the figure is split into.' })
  records!: number;

  @Field(() => Int)
  quantity!: number;

  @Field(() => QualifierValue, {
    nullable: true,
    description: 'The qualifier every record of the group carries (the article’s “gần”, “hơn”, “trên”).',
  })
  quantityQualifier!: string | null;

  @Field(() => MoneyScalar)
  amount!: bigint;

  @Field(() => QualifierValue, { nullable: true })
  amountQualifier!: string | null;

  @Field(() => String, { nullable: true, description: 'The note every record of the group carries.' })
  note!: string | null;

  @Field(() => String)
  provenance!: string;
}

@ObjectType({ description: 'Awards honouring a subtree’s year, by kind, issuer, collective and provenance.' })
export class AwardGroup {
  @Field(() => AwardKindValue)
  kind!: string;

  @Field(() => Boolean)
  collective!: boolean;

  @Field(() => OrgUnitNode, { nullable: true, description: 'The union unit that granted them.' })
  issuer!: OrgUnitNode | null;

  @Field(() => String, { nullable: true, description: 'An issuer outside the union.' })
  issuerName!: string | null;

  @Field(() => Int)
  awards!: number;

  @Field(() => String)
  provenance!: string;
}
