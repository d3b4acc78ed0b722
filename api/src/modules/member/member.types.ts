import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateScalar } from '../../graphql/scalars';
import { PageInfo } from '../org-unit/org-unit.types';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { MemberCountKey } from './member.loaders';

export enum GenderValue {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(GenderValue, { name: 'Gender' });

@ObjectType({ description: 'A period of a member in one grassroots union.' })
export class MembershipNode {
  @Field(() => OrgUnitNode)
  unit!: OrgUnitNode;

  @Field(() => DateScalar)
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in this union; null while a member.' })
  leftOn!: string | null;

  @Field(() => String, { nullable: true, description: 'TRANSFER, UNIT_CLOSED, or the reason given.' })
  leaveReason!: string | null;

  @Field({ description: 'True for the first period (kết nạp), false for a transfer.' })
  admission!: boolean;
}

@ObjectType('Member', {
  description: 'A union member (đoàn viên). Name, birth date, phone and national id are personal data.',
})
export class MemberNode {
  @Field(() => ID)
  id!: string;

  dbId!: number;

  @Field()
  fullName!: string;

  @Field(() => GenderValue)
  gender!: GenderValue;

  @Field(() => DateScalar, { nullable: true })
  birthDate!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  nationalId!: string | null;

  @Field(() => String, { nullable: true })
  cardNumber!: string | null;
}

@ObjectType()
export class MemberEdge {
  @Field()
  cursor!: string;

  @Field(() => MemberNode)
  node!: MemberNode;
}

@ObjectType()
export class MemberConnection {
  /** The total when the page's read counted it; otherwise `totalCount` counts on demand (countKey). */
  counted!: number | null;

  countKey!: MemberCountKey;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [MemberEdge])
  edges!: MemberEdge[];
}

@ArgsType()
export class MemberListArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Members on this day. Default: the date the unit was reached with.',
  })
  asOf?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Start of a word of the name; case and diacritics are ignored.',
  })
  search?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class CreateMemberInput {
  @Field()
  fullName!: string;

  @Field(() => GenderValue)
  gender!: GenderValue;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'CCCD (12 digits) or CMND (9 digits); unique when given.',
  })
  nationalId?: string | null;

  @Field(() => String, { nullable: true })
  cardNumber?: string | null;

  @Field({ description: 'The grassroots union admitting the member.' })
  unitCode!: string;

  @Field(() => DateScalar)
  joinedOn!: string;
}

@InputType()
export class UpdateMemberInput {
  @Field(() => String, { nullable: true })
  fullName?: string;

  @Field(() => GenderValue, { nullable: true })
  gender?: GenderValue;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  nationalId?: string | null;

  @Field(() => String, { nullable: true })
  cardNumber?: string | null;
}
