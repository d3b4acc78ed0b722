import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateScalar } from '../../graphql/scalars';
import { type Money, MoneyScalar } from '../../shared/money';
import { PageInfo } from '../org-unit/org-unit.types';
import { ACTIVITY_KINDS } from './activity.entity';

export const ActivityKindValue = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, k]));
registerEnumType(ActivityKindValue, {
  name: 'ActivityKind',
  valuesConfig: {
    WELFARE: { description: 'Chương trình Phúc lợi đoàn viên: participations (lượt) and benefit' },
    SUPPORT: { description: 'Thăm hỏi, hỗ trợ đoàn viên khó khăn: people (lượt) and amount' },
    GIFT: { description: 'Suất quà: packages and value' },
    CHARITY: { description: 'Đóng góp quỹ, từ thiện, thiên tai, dịch bệnh: amount' },
    UNION_HOME: { description: 'Mái ấm công đoàn: houses and value' },
    INITIATIVE: { description: 'Sáng kiến: initiatives' },
    PARTY_REFERRAL: { description: 'Giới thiệu đoàn viên ưu tú cho Đảng: members referred' },
    PARTY_ADMISSION: { description: 'Đoàn viên được kết nạp vào Đảng: members admitted' },
    WORKER_CONFERENCE: { description: 'Hội nghị người lao động: units that held one' },
    TOTAL_CARE: { description: 'Tổng chăm lo, hỗ trợ: a province-wide total reported on its own' },
    OTHER: { description: 'Any other recorded figure, kept with its note and provenance' },
  },
});

export const QualifierValue = { NEARLY: 'gần', MORE_THAN: 'hơn', OVER: 'trên' } as const;
registerEnumType(QualifierValue, {
  name: 'Qualifier',
  description: 'How an article qualifies an approximate figure.',
  valuesConfig: {
    NEARLY: { description: 'gần' },
    MORE_THAN: { description: 'hơn' },
    OVER: { description: 'trên' },
  },
});

@ObjectType('Programme', { description: 'A named programme, such as "1 triệu sáng kiến".' })
export class ProgrammeNode {
  @Field()
  code!: string;

  @Field()
  name!: string;
}

@ObjectType('Activity', { description: 'One entry of the metric catalogue recorded by a unit on a date.' })
export class ActivityNode {
  @Field(() => ID)
  id!: string;

  /** The unit's id: `unit` is read only when asked for (a recorded activity's answer is usually its id). */
  unitId!: number;

  @Field(() => ActivityKindValue)
  kind!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => Int, { description: 'People, participations, packages, houses or initiatives, by kind.' })
  quantity!: number;

  @Field(() => QualifierValue, { nullable: true })
  quantityQualifier!: string | null;

  @Field(() => MoneyScalar)
  amount!: Money;

  @Field(() => QualifierValue, { nullable: true })
  amountQualifier!: string | null;

  @Field(() => ProgrammeNode, { nullable: true })
  programme!: ProgrammeNode | null;

  @Field(() => Int, { nullable: true })
  programmePhase!: number | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field({ description: 'The source document and phrase, or "assumption: ..."' })
  provenance!: string;
}

@ObjectType()
export class ActivityEdge {
  @Field()
  cursor!: string;

  @Field(() => ActivityNode)
  node!: ActivityNode;
}

@ObjectType()
export class ActivityConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [ActivityEdge])
  edges!: ActivityEdge[];
}

@ArgsType()
export class ActivityListArgs {
  @Field(() => Int, {
    description: 'Activities of this year, in the subtree as it stood at the end of the year.',
  })
  year!: number;

  @Field(() => ActivityKindValue, { nullable: true })
  kind?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class RecordActivityInput {
  @Field()
  unitCode!: string;

  @Field(() => ActivityKindValue)
  kind!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => Int, { nullable: true })
  quantity?: number | null;

  @Field(() => QualifierValue, { nullable: true })
  quantityQualifier?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  amount?: Money | null;

  @Field(() => QualifierValue, { nullable: true })
  amountQualifier?: string | null;

  @Field(() => String, { nullable: true })
  programmeCode?: string | null;

  @Field(() => Int, { nullable: true })
  programmePhase?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
