import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateScalar } from '../../graphql/scalars';
import { OrgUnitNode, PageInfo } from '../org-unit/org-unit.types';
import { AWARD_KINDS } from './award.entity';

export const AwardKindValue = Object.fromEntries(AWARD_KINDS.map((k) => [k, k]));
registerEnumType(AwardKindValue, {
  name: 'AwardKind',
  valuesConfig: {
    EMULATION_FLAG: { description: 'Cờ thi đua: provinces, sectoral unions and VN' },
    CERTIFICATE_OF_MERIT: { description: 'Bằng khen: provinces, sectoral unions and VN' },
    LETTER_OF_COMMENDATION: { description: 'Giấy khen: grassroots and intermediate unions' },
    COMMEMORATIVE_MEDAL: { description: 'Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức công đoàn": VN' },
    CREATIVE_LABOUR_CERTIFICATE: { description: 'Bằng Lao động sáng tạo: VN' },
    TITLE: { description: 'A title (danh hiệu): provinces, sectoral unions and VN' },
  },
});

@ObjectType('Award', { description: 'A distinction (khen thưởng) to a collective or a person.' })
export class AwardNode {
  @Field(() => ID)
  id!: string;

  @Field(() => AwardKindValue)
  kind!: string;

  @Field(() => OrgUnitNode, { nullable: true, description: 'The union unit that granted it.' })
  issuer!: OrgUnitNode | null;

  @Field(() => String, {
    nullable: true,
    description: 'An issuer outside the union, such as the provincial People’s Committee.',
  })
  issuerName!: string | null;

  @Field(() => OrgUnitNode, { description: 'The recipient unit, or the unit of the recipient person.' })
  unit!: OrgUnitNode;

  @Field()
  collective!: boolean;

  @Field(() => String, { nullable: true })
  recipientName!: string | null;

  @Field(() => DateScalar)
  awardedOn!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The year honoured, when granted at the next year’s conference.',
  })
  forYear!: number | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  provenance!: string;
}

@ObjectType()
export class AwardEdge {
  @Field()
  cursor!: string;

  @Field(() => AwardNode)
  node!: AwardNode;
}

@ObjectType()
export class AwardConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [AwardEdge])
  edges!: AwardEdge[];
}

@ArgsType()
export class AwardListArgs {
  @Field(() => Int, {
    description: 'Awards honouring this year, in the subtree as it stood at the end of the year.',
  })
  year!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only collective (true) or individual (false) awards.',
  })
  collective?: boolean | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class GrantAwardInput {
  @Field(() => AwardKindValue)
  kind!: string;

  @Field(() => String, { nullable: true, description: 'The granting union unit.' })
  issuerCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Or an authority outside the union.' })
  issuerName?: string | null;

  @Field({ description: 'The recipient unit, or the unit of the recipient person.' })
  unitCode!: string;

  @Field()
  collective!: boolean;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => String, { nullable: true })
  recipientName?: string | null;

  @Field(() => DateScalar)
  awardedOn!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The year honoured, when granted at the next year’s conference; it counts in that year.',
  })
  forYear?: number | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
