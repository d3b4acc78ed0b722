import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

import { MoneyScalar } from '../../shared/money';
import type { OrgUnitNode } from '../org-unit/org-unit.types';
import type { StatsValues } from './metrics';
import { FigureBasisValue, StatsMetric } from './statistics.types';

export enum PeerGroupValue {
  SIBLINGS = 'SIBLINGS',
  CLUSTER = 'CLUSTER',
  KIND = 'KIND',
}
registerEnumType(PeerGroupValue, {
  name: 'PeerGroup',
  description: 'The units a unit is ranked among.',
  valuesConfig: {
    SIBLINGS: { description: 'The children of its parent on the same tree (needs access to the parent).' },
    CLUSTER: {
      description:
        'The members of its emulation cluster (cụm thi đua) of the year (needs access to the unit that defines the cluster).',
    },
    KIND: {
      description:
        'Every unit of its kind in the country on the same tree, e.g. all provinces (needs national access).',
    },
  },
});

/**
 * The derived figures of a unit for a year, on the same basis and tree as its `stats`. The unit, basis,
 * map day and figures ride along for the change and rank fields; they are not in the schema.
 */
@ObjectType({
  description:
    'Figures derived from a unit’s statistics to compare units of different sizes; null where a denominator is zero.',
})
export class UnitIndicators {
  @Field(() => Int)
  year!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Members admitted in the year per 100 members at its end (tỷ lệ kết nạp).',
  })
  newMembersPer100Members!: number | null;

  @Field(() => Float, { nullable: true, description: 'Members per grassroots union at the end of the year.' })
  membersPerGrassrootsUnion!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of women among the members at the end of the year (tỷ lệ đoàn viên nữ; 0.6 is 60%).',
  })
  womenShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Share of the grassroots unions rated “hoàn thành tốt nhiệm vụ” or better (0.8 is 80%), on the tree of the year.',
  })
  goodOrBetterShare!: number | null;

  @Field(() => Int, { description: 'Targets (chỉ tiêu) set for the unit for the year.' })
  targetsSet!: number;

  @Field(() => Int, { description: 'Targets reached, against the live figures of the tree of the year.' })
  targetsMet!: number;

  @Field(() => Float, { nullable: true, description: 'targetsMet / targetsSet; null when none was set.' })
  targetAchievement!: number | null;

  unit!: OrgUnitNode;
  basis!: FigureBasisValue;
  onTreeOf!: string | null;
  stats!: StatsValues;
}

@ObjectType({ description: 'A figure against the previous year, both on the same basis and tree.' })
export class YearOnYearChange {
  @Field(() => StatsMetric)
  metric!: string;

  @Field(() => MoneyScalar, { nullable: true, description: 'Null when the previous year has no figures.' })
  previous!: bigint | null;

  @Field(() => MoneyScalar)
  current!: bigint;

  @Field(() => MoneyScalar, { nullable: true })
  difference!: bigint | null;

  @Field(() => Float, {
    nullable: true,
    description: '0.05 is +5%; null when the previous value is 0 or missing.',
  })
  ratio!: number | null;
}

@ObjectType({ description: 'Where a unit stands among its peers by one figure.' })
export class PeerRank {
  @Field(() => PeerGroupValue)
  among!: PeerGroupValue;

  @Field(() => StatsMetric)
  metric!: string;

  @Field(() => Int, { description: 'Competition rank: equal values share a rank (1, 2, 2, 4).' })
  rank!: number;

  @Field(() => Int, { description: 'Peers ranked, the unit included (those with figures on the basis).' })
  of!: number;

  @Field(() => Float, {
    description: 'Share of the other peers ranked below it: 1 for the first, 0 for the last.',
  })
  percentile!: number;

  @Field(() => String, { nullable: true, description: 'The cluster’s code, for CLUSTER.' })
  clusterCode!: string | null;
}
