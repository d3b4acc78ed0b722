import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

import { MoneyScalar } from '../../shared/money';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { METRICS, metricEnumValue, type StatsValues } from './metrics';

/** The enum of metrics, from the catalogue: MEMBERS, NEW_MEMBERS, WELFARE_AMOUNT, ... */
export const StatsMetric = Object.fromEntries(
  METRICS.map((m) => [metricEnumValue(m.field), m.field]),
) as Record<string, string>;
registerEnumType(StatsMetric, {
  name: 'StatsMetric',
  description: 'A figure of UnitStats, to rank or set targets by.',
  valuesConfig: Object.fromEntries(
    METRICS.map((m) => [metricEnumValue(m.field), { description: m.description }]),
  ),
});

export enum FigureBasisValue {
  LIVE = 'LIVE',
  APPROVED = 'APPROVED',
}
registerEnumType(FigureBasisValue, {
  name: 'FigureBasis',
  description: 'Which figures a statistic reads.',
  valuesConfig: {
    LIVE: { description: 'The records as they stand (the rollups).' },
    APPROVED: {
      description:
        'Only approved annual reports (period "YYYY"): a unit whose report is not approved is missing (null), never zero.',
    },
  },
});

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

/**
 * The rollup of a unit's subtree for a year, with the structure as of the end of that year and the
 * unit's own records included. Its fields are generated from the metric catalogue.
 */
@ObjectType({
  description:
    'The rollup of a unit’s subtree for a year (structure as of 31 December). Amounts are whole VND.',
})
export class UnitStats {
  @Field(() => Int)
  year!: number;

  [field: string]: number | bigint;

  static of(year: number, values: StatsValues): UnitStats {
    return Object.assign(new UnitStats(), values, { year });
  }
}
for (const m of METRICS) {
  Field(() => (m.money ? MoneyScalar : Int), { description: m.description })(UnitStats.prototype, m.field);
}

@ObjectType({ description: 'A child unit and its rollup, ranked among its siblings.' })
export class RankedUnitStats {
  @Field(() => Int, {
    nullable: true,
    description:
      'Competition rank: equal values share a rank (1, 2, 2, 4); null for a unit without figures on the basis asked for (listed last).',
  })
  rank!: number | null;

  @Field(() => OrgUnitNode)
  unit!: OrgUnitNode;

  @Field(() => UnitStats, {
    nullable: true,
    description: 'Null with the APPROVED basis when the unit’s annual report is not approved.',
  })
  stats!: UnitStats | null;
}

@ObjectType({ description: 'A target (chỉ tiêu) and how far the unit’s subtree reached it.' })
export class TargetAchievement {
  @Field(() => StatsMetric)
  metric!: string;

  @Field(() => MoneyScalar, { description: 'The target value (a count, or VND for an amount).' })
  target!: bigint;

  @Field(() => MoneyScalar, { description: 'The value reached, from the rollup.' })
  actual!: bigint;

  @Field(() => Float, { description: 'actual / target; 1.073 is 107.3%.' })
  ratio!: number;

  @Field(() => OrgUnitNode, {
    nullable: true,
    description: 'The unit that set the target, usually the parent.',
  })
  setBy!: OrgUnitNode | null;
}

@ObjectType({ description: 'How the grassroots unions of a subtree were rated for a year.' })
export class RatingSummary {
  @Field(() => Int, { description: 'Grassroots unions in the subtree at the end of the year.' })
  grassrootsUnits!: number;

  @Field(() => Int)
  rated!: number;

  @Field(() => Int, { description: 'Hoàn thành xuất sắc nhiệm vụ.' })
  excellent!: number;

  @Field(() => Int, { description: 'Hoàn thành tốt nhiệm vụ.' })
  good!: number;

  @Field(() => Int, { description: 'Hoàn thành nhiệm vụ.' })
  completed!: number;

  @Field(() => Int, { description: 'Không hoàn thành nhiệm vụ.' })
  notCompleted!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the grassroots unions rated "hoàn thành tốt" or better; null when none exist.',
  })
  goodOrBetterShare!: number | null;
}
