import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateScalar } from '../../graphql/scalars';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { RankedUnitStats } from '../statistics/statistics.types';
import { OFFICER_ROLES } from './organisation.service';

export const OfficerRoleValue = Object.fromEntries(OFFICER_ROLES.map((r) => [r, r]));
registerEnumType(OfficerRoleValue, {
  name: 'OfficerRole',
  valuesConfig: {
    CHAIR: { description: 'Chủ tịch' },
    STANDING_VICE_CHAIR: { description: 'Phó Chủ tịch Thường trực' },
    VICE_CHAIR: { description: 'Phó Chủ tịch' },
  },
});

@ObjectType('Officer', { description: 'An officer of a unit for a term.' })
export class OfficerNode {
  @Field()
  fullName!: string;

  @Field(() => OfficerRoleValue)
  role!: string;

  @Field(() => DateScalar)
  termFrom!: string;

  @Field(() => DateScalar, { nullable: true })
  termTo!: string | null;

  @Field()
  provenance!: string;
}

@ObjectType('CongressTerm', { description: 'A congress (Đại hội) and the term it opens (nhiệm kỳ).' })
export class CongressTermNode {
  @Field(() => String, { nullable: true, description: 'The congress number, such as "XX".' })
  number!: string | null;

  @Field(() => Int)
  fromYear!: number;

  @Field(() => Int)
  toYear!: number;

  @Field()
  provenance!: string;
}

@ObjectType('AnnualTheme', { description: 'The theme of a year (chủ đề năm).' })
export class AnnualThemeNode {
  @Field(() => OrgUnitNode, {
    description: 'The unit that set it: this one, or its nearest ancestor with a theme.',
  })
  unit!: OrgUnitNode;

  @Field()
  theme!: string;

  @Field()
  provenance!: string;
}

@ObjectType('EmulationCluster', {
  description: 'An emulation cluster (cụm thi đua): peer units compared and ranked.',
})
export class EmulationClusterNode {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => [RankedUnitStats], { description: 'The members of that year, ranked by the metric.' })
  ranking!: RankedUnitStats[];
}

@InputType()
export class AppointOfficerInput {
  @Field()
  unitCode!: string;

  @Field()
  fullName!: string;

  @Field(() => OfficerRoleValue)
  role!: string;

  @Field(() => DateScalar)
  termFrom!: string;

  @Field(() => DateScalar, { nullable: true })
  termTo?: string | null;
}
