import { Arg, Ctx, FieldResolver, Int, Mutation, registerEnumType, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { type Money, MoneyScalar } from '../../shared/money';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { StatsMetric } from '../statistics/statistics.types';
import { RATINGS, type Rating } from './target.entity';
import { rateUnit, setTarget } from './target.service';
import { requireYear } from '../../shared/dates';

export const RatingValue = Object.fromEntries(RATINGS.map((r) => [r, r]));
registerEnumType(RatingValue, {
  name: 'Rating',
  description: 'A unit’s rating for a year (xếp loại).',
  valuesConfig: {
    EXCELLENT: { description: 'Hoàn thành xuất sắc nhiệm vụ' },
    GOOD: { description: 'Hoàn thành tốt nhiệm vụ' },
    COMPLETED: { description: 'Hoàn thành nhiệm vụ' },
    NOT_COMPLETED: { description: 'Không hoàn thành nhiệm vụ' },
  },
});

@Resolver()
export class TargetResolver {
  @Mutation(() => OrgUnitNode, {
    description: 'Sets or replaces a unit’s target (chỉ tiêu) for a year; read it back with OrgUnit.targets.',
  })
  async setTarget(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('metric', () => StatsMetric) metric: string,
    @Arg('value', () => MoneyScalar, { description: 'A count, or whole VND for an amount.' }) value: Money,
    @Arg('setByCode', () => String, { nullable: true }) setByCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode> {
    const target = await setTarget(
      ctx.em,
      ctx.scope,
      { unitCode, year, metric, value, setByCode },
      ctx.today,
    );
    return OrgUnitNode.of((await ctx.loaders.orgUnit.unitById.load(target.unit.id))!, `${year}-12-31`);
  }

  @Mutation(() => OrgUnitNode, { description: 'Rates a unit for a year, replacing an earlier rating.' })
  async rateUnit(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('rating', () => RatingValue) rating: Rating,
    @Ctx() ctx: Context,
  ): Promise<OrgUnitNode> {
    const row = await rateUnit(ctx.em, ctx.scope, unitCode, year, rating, ctx.today);
    return OrgUnitNode.of((await ctx.loaders.orgUnit.unitById.load(row.unit.id))!, `${year}-12-31`);
  }
}

@Resolver(() => OrgUnitNode)
export class OrgUnitRatingResolver {
  @FieldResolver(() => RatingValue, {
    nullable: true,
    description: 'The unit’s own rating for the year, if rated.',
  })
  async rating(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<Rating | null> {
    requireYear(year, ctx.today);
    return (await ctx.loaders.statistics.ratingByUnitId.load({ unitId: unit.dbId, year })) as Rating | null;
  }
}
